import { afterEach, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { directoriesOf, storeOf } from '../testing/metrics-fixtures.js';
import { randomCluster } from '../testing/random-cluster.js';
import { RESOLUTION_MS, sampleApp, type TestApp } from '../testing/sample-cluster.js';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const t of apps.splice(0)) await t.app.close();
});

async function app(registry: Registry): Promise<TestApp> {
  const spec = randomCluster(9, 500);
  const { nodes, pods } = directoriesOf(spec, spec.timestamp - 86_400_000);
  const store = storeOf(spec, RESOLUTION_MS);
  const t = await sampleApp(
    {},
    { store, registry, metricsApi: { store, resolutionMs: RESOLUTION_MS, nodes, pods } },
  );
  apps.push(t);
  return t;
}

/** The value of one sample line of a text exposition. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find(l => l.startsWith(`${series} `));
  return line === undefined ? Number.NaN : Number(line.slice(series.length + 1));
}

describe('self-metrics of the metrics.k8s.io list cache', () => {
  it('report the held lists, plain and gzipped, their compression and gzip responses', async () => {
    const registry = new Registry();
    const t = await app(registry);
    const before = (await t.app.inject({ url: '/metrics' })).body;
    expect(sample(before, 'heapster_metrics_api_list_bytes{list="pods",encoding="gzip"}')).toBe(0);
    expect(before).not.toContain('heapster_metrics_api_list_compress_seconds{');
    const plain = await t.app.inject({ url: '/apis/metrics.k8s.io/v1beta1/pods' });
    for (let i = 0; i < 2; i++) {
      const gzipped = await t.app.inject({
        url: '/apis/metrics.k8s.io/v1beta1/pods',
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(gzipped.headers['content-encoding']).toBe('gzip');
    }
    const text = (await t.app.inject({ url: '/metrics' })).body;
    const series = (labels: string) => sample(text, `heapster_metrics_api_list_bytes{${labels}}`);
    expect(series('list="pods",encoding="identity"')).toBe(plain.rawPayload.length);
    const gzipBytes = series('list="pods",encoding="gzip"');
    expect(gzipBytes).toBeGreaterThan(0);
    expect(gzipBytes).toBeLessThan(plain.rawPayload.length);
    expect(
      sample(text, 'heapster_metrics_api_list_compress_seconds{list="pods"}'),
    ).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'heapster_metrics_api_list_gzip_responses_total{list="pods"}')).toBe(2);
    expect(sample(text, 'heapster_metrics_api_list_gzip_responses_total{list="nodes"}')).toBe(0);
  });

  it('follow the newest app built on a registry', async () => {
    const registry = new Registry();
    await app(registry);
    const second = await app(registry);
    await second.app.inject({
      url: '/apis/metrics.k8s.io/v1beta1/pods',
      headers: { 'accept-encoding': 'gzip' },
    });
    const text = (await second.app.inject({ url: '/metrics' })).body;
    expect(sample(text, 'heapster_metrics_api_list_gzip_responses_total{list="pods"}')).toBe(1);
  });
});
