import { afterEach, describe, expect, it } from '@jest/globals';
import { sampleApp, T0, RESOLUTION_MS, type TestApp } from '../testing/sample-cluster.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.app.close();
});

describe('/api/v1/metric-export', () => {
  it('should export nodes, pods, pod containers and system containers of the newest batch', async () => {
    t = await sampleApp();
    const response = await t.app.inject({ url: '/api/v1/metric-export' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    const series = response.json() as any[];
    // 2 nodes + 3 pods + 4 containers + 1 system container; namespaces and cluster are not exported.
    expect(series).toHaveLength(10);
    const containerNames = series.map(s => s.labels.container_name);
    expect(containerNames.filter(name => name === 'machine')).toHaveLength(2);
    expect(containerNames.filter(name => name === '/pod')).toHaveLength(3);
    expect(containerNames).toContain('kubelet');
  });

  it('should carry the export metrics and labels only, with Heapster point times', async () => {
    t = await sampleApp();
    const series = (await t.app.inject({ url: '/api/v1/metric-export' })).json() as any[];
    const end = new Date(T0 + 2 * RESOLUTION_MS).toISOString().replace('.000', '');
    const app = series.find(
      s => s.labels.container_name === 'app' && s.metrics['filesystem/usage'],
    )!;
    expect(Object.keys(app.metrics).sort()).toEqual([
      'cpu/usage',
      'filesystem/usage',
      'memory/working_set',
    ]);
    expect(app.metrics['memory/working_set']).toEqual([{ start: end, end, value: 202_000_000 }]);
    // cumulative: start is when counting began
    expect(app.metrics['cpu/usage'][0].start).toBe('2023-12-31T23:00:00Z');
    expect(app.metrics['filesystem/usage']).toEqual([
      { start: end, end, labels: { resource_id: '/' }, value: 102 },
      { start: end, end, labels: { resource_id: 'logs' }, value: 202 },
    ]);
    const pod = series.find(s => s.labels.pod_id === 'uid-web-1')!;
    expect(pod.labels).toEqual({
      pod_name: 'web-1',
      nodename: 'node-a',
      pod_id: 'uid-web-1',
      labels: 'app:web,tier:"front"',
      container_name: '/pod',
    });
  });

  it('should answer [] with --disable_export and before the first batch', async () => {
    t = await sampleApp({ disableExport: true });
    expect((await t.app.inject({ url: '/api/v1/metric-export' })).json()).toEqual([]);
    await t.app.close();
    t = await sampleApp({}, {}, 0);
    expect((await t.app.inject({ url: '/api/v1/metric-export' })).json()).toEqual([]);
  });
});

describe('/api/v1/metric-export-schema', () => {
  it('should describe the exported metrics and labels, each list with its own labels', async () => {
    t = await sampleApp();
    const schema = (await t.app.inject({ url: '/api/v1/metric-export-schema' })).json() as any;
    const names = schema.metrics.map((m: any) => m.name);
    expect(names.slice(0, 2)).toEqual(['uptime', 'cpu/usage']);
    expect(names).toEqual(
      expect.arrayContaining(['cpu/limit', 'memory/limit', 'filesystem/usage']),
    );
    expect(schema.metrics.find((m: any) => m.name === 'filesystem/usage')).toMatchObject({
      type: 'gauge',
      value_type: 'int64',
      units: 'bytes',
      labels: [{ key: 'resource_id' }],
    });
    expect(schema.common_labels.map((l: any) => l.key)).toEqual([
      'nodename',
      'hostname',
      'host_id',
      'container_name',
      'container_base_image',
    ]);
    expect(schema.pod_labels.map((l: any) => l.key)).toEqual([
      'pod_name',
      'pod_id',
      'namespace_id',
      'labels',
    ]);
  });
});
