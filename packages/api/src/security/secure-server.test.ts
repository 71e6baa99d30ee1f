import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiServer, InMemoryObjectStore, type ApiServer } from '@heapster/kubesim';
import { tempDir, type TempDir } from '@heapster/testing';
import type { PemKeyPair } from '@heapster/tls';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { directoriesOf, SAMPLE, storeOf } from '../testing/metrics-fixtures.js';
import { clientCa, httpsGet, serverPair, type HttpsCall } from '../testing/tls-fixtures.js';
import { HttpReviewClient } from './http-review-client.js';
import { createSecureServer } from './secure-server.js';
import { loadServingCertificate } from './serving-certificate.js';

const NODES = '/apis/metrics.k8s.io/v1beta1/nodes';
const SA = 'system:serviceaccount:kube-system:heapster';

describe('aggregated-API mode over real TLS, reviewed by kubesim', () => {
  let kubesim: ApiServer;
  let app: FastifyInstance;
  let base: string;
  let servingCa: string;
  let dir: TempDir;
  const reviews: string[] = [];
  const certs: Record<string, PemKeyPair> = {};

  const call = (path: string, options: Omit<HttpsCall, 'ca'> = {}) =>
    httpsGet(`${base}${path}`, { ca: servingCa, ...options });

  beforeAll(async () => {
    const apiTls = await serverPair();
    kubesim = await createApiServer({
      store: new InMemoryObjectStore(),
      tls: { cert: apiTls.pair.certPem, key: apiTls.pair.keyPem },
      requireAuth: true,
      onRequest: entry => {
        if (entry.method === 'POST') reviews.push(entry.url);
      },
      authPolicy: {
        tokens: {
          'sa-token': { username: SA, groups: ['system:serviceaccounts'] },
          'alice-token': { username: 'alice', groups: ['devs'] },
          'bob-token': { username: 'bob' },
          'carol-token': { username: 'carol' },
        },
        rules: [
          {
            user: SA,
            verbs: ['create'],
            apiGroups: ['authentication.k8s.io', 'authorization.k8s.io'],
            resources: ['tokenreviews', 'subjectaccessreviews'],
          },
          {
            group: 'devs',
            verbs: ['get', 'list'],
            apiGroups: ['metrics.k8s.io'],
            resources: ['nodes', 'pods'],
          },
          {
            user: 'carol',
            verbs: ['list'],
            apiGroups: ['metrics.k8s.io'],
            resources: ['pods'],
            namespaces: ['default'],
          },
          { group: 'system:authenticated', verbs: ['get'], nonResourceURLs: ['/apis', '/apis/*'] },
        ],
      },
    });

    const users = await clientCa('client-ca');
    const proxies = await clientCa('front-proxy-ca');
    const rogue = await clientCa('front-proxy-ca');
    certs.alice = await users.issue('alice', ['devs']);
    certs.bob = await users.issue('bob');
    certs.proxy = await proxies.issue('front-proxy-client');
    certs.otherProxy = await proxies.issue('someone-else');
    certs.rogueProxy = await rogue.issue('front-proxy-client');

    dir = await tempDir('secure-server');
    const serving = await loadServingCertificate({ certDir: dir.path });
    servingCa = serving.certPem;
    const directories = directoriesOf(SAMPLE, SAMPLE.timestamp);
    app = await createSecureServer({
      serving,
      auth: {
        requestHeader: {
          clientCaPem: proxies.ca.certPem,
          allowedNames: ['front-proxy-client'],
        },
        clientCaPem: users.ca.certPem,
        reviews: new HttpReviewClient({
          server: kubesim.url,
          ca: apiTls.ca,
          headers: { Authorization: 'Bearer sa-token' },
          timeoutMs: 10_000,
        }),
        tokenCacheTtlMs: 600_000,
        authorizationCacheTtlMs: 600_000,
      },
      metrics: { store: storeOf(SAMPLE), resolutionMs: 15_000, ...directories },
      register: instance => {
        instance.get('/healthz', async () => 'ok');
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await kubesim?.close();
    await dir?.cleanup();
  });

  it('refuses a request without credentials, or with an unknown token, with a 401 Status', async () => {
    for (const reply of [await call(NODES), await call(NODES, { token: 'nope' })]) {
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        reason: 'Unauthorized',
        code: 401,
      });
    }
  });

  it('serves an authorized token and refuses an unauthorized one with a 403 Status', async () => {
    const ok = await call(NODES, { token: 'alice-token' });
    expect(ok.status).toBe(200);
    expect(ok.body.items.map((n: any) => n.metadata.name)).toEqual(['node-a', 'node-b']);
    const denied = await call(NODES, { token: 'bob-token' });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403 });
    expect(denied.body.message).toBe(
      'nodes.metrics.k8s.io is forbidden: User "bob" cannot list resource "nodes" in API group "metrics.k8s.io" at the cluster scope',
    );
  });

  it('asks SubjectAccessReview with the namespace and name of the request', async () => {
    const pods = '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods';
    expect((await call(pods, { token: 'carol-token' })).status).toBe(200);
    const other = await call('/apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods', {
      token: 'carol-token',
    });
    expect(other.status).toBe(403);
    expect(other.body.message).toContain('in the namespace "kube-system"');
    expect((await call('/apis/metrics.k8s.io/v1beta1/pods', { token: 'carol-token' })).status).toBe(
      403,
    );
    // get is not list: carol may list but not get one pod.
    expect((await call(`${pods}/web-0`, { token: 'carol-token' })).status).toBe(403);
    // Discovery is a non-resource request.
    expect((await call('/apis/metrics.k8s.io/v1beta1', { token: 'carol-token' })).status).toBe(200);
  });

  it('caches TokenReview answers per token', async () => {
    const before = reviews.filter(url => url.includes('tokenreviews')).length;
    await call(NODES, { token: 'alice-token' });
    await call(NODES, { token: 'alice-token' });
    expect(reviews.filter(url => url.includes('tokenreviews')).length).toBe(before);
  });

  it('authenticates client certificates of --client-ca-file (CN user, O groups)', async () => {
    expect((await call(NODES, { cert: certs.alice })).status).toBe(200);
    expect((await call(NODES, { cert: certs.bob })).status).toBe(403);
  });

  it('believes front-proxy headers only from an allowed front-proxy certificate', async () => {
    const asAlice = { 'x-remote-user': 'alice', 'x-remote-group': 'devs' };
    const proxied = await call(NODES, { cert: certs.proxy, headers: asAlice });
    expect(proxied.status).toBe(200);
    const asBob = await call(NODES, { cert: certs.proxy, headers: { 'x-remote-user': 'bob' } });
    expect(asBob.status).toBe(403);
    // No certificate, a proxy CN that is not allowed, a look-alike CA: the headers are ignored.
    expect((await call(NODES, { headers: asAlice })).status).toBe(401);
    expect((await call(NODES, { cert: certs.otherProxy, headers: asAlice })).status).toBe(401);
    expect((await call(NODES, { cert: certs.rogueProxy, headers: asAlice })).status).toBe(401);
    // A user certificate with proxy headers is that user, not the one in the headers.
    expect((await call(NODES, { cert: certs.bob, headers: asAlice })).status).toBe(403);
  });

  it('leaves the health paths open', async () => {
    const health = await call('/healthz');
    expect(health).toEqual({ status: 200, body: 'ok' });
  });
});
