import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildDataset, HOUR, T0 } from '../testing/dataset.js';
import { MemoryHistoricalSource } from '../testing/memory-source.js';
import { historicalApiPlugin } from './historical-api-plugin.js';

const START = new Date(T0).toISOString();
const END = new Date(T0 + 6 * HOUR).toISOString();
const range = `start=${START}&end=${END}`;
const P = '/api/v1/historical';

describe('historical API routes: every route of heapster.md §6.4 reaches the right entity', () => {
  let app: FastifyInstance;
  const source = new MemoryHistoricalSource(buildDataset().series, 'influxql');
  beforeAll(async () => {
    app = Fastify();
    await app.register(historicalApiPlugin, { source, now: () => T0 + 6 * HOUR });
  });
  afterAll(() => app.close());

  /** The last source call was `operation`, its leading arguments matching `args`. */
  const expectCall = (operation: string, ...args: unknown[]): void => {
    const call = source.calls[source.calls.length - 1];
    expect(call?.operation).toBe(operation);
    args.forEach((arg, i) => {
      if (typeof arg === 'object' && arg !== null) expect(call?.args[i]).toMatchObject(arg);
      else expect(call?.args[i]).toEqual(arg);
    });
  };
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    expect({
      url,
      status: response.statusCode,
      body: response.statusCode === 200 ? '' : response.body,
    }).toEqual({
      url,
      status: 200,
      body: '',
    });
    return response.json();
  };

  const entities: [string, object][] = [
    ['', { type: 'cluster' }],
    ['/nodes/node-1', { type: 'node', node: 'node-1' }],
    ['/namespaces/ns-a', { type: 'ns', namespace: 'ns-a' }],
    ['/namespaces/ns-a/pods/web-0', { type: 'pod', namespace: 'ns-a', pods: ['web-0'] }],
    [
      '/namespaces/ns-a/pods/web-0/containers/app',
      { type: 'pod_container', namespace: 'ns-a', pods: ['web-0'], container: 'app' },
    ],
    [
      '/nodes/node-1/freecontainers/kubelet',
      { type: 'sys_container', node: 'node-1', container: 'kubelet' },
    ],
    [
      '/nodes/node-1/freecontainers/system.slice%2Fdocker.service',
      { type: 'sys_container', node: 'node-1', container: 'system.slice/docker.service' },
    ],
    ['/pod-id/uid-web-0', { type: 'pod', podIds: ['uid-web-0'] }],
    [
      '/pod-id/uid-web-0/containers/app',
      { type: 'pod_container', podIds: ['uid-web-0'], container: 'app' },
    ],
  ];

  it.each(entities)('%s: metric names, raw values and aggregations', async (path, selector) => {
    for (const names of [`${P}${path}/metrics`, `${P}${path}/metrics/`]) {
      const list = await get(`${names}?${range}`);
      expectCall('metricNames', selector);
      expect(list).toContain('cpu/usage_rate');
    }
    const raw = await get(`${P}${path}/metrics/cpu/usage_rate?${range}`);
    expectCall('points', { ...selector, metric: 'cpu/usage_rate' });
    expect(raw.metrics.length).toBeGreaterThan(1000);
    const aggregated = await get(
      `${P}${path}/metrics-aggregated/average,95-perc/cpu/usage_rate?${range}&bucket=1h`,
    );
    expectCall(
      'aggregate',
      { ...selector, metric: 'cpu/usage_rate' },
      { start: T0, end: T0 + 6 * HOUR },
      { aggregations: ['average'], percentiles: [95], bucketMs: HOUR },
    );
    expect(aggregated.buckets).toHaveLength(7);
  });

  it('answers pod lists and pod-id lists with one item per pod, in the order asked', async () => {
    const raw = await get(
      `${P}/namespaces/ns-a/pod-list/web-1,nope,web-0/metrics/cpu/usage_rate?${range}`,
    );
    expectCall('points', {
      type: 'pod',
      namespace: 'ns-a',
      pods: ['web-1', 'nope', 'web-0'],
      groupBy: 'pod',
    });
    expect(raw.items.map((item: { metrics: unknown[] }) => item.metrics.length > 0)).toEqual([
      true,
      false,
      true,
    ]);
    const aggregated = await get(
      `${P}/pod-id-list/uid-web-0,uid-web-1/metrics-aggregated/max/cpu/usage_rate?${range}`,
    );
    expectCall('aggregate', { type: 'pod', podIds: ['uid-web-0', 'uid-web-1'], groupBy: 'pod_id' });
    expect(aggregated.items).toHaveLength(2);
    const ids = await get(`${P}/pod-id-list/uid-web-1/metrics/cpu/usage_rate?${range}`);
    expect(ids.items).toHaveLength(1);
    await get(
      `${P}/namespaces/ns-a/pod-list/web-0/metrics-aggregated/count/cpu/usage_rate?${range}`,
    );
  });

  it('lists entities, with and without a trailing slash, over all history by default', async () => {
    const cases: [string, string, object, string[]][] = [
      ['/nodes', 'node', { type: 'node' }, ['node-1']],
      ['/namespaces', 'namespace', { type: 'pod' }, ['ns-a', 'ns-b']],
      ['/namespaces/ns-a/pods', 'pod', { type: 'pod', namespace: 'ns-a' }, ['web-0', 'web-1']],
      [
        '/namespaces/ns-a/pods/web-0/containers',
        'container',
        { type: 'pod_container', namespace: 'ns-a', pods: ['web-0'] },
        ['app'],
      ],
      [
        '/nodes/node-1/freecontainers',
        'container',
        { type: 'sys_container', node: 'node-1' },
        ['kubelet', 'system.slice/docker.service'],
      ],
      [
        '/pod-id/uid-web-0/containers',
        'container',
        { type: 'pod_container', podIds: ['uid-web-0'] },
        ['app'],
      ],
    ];
    for (const [path, field, selector, expected] of cases) {
      for (const url of [`${P}${path}`, `${P}${path}/`]) {
        expect(await get(url)).toEqual(expected);
        expectCall('entities', field, selector, { start: 0, end: T0 + 6 * HOUR });
      }
    }
    expect(
      await get(`${P}/namespaces/ns-a/pods?start=${new Date(T0 + 5 * HOUR).toISOString()}`),
    ).toEqual(['web-0']);
  });

  it('accepts the deprecated model-API metric names and labels for labeled metrics', async () => {
    await get(`${P}/nodes/node-1/metrics/cpu-usage?${range}`);
    expectCall('points', { metric: 'cpu/usage_rate' });
    const fs = await get(
      `${P}/namespaces/ns-a/pods/web-0/containers/app/metrics-aggregated/max/filesystem/usage?${range}&labels=resource_id:logs`,
    );
    expectCall('aggregate', { metric: 'filesystem/usage', labels: { resource_id: 'logs' } });
    expect(fs.buckets[0].maximum.intValue).toBeLessThan(50_000);
  });
});
