import { afterEach, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { getRaw } from '../testing/http-get.js';
import { directoriesOf, storeOf } from '../testing/metrics-fixtures.js';
import { randomCluster } from '../testing/random-cluster.js';
import { RESOLUTION_MS, sampleApp, type TestApp } from '../testing/sample-cluster.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.app.close();
  t = undefined;
});

/** The app over a random cluster of 300 pods, with its informer nodes and pods. */
async function app(): Promise<TestApp> {
  const spec = randomCluster(5, 300);
  const { nodes, pods } = directoriesOf(spec, spec.timestamp - 86_400_000);
  const store = storeOf(spec, RESOLUTION_MS);
  return sampleApp({}, { store, metricsApi: { store, resolutionMs: RESOLUTION_MS, nodes, pods } });
}

// Big enough (≥ 1 KB) bodies of every kind: JSON lists, a streamed text exposition, metric-export.
const LARGE = [
  '/api/v1/model/debug/allkeys',
  '/metrics/cluster',
  '/api/v1/metric-export',
  '/api/v1/metric-export-schema',
  '/api/v1/pods',
  '/api/v1/nodes',
];

describe('per-request compression (@fastify/compress) of the other large answers', () => {
  it('gzips each for a client that accepts it, to exactly the plain body', async () => {
    t = await app();
    for (const url of LARGE) {
      const plain = await t.app.inject({ url });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect([url, plain.rawPayload.length >= 1024]).toEqual([url, true]);
      const gzipped = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate' } });
      expect([url, gzipped.headers['content-encoding']]).toEqual([url, 'gzip']);
      expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
      expect(gzipped.headers['content-type']).toBe(plain.headers['content-type']);
      expect(gunzipSync(gzipped.rawPayload).toString()).toBe(plain.body);
    }
  });

  it('sends identity without gzip among the acceptable codings', async () => {
    t = await app();
    for (const header of ['identity', 'gzip;q=0', 'br', '', 'gzip;q=0.5, identity']) {
      const response = await t.app.inject({
        url: '/api/v1/model/debug/allkeys',
        headers: { 'accept-encoding': header },
      });
      expect([header, response.headers['content-encoding']]).toEqual([header, undefined]);
      expect(response.json()).toEqual(expect.any(Array));
    }
  });

  it('leaves bodies under 1 KB alone', async () => {
    t = await app();
    for (const url of ['/healthz', '/api/v1/model/nodes', '/apis/metrics.k8s.io/v1beta1']) {
      const response = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(response.rawPayload.length).toBeLessThan(1024);
      expect([url, response.headers['content-encoding']]).toEqual([url, undefined]);
    }
  });

  it('gzips over a real socket, chunked or with the compressed Content-Length', async () => {
    t = await app();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    for (const path of ['/metrics/cluster', '/api/v1/model/debug/allkeys']) {
      const plain = await getRaw(port, path, undefined);
      const gzipped = await getRaw(port, path, 'gzip');
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      const length = gzipped.headers['content-length'];
      if (length !== undefined) expect(Number(length)).toBe(gzipped.body.length);
      else expect(gzipped.headers['transfer-encoding']).toBe('chunked');
      expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    }
  });
});
