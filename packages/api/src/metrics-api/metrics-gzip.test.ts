import { afterEach, describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { getRaw } from '../testing/http-get.js';
import { metricsApp } from '../testing/metrics-app.js';
import { directoriesOf, storeOf, type ClusterSpec } from '../testing/metrics-fixtures.js';
import { randomCluster } from '../testing/random-cluster.js';
import { MetricsResponseCache } from './metrics-response-cache.js';

const PODS = '/apis/metrics.k8s.io/v1beta1/pods';
const NODES = '/apis/metrics.k8s.io/v1beta1/nodes';

function cacheOver(spec: ClusterSpec, gzipLevel?: number): MetricsResponseCache {
  const { nodes, pods } = directoriesOf(spec, spec.timestamp - 86_400_000);
  return new MetricsResponseCache({
    store: storeOf(spec),
    resolutionMs: 15_000,
    nodes,
    pods,
    now: () => spec.timestamp + 5_000,
    sliceMs: 0.01,
    ...(gzipLevel === undefined ? {} : { gzipLevel }),
  });
}

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function appOver(
  spec: ClusterSpec,
): Promise<{ app: FastifyInstance; cache: MetricsResponseCache }> {
  const cache = cacheOver(spec);
  const { nodes, pods } = directoriesOf(spec, spec.timestamp - 86_400_000);
  app = await metricsApp({ store: storeOf(spec), resolutionMs: 15_000, nodes, pods, cache });
  return { app, cache };
}

describe('MetricsResponseCache: the gzipped lists', () => {
  it('gunzip to exactly the plain lists, for pods and nodes', async () => {
    for (const [seed, pods] of [
      [31, 5],
      [32, 300],
      [33, 4_000],
    ] as const) {
      const cache = cacheOver(randomCluster(seed, pods));
      const gzip = await cache.gzippedList('pods');
      const plain = await cache.list('pods', 'v1beta1');
      expect(plain!.length).toBeGreaterThanOrEqual(1024);
      expect(gunzipSync(gzip!).equals(plain!)).toBe(true);
      const nodes = await cache.gzippedList('nodes');
      const plainNodes = (await cache.list('nodes', 'v1beta1'))!;
      if (plainNodes.length >= 1024) expect(gunzipSync(nodes!).equals(plainNodes)).toBe(true);
      else expect(nodes).toBeUndefined();
      const stats = cache.stats().pods;
      expect(stats.gzipBytes).toBe(gzip!.length);
      expect(stats.gzipBytes).toBeLessThan(stats.bytes);
      expect(stats.compressMs).toBeGreaterThanOrEqual(0);
      expect(stats.gzipResponses).toBe(1);
      expect(stats.renders).toBe(1);
    }
  });

  it('keeps none under 1 KB, none with gzipLevel 0, and refuses a bad level by name', async () => {
    const empty = cacheOver(randomCluster(34, 0));
    expect((await empty.list('pods', 'v1beta1'))!.length).toBeLessThan(1024);
    expect(await empty.gzippedList('pods')).toBeUndefined();
    expect(empty.stats().pods.gzipBytes).toBe(0);
    const off = cacheOver(randomCluster(35, 300), 0);
    expect(await off.gzippedList('pods')).toBeUndefined();
    expect(off.stats().pods).toMatchObject({ gzipBytes: 0, gzipResponses: 0 });
    for (const level of [-1, 10, 1.5]) {
      expect(() => cacheOver(randomCluster(36, 1), level)).toThrow(ConfigError);
      expect(() => cacheOver(randomCluster(36, 1), level)).toThrow(/gzipLevel/);
    }
  });
});

describe('metrics.k8s.io routes: Accept-Encoding', () => {
  it('serve the whole lists gzipped once per batch, decompressing to the plain answer', async () => {
    const { app, cache } = await appOver(randomCluster(41, 400));
    for (const url of [PODS, NODES]) {
      const plain = await app.inject({ url });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toBe('accept-encoding');
      for (const header of ['gzip', 'gzip, deflate', '*', 'br;q=1, gzip;q=0.5']) {
        const gzipped = await app.inject({ url, headers: { 'accept-encoding': header } });
        expect([header, gzipped.headers['content-encoding']]).toEqual([header, 'gzip']);
        expect(gzipped.headers.vary).toBe('accept-encoding');
        expect(gzipped.headers['content-type']).toBe(plain.headers['content-type']);
        expect(Number(gzipped.headers['content-length'])).toBe(gzipped.rawPayload.length);
        expect(gunzipSync(gzipped.rawPayload).toString()).toBe(plain.body);
      }
    }
    // The pod list's gzip was made once and served four times.
    expect(cache.stats().pods).toMatchObject({ renders: 1, gzipResponses: 4 });
  });

  it('send identity to clients that do not accept gzip', async () => {
    const { app, cache } = await appOver(randomCluster(42, 400));
    const plain = (await app.inject({ url: PODS })).body;
    for (const header of ['identity', 'gzip;q=0', 'br', '', 'gzip;q=0.5, identity', '*;q=0']) {
      const response = await app.inject({ url: PODS, headers: { 'accept-encoding': header } });
      expect([header, response.headers['content-encoding']]).toEqual([header, undefined]);
      expect(response.headers.vary).toBe('accept-encoding');
      expect(response.body).toBe(plain);
    }
    expect(cache.stats().pods.gzipResponses).toBe(0);
  });

  it('gzip selections, namespaces and v1alpha1 per request, small answers not at all', async () => {
    const spec = randomCluster(43, 400);
    const { app } = await appOver(spec);
    const namespace = spec.pods[0]!.namespace;
    const large = [
      `/apis/metrics.k8s.io/v1beta1/namespaces/${namespace}/pods`,
      `${PODS}?labelSelector=app%21%3Dnone`,
      '/apis/metrics.k8s.io/v1alpha1/pods',
    ];
    for (const url of large) {
      const plain = await app.inject({ url });
      expect([url, plain.rawPayload.length >= 1024]).toEqual([url, true]);
      const gzipped = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect([url, gzipped.headers['content-encoding']]).toEqual([url, 'gzip']);
      expect(gunzipSync(gzipped.rawPayload).toString()).toBe(plain.body);
    }
    const pod = spec.pods[0]!;
    const small = await app.inject({
      url: `/apis/metrics.k8s.io/v1beta1/namespaces/${pod.namespace}/pods/${pod.name}`,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(small.statusCode).toBe(200);
    expect(small.rawPayload.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('send the gzipped list over a real socket with its Content-Length', async () => {
    const { app, cache } = await appOver(randomCluster(44, 2_000));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const plain = await getRaw(port, PODS, undefined);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gzipped = await getRaw(port, PODS, 'gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toBe('accept-encoding');
    expect(Number(gzipped.headers['content-length'])).toBe(gzipped.body.length);
    expect(gzipped.body.length * 4).toBeLessThan(plain.body.length);
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    expect(cache.stats().pods.gzipResponses).toBe(1);
  });
});
