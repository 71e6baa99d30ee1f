import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RESOLUTION_MS, sampleApp, T0, type TestApp } from '../testing/sample-cluster.js';

const M = '/api/v1/model';
let t: TestApp;

beforeAll(async () => {
  t = await sampleApp();
});
afterAll(async () => {
  await t.app.close();
});

async function get(url: string): Promise<{ status: number; body: any }> {
  const response = await t.app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() };
}

const iso = (i: number) => new Date(T0 + i * RESOLUTION_MS).toISOString().replace('.000', '');

describe('model API lists', () => {
  it('should list nodes by Node name, the names the node routes take', async () => {
    const nodes = await get(`${M}/nodes/`);
    expect(nodes).toEqual({ status: 200, body: ['node-a', 'node-b'] });
    expect((await get(`${M}/nodes/node-a/metrics/cpu/usage_rate`)).status).toBe(200);
  });

  it('should list namespaces, pods, containers and free containers', async () => {
    expect((await get(`${M}/namespaces`)).body).toEqual(['default', 'kube-system']);
    expect((await get(`${M}/namespaces/default/pods/`)).body).toEqual(['web-1', 'web-2']);
    expect((await get(`${M}/namespaces/default/pods/web-1/containers`)).body).toEqual([
      'app',
      'sidecar',
    ]);
    expect((await get(`${M}/nodes/node-a/freecontainers/`)).body).toEqual(['kubelet']);
  });

  it('should list the metric names of every entity level', async () => {
    expect((await get(`${M}/metrics/`)).body).toContain('cpu/usage_rate');
    expect((await get(`${M}/nodes/node-a/metrics`)).body).toContain('cpu/node_utilization');
    expect((await get(`${M}/namespaces/default/metrics/`)).body).toContain('memory/working_set');
    expect((await get(`${M}/namespaces/default/pods/web-1/metrics`)).body).toContain('cpu/usage');
    const container = await get(`${M}/namespaces/default/pods/web-1/containers/app/metrics`);
    expect(container.body).toEqual(
      expect.arrayContaining(['filesystem/usage', 'custom/queue_delta']),
    );
    expect((await get(`${M}/nodes/node-a/freecontainers/kubelet/metrics/`)).body).toContain(
      'cpu/usage_rate',
    );
  });

  it('should list every metric-set key of the newest batch', async () => {
    const keys = (await get(`${M}/debug/allkeys`)).body as string[];
    expect(keys).toContain('namespace:default/pod:web-1/container:app');
    expect(keys).toContain('node:node-a/container:kubelet');
    expect(keys).toContain('cluster');
  });

  it('should answer 404 for the children of an unknown parent, [] for a known one without', async () => {
    expect((await get(`${M}/namespaces/nope/pods`)).status).toBe(404);
    expect((await get(`${M}/nodes/node-b/freecontainers`)).body).toEqual([]);
    const missing = await get(`${M}/nodes/nope/metrics`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      code: 'HEAPSTER_ERR_NOT_FOUND',
      error: 'node "nope" not found',
    });
  });
});

