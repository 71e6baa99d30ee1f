import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { noopLogger } from '@heapster/runtime';
import type { PemKeyPair } from '@heapster/tls';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { installErrorHandling } from '../errors/error-handling.js';
import { metricsApiPlugin } from '../metrics-api/metrics-api-plugin.js';
import { SAMPLE, storeOf } from '../testing/metrics-fixtures.js';
import { clientCa, httpsGet, serverPair, type HttpsCall } from '../testing/tls-fixtures.js';
import { heapsterTls } from './heapster-tls.js';

const NODES = '/apis/metrics.k8s.io/v1beta1/nodes';

describe("Heapster's --tls_cert, --tls_key, --tls_client_ca and --allowed_users", () => {
  let app: FastifyInstance;
  let plain: FastifyInstance;
  let serving: { ca: string; pair: PemKeyPair };
  const certs: Record<string, PemKeyPair> = {};
  const url = (server: FastifyInstance, path: string) =>
    `https://127.0.0.1:${(server.server.address() as AddressInfo).port}${path}`;

  async function start(tls: ReturnType<typeof heapsterTls>): Promise<FastifyInstance> {
    const server = Fastify({ https: tls.https });
    installErrorHandling(server, noopLogger);
    if (tls.onRequest !== undefined) server.addHook('onRequest', tls.onRequest);
    await server.register(metricsApiPlugin, { store: storeOf(SAMPLE), resolutionMs: 15_000 });
    server.get('/healthz', async () => 'ok');
    await server.listen({ port: 0, host: '127.0.0.1' });
    return server;
  }

  beforeAll(async () => {
    serving = await serverPair();
    const users = await clientCa('heapster-clients');
    const strangers = await clientCa('other-ca');
    certs.alice = await users.issue('alice');
    certs.bob = await users.issue('bob');
    certs.stranger = await strangers.issue('alice');
    app = await start(
      heapsterTls({
        certPem: serving.pair.certPem,
        keyPem: serving.pair.keyPem,
        clientCaPem: users.ca.certPem,
        allowedUsers: ['alice'],
      }),
    );
    plain = await start(
      heapsterTls({ certPem: serving.pair.certPem, keyPem: serving.pair.keyPem }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await plain?.close();
  });

  const call = (path: string, options: Omit<HttpsCall, 'ca'> = {}, server = app) =>
    httpsGet(url(server, path), { ca: serving.ca, ...options });

  it('serves HTTPS without client certificates when no client CA is given', async () => {
    expect((await call(NODES, {}, plain)).status).toBe(200);
  });

  it('requires a client certificate of the CA (401) whose CN is allowed (403)', async () => {
    const none = await call(NODES);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ kind: 'Status', reason: 'Unauthorized' });
    expect((await call(NODES, { cert: certs.stranger })).status).toBe(401);
    const bob = await call(NODES, { cert: certs.bob });
    expect(bob.status).toBe(403);
    expect(bob.body.message).toBe('user "bob" is not in --allowed_users');
    const alice = await call(NODES, { cert: certs.alice });
    expect(alice.status).toBe(200);
    expect(alice.body.items).toHaveLength(2);
  });

  it('leaves /healthz open, as Heapster did', async () => {
    expect(await call('/healthz')).toEqual({ status: 200, body: 'ok' });
  });

  it('refuses --allowed_users without --tls_client_ca, naming the flag', () => {
    expect(() => heapsterTls({ certPem: 'x', keyPem: 'y', allowedUsers: ['alice'] })).toThrow(
      /--allowed_users/,
    );
    expect(() =>
      heapsterTls({ certPem: 'x', keyPem: 'y', clientCaPem: 'not a certificate' }),
    ).toThrow(/--tls_client_ca/);
  });
});
