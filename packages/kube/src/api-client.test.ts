import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiServer, InMemoryObjectStore, type ApiServer } from '@heapster/kubesim';
import { createCertificateAuthority, issueCertificate } from '@heapster/tls';
import { KubeApiClient, KubeApiError, WatchInactiveError } from './api-client.js';
import { loadKubeConfig } from './kube-config.js';
import { listPages } from './list-pages.js';
import { parseKubernetesSourceUri } from './source-uri.js';
import { nodeJson } from './testing/fixtures.js';
import { asNew, startKubesimApi } from './testing/kubesim-api.js';

const dir = mkdtempSync(join(tmpdir(), 'kube-api-client-'));
let server: ApiServer;
let caPem: string;
let clientPair: { certPem: string; keyPem: string };

beforeAll(async () => {
  const ca = await createCertificateAuthority({ commonName: 'kubesim-ca' });
  caPem = ca.certPem;
  const serving = await issueCertificate(ca, {
    commonName: 'kubesim',
    ipAddresses: ['127.0.0.1'],
    usage: 'server',
  });
  clientPair = await issueCertificate(ca, {
    commonName: 'heapster',
    organizations: ['system:masters'],
    usage: 'client',
  });
  const store = new InMemoryObjectStore();
  store.create(asNew(nodeJson('node-a')));
  server = await createApiServer({
    store,
    tls: { cert: serving.certPem, key: serving.keyPem, ca: ca.certPem },
    authPolicy: { tokens: { 'good-token': { username: 'heapster', groups: ['system:masters'] } } },
  });
  writeFileSync(join(dir, 'ca.crt'), caPem);
  writeFileSync(join(dir, 'client.crt'), clientPair.certPem);
  writeFileSync(join(dir, 'client.key'), clientPair.keyPem);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function clientFor(
  user: string,
  ca = 'certificate-authority: ca.crt',
  extraQuery = '',
): KubeApiClient {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}`);
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: sim',
      'clusters:',
      '- name: sim',
      `  cluster: {server: "${server.url}", ${ca}}`,
      'contexts:',
      '- name: sim',
      '  context: {cluster: sim, user: u}',
      'users:',
      '- name: u',
      `  user: ${user}`,
      '',
    ].join('\n'),
  );
  const source = parseKubernetesSourceUri(
    `kubernetes.summary_api:?inClusterConfig=false&auth=${file}${extraQuery}`,
    {},
  );
  return new KubeApiClient(loadKubeConfig(source.apiServer, { env: {}, homeDir: null }).kubeConfig);
}

async function nodeNames(client: KubeApiClient): Promise<string[]> {
  const names: string[] = [];
  for await (const page of listPages(client, '/api/v1/nodes', { pageSize: 10 })) {
    for (const item of page.items)
      names.push((item as { metadata: { name: string } }).metadata.name);
  }
  return names;
}

describe('KubeApiClient over client-node credentials', () => {
  it('gets a token from an exec plugin through client-node, loaded on demand', async () => {
    const plugin = join(dir, 'exec-plugin.mjs');
    writeFileSync(
      plugin,
      `console.log(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'good-token' } }));`,
    );
    const client = clientFor(
      `{exec: {apiVersion: client.authentication.k8s.io/v1, command: "${process.execPath}", args: ["${plugin}"], interactiveMode: Never}}`,
    );
    expect(client.kubeConfig.usesClientNode).toBe(true);
    expect(await nodeNames(client)).toEqual(['node-a']);
  });

  it('reads a gzip-compressed answer and sends the usual headers', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const gzipServer = http.createServer((request, response) => {
      seen.push(request.headers);
      const body = JSON.stringify({
        kind: 'NodeList',
        metadata: { resourceVersion: '7' },
        items: [{ metadata: { name: 'zipped' } }],
      });
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      response.end(gzipSync(body));
    });
    await new Promise<void>(resolve => gzipServer.listen(0, '127.0.0.1', resolve));
    try {
      const port = (gzipServer.address() as AddressInfo).port;
      const source = parseKubernetesSourceUri(
        `kubernetes.summary_api:http://127.0.0.1:${port}?inClusterConfig=false`,
        {},
      );
      const client = new KubeApiClient(
        loadKubeConfig(source.apiServer, { env: {}, homeDir: null }).kubeConfig,
      );
      expect(await nodeNames(client)).toEqual(['zipped']);
      expect(seen[0]).toMatchObject({
        accept: 'application/json',
        'accept-encoding': 'gzip',
        'user-agent': 'heapster-ts',
      });
      client.close();
    } finally {
      gzipServer.closeAllConnections();
      await new Promise(resolve => gzipServer.close(resolve));
    }
  });

  it('verifies the server against the kubeconfig CA and sends the bearer token', async () => {
    expect(await nodeNames(clientFor('{token: good-token}'))).toEqual(['node-a']);
  });

  it('authenticates with a client certificate', async () => {
    expect(
      await nodeNames(clientFor('{client-certificate: client.crt, client-key: client.key}')),
    ).toEqual(['node-a']);
  });

  it('fails verification without the CA, and succeeds with insecure=true', async () => {
    const unverified = clientFor('{token: good-token}', 'insecure-skip-tls-verify: false');
    await expect(nodeNames(unverified)).rejects.toThrow(/self[- ]signed certificate/);
    const insecure = clientFor(
      '{token: good-token}',
      'insecure-skip-tls-verify: false',
      '&insecure=true',
    );
    expect(await nodeNames(insecure)).toEqual(['node-a']);
  });

  it('turns a Status answer into a KubeApiError with status and reason', async () => {
    const error = await nodeNames(clientFor('{token: wrong-token}')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KubeApiError);
    expect(error).toMatchObject({ status: 401, reason: 'Unauthorized', expired: false });
    expect((error as Error).message).toMatch(/^GET \/api\/v1\/nodes: 401 Unauthorized: /);
  });

  it('posts JSON with the same credentials (a TokenReview)', async () => {
    const answer = (await clientFor('{token: good-token}').postJson(
      '/apis/authentication.k8s.io/v1/tokenreviews',
      {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenReview',
        spec: { token: 'good-token' },
      },
    )) as { status: { authenticated: boolean; user: { username: string } } };
    expect(answer.status).toMatchObject({ authenticated: true, user: { username: 'heapster' } });
    const refused = await clientFor('{token: wrong-token}')
      .postJson('/apis/authentication.k8s.io/v1/tokenreviews', {})
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 401 });
  });

  it('ends a silent watch with WatchInactiveError', async () => {
    const api = await startKubesimApi({ client: { watchInactivityMs: 100 } });
    try {
      const lines: unknown[] = [];
      const consume = async (): Promise<void> => {
        for await (const line of api.client.watch('/api/v1/nodes', {
          resourceVersion: String(api.store.resourceVersion),
        }))
          lines.push(line);
      };
      await expect(consume()).rejects.toBeInstanceOf(WatchInactiveError);
      expect(lines).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