describe('model API values', () => {
  it('should return every point as a float, oldest first, with the latest timestamp', async () => {
    const result = await get(`${M}/namespaces/default/pods/web-2/metrics/cpu/usage_rate`);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      metrics: [0, 1, 2].map(i => ({ timestamp: iso(i), value: 50.5 + i })),
      latestTimestamp: iso(2),
    });
  });

  it('should keep ratios and negative values instead of wrapping them through uint64', async () => {
    const ratio = await get(`${M}/nodes/node-a/metrics/cpu/node_utilization`);
    expect(ratio.body.metrics.map((p: any) => p.value)).toEqual([0.25, 0.25, 0.25]);
    const custom = await get(
      `${M}/namespaces/default/pods/web-1/containers/app/metrics/custom/queue_delta`,
    );
    expect(custom.body.metrics.at(-1).value).toBe(-2.5);
  });

  it('should serve every level, free containers and the cluster', async () => {
    expect((await get(`${M}/metrics/cpu/usage_rate`)).body.metrics.at(-1).value).toBe(3002);
    expect(
      (await get(`${M}/namespaces/kube-system/metrics/cpu/usage_rate`)).body.metrics,
    ).toHaveLength(3);
    const kubelet = await get(`${M}/nodes/node-a/freecontainers/kubelet/metrics/cpu/usage_rate`);
    expect(kubelet.body.metrics.at(-1).value).toBe(52);
    const app = await get(
      `${M}/namespaces/default/pods/web-1/containers/app/metrics/memory/working_set`,
    );
    expect(app.body.metrics.at(-1).value).toBe(202_000_000);
  });

  it('should bound points by start and end, both inclusive', async () => {
    const url = `${M}/nodes/node-b/metrics/cpu/usage_rate?start=${iso(1)}&end=${iso(1)}`;
    expect((await get(url)).body.metrics).toEqual([{ timestamp: iso(1), value: 2001 }]);
    const offset = `${M}/nodes/node-b/metrics/cpu/usage_rate?start=2024-01-01T01:01:00%2B01:00`;
    expect((await get(offset)).body.metrics.map((p: any) => p.value)).toEqual([2001, 2002]);
    // An unencoded '+' arrives as a space; it is read as the offset's sign.
    const plus = `${M}/nodes/node-b/metrics/cpu/usage_rate?start=2024-01-01T01:02:00+01:00`;
    expect((await get(plus)).body.metrics.map((p: any) => p.value)).toEqual([2002]);
  });

  it("should return an empty result with Go's zero time when nothing is in range", async () => {
    const result = await get(`${M}/nodes/node-b/metrics/cpu/usage_rate?end=2023-01-01T00:00:00Z`);
    expect(result.body).toEqual({ metrics: [], latestTimestamp: '0001-01-01T00:00:00Z' });
  });

  it('should select a labeled series by its exact labels', async () => {
    const url = `${M}/namespaces/default/pods/web-1/containers/app/metrics/filesystem/usage`;
    expect((await get(`${url}?labels=resource_id:logs`)).body.metrics.at(-1).value).toBe(202);
    expect((await get(`${url}?labels=resource_id:/`)).body.metrics.at(-1).value).toBe(102);
  });

  it('should accept the deprecated metric aliases', async () => {
    const alias = await get(`${M}/nodes/node-a/metrics/cpu-usage`);
    const real = await get(`${M}/nodes/node-a/metrics/cpu/usage_rate`);
    expect(alias.body).toEqual(real.body);
    expect((await get(`${M}/nodes/node-a/metrics/memory-working`)).body.metrics.at(-1).value).toBe(
      1_002_000_000,
    );
  });

  it('should accept a metric name with an encoded slash', async () => {
    expect((await get(`${M}/nodes/node-a/metrics/cpu%2Fusage_rate`)).body.metrics).toHaveLength(3);
  });

  it('should answer the pod-list route with one result per pod, in request order', async () => {
    const result = await get(`${M}/namespaces/default/pod-list/web-2,nope,web-1/metrics/cpu-usage`);
    expect(result.body.items).toHaveLength(3);
    expect(result.body.items[0].metrics.at(-1).value).toBe(52.5);
    expect(result.body.items[1]).toEqual({ metrics: [], latestTimestamp: '0001-01-01T00:00:00Z' });
    expect(result.body.items[2].metrics.at(-1).value).toBe(252);
  });
});

describe('model API errors', () => {
  it.each([
    ['start', `${M}/nodes/node-a/metrics/cpu/usage_rate?start=yesterday`],
    ['end', `${M}/nodes/node-a/metrics/cpu/usage_rate?end=2024-02-30T00:00:00Z`],
    ['start', `${M}/metrics/cpu/usage_rate?start=a&start=b`],
    ['labels', `${M}/nodes/node-a/metrics/filesystem/usage?labels=resource_id`],
    ['pod-list', `${M}/namespaces/default/pod-list/a,,b/metrics/cpu/usage_rate`],
  ])('should answer 400 naming %s', async (parameter, url) => {
    const result = await get(url);
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      code: 'HEAPSTER_ERR_BAD_PARAMETER',
      status: 400,
      parameter,
    });
    expect(result.body.error).toContain(parameter);
  });

  it('should answer 404 for an unknown metric and an unknown entity', async () => {
    const metric = await get(`${M}/nodes/node-a/metrics/cpu/usage_ratio`);
    expect(metric).toMatchObject({ status: 404, body: { code: 'HEAPSTER_ERR_UNKNOWN_METRIC' } });
    const pod = await get(`${M}/namespaces/default/pods/nope/metrics/cpu/usage_rate`);
    expect(pod).toMatchObject({
      status: 404,
      body: { code: 'HEAPSTER_ERR_NOT_FOUND', error: 'pod "default/nope" not found' },
    });
  });

  it('should answer 404 with a Heapster body for an unknown model route', async () => {
    const result = await get(`${M}/stats/`);
    expect(result).toMatchObject({ status: 404, body: { code: 'HEAPSTER_ERR_ROUTE_NOT_FOUND' } });
  });
});
