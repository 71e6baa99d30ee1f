import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import {
  createMemoryLogger,
  PermanentError,
  RetryableError,
  TimeoutError,
} from '@heapster/runtime';
import type { HistoricalSource } from '@heapster/sink';
import { HOUR, T0, type PlainSeries } from '../testing/dataset.js';
import { MemoryHistoricalSource } from '../testing/memory-source.js';
import {
  HISTORICAL_MAX_PARAM_LENGTH,
  historicalApiPlugin,
  type HistoricalApiOptions,
} from './historical-api-plugin.js';

const P = '/api/v1/historical';
const iso = (ms: number): string => new Date(ms).toISOString();
const node = { type: 'node', nodename: 'node-1' };
const series: PlainSeries[] = [
  {
    metric: 'cpu/usage_rate',
    tags: node,
    points: [1, 2, 3, 4].map((v, i) => ({ timestamp: T0 + i * 1000, value: v * 10 })),
  },
  {
    metric: 'cpu/node_utilization',
    tags: node,
    points: [
      { timestamp: T0, value: 0.25 },
      { timestamp: T0 + HOUR, value: 0.5 },
    ],
  },
];

describe('historical API answers', () => {
  let app: FastifyInstance;
  let source: MemoryHistoricalSource;
  let registry: Registry;
  const start = async (
    options: Partial<HistoricalApiOptions> = {},
    backend?: HistoricalSource,
  ): Promise<void> => {
    app = Fastify();
    await app.register(historicalApiPlugin, {
      source: backend ?? source,
      registry,
      now: () => T0 + 2 * HOUR,
      ...options,
    });
  };
  const get = (url: string) => app.inject({ method: 'GET', url });
  beforeEach(() => {
    source = new MemoryHistoricalSource(series, 'influxql');
    registry = new Registry();
  });
  afterEach(() => app.close());

  it("shapes aggregations as Heapster's MetricAggregationResult, bucketSize in ns", async () => {
    await start();
    const response = await get(
      `${P}/nodes/node-1/metrics-aggregated/count,average,max,min,median,95-perc,99.9-perc/cpu/usage_rate?start=${iso(T0)}&end=${iso(T0 + HOUR + 1)}&bucket=1h`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.json()).toEqual({
      bucketSize: 3_600_000_000_000,
      buckets: [
        {
          timestamp: '2024-03-01T00:00:00Z',
          count: 4,
          average: { floatValue: 25 },
          maximum: { intValue: 40 },
          minimum: { intValue: 10 },
          median: { floatValue: 25 },
          percentiles: { '95': { intValue: 40 }, '99.9': { intValue: 40 } },
        },
        { timestamp: '2024-03-01T01:00:00Z', count: 0 },
      ],
    });
  });

  it('keeps floats: a ratio stays a floatValue, raw points carry floatValue', async () => {
    await start();
    const aggregated = await get(
      `${P}/nodes/node-1/metrics-aggregated/max/cpu/node_utilization?start=${iso(T0)}`,
    );
    expect(aggregated.json()).toEqual({
      bucketSize: 2 * HOUR * 1_000_000,
      buckets: [{ timestamp: '2024-03-01T00:00:00Z', maximum: { floatValue: 0.5 } }],
    });
    const raw = await get(`${P}/nodes/node-1/metrics/cpu/node_utilization?start=${iso(T0)}`);
    expect(raw.json()).toEqual({
      metrics: [
        { timestamp: '2024-03-01T00:00:00Z', value: 0, floatValue: 0.25 },
        { timestamp: '2024-03-01T01:00:00Z', value: 0, floatValue: 0.5 },
      ],
      latestTimestamp: '2024-03-01T01:00:00Z',
    });
    const ints = await get(
      `${P}/nodes/node-1/metrics/cpu/usage_rate?start=${iso(T0)}&end=${iso(T0 + 1000)}`,
    );
    expect(ints.json().metrics).toEqual([
      { timestamp: '2024-03-01T00:00:00Z', value: 10 },
      { timestamp: '2024-03-01T00:00:01Z', value: 20 },
    ]);
    const none = await get(`${P}/nodes/node-2/metrics/cpu/usage_rate?start=${iso(T0)}`);
    expect(none.json()).toEqual({ metrics: [], latestTimestamp: '0001-01-01T00:00:00Z' });
  });

  it('types interpolated percentiles as floats when the backend interpolates', async () => {
    source = new MemoryHistoricalSource(series, 'linear');
    await start();
    const response = await get(
      `${P}/nodes/node-1/metrics-aggregated/50-perc/cpu/usage_rate?start=${iso(T0)}&end=${iso(T0 + 5000)}`,
    );
    expect(response.json().buckets[0].percentiles).toEqual({ '50': { floatValue: 25 } });
  });

  it.each([
    ['no start', 'metrics-aggregated/average/cpu/usage_rate', '', 'start'],
    ['start not RFC 3339', 'metrics/cpu/usage_rate', 'start=yesterday', 'start'],
    [
      'end before start',
      'metrics-aggregated/average/cpu/usage_rate',
      `start=${iso(T0 + HOUR)}&end=${iso(T0)}`,
      'end',
    ],
    [
      'unknown aggregation',
      'metrics-aggregated/average,p95/cpu/usage_rate',
      `start=${iso(T0)}`,
      'aggregations',
    ],
    [
      'percentile above 100',
      'metrics-aggregated/100.5-perc/cpu/usage_rate',
      `start=${iso(T0)}`,
      'aggregations',
    ],
    [
      'bucket with no unit',
      'metrics-aggregated/average/cpu/usage_rate',
      `start=${iso(T0)}&bucket=10`,
      'bucket',
    ],
    [
      'too many buckets',
      'metrics-aggregated/average/cpu/usage_rate',
      `start=${iso(T0)}&bucket=500ms`,
      'bucket',
    ],
    [
      'bad labels',
      'metrics-aggregated/average/filesystem/usage',
      `start=${iso(T0)}&labels=resource_id`,
      'labels',
    ],
    ['no metric', 'metrics-aggregated/average/', `start=${iso(T0)}`, 'metric'],
  ])('answers 400 naming the parameter: %s', async (_what, path, query, parameter) => {
    await start();
    const response = await get(`${P}/nodes/node-1/${path}?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ parameter });
    expect(response.json().error).toMatch(new RegExp(`^${parameter}: `));
  });

  it('refuses pod lists longer than the limit, naming the list', async () => {
    await start({ limits: { maxListItems: 2 } });
    const response = await get(
      `${P}/namespaces/a/pod-list/x,y,z/metrics/cpu/usage_rate?start=${iso(T0)}`,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().parameter).toBe('pod-list');
  });

  it.each([
    ['a down backend', 503, new RetryableError('connect ECONNREFUSED')],
    ['a timed-out backend', 503, new TimeoutError('InfluxDB query', 1000)],
    ['a backend error answer', 502, new PermanentError('database not found: k8s')],
    ['an unexpected failure', 502, new Error('boom')],
  ])('answers %s with %i and a body, and keeps serving', async (_what, status, error) => {
    await start();
    source.failWith = error;
    const response = await get(
      `${P}/nodes/node-1/metrics-aggregated/average/cpu/usage_rate?start=${iso(T0)}`,
    );
    expect(response.statusCode).toBe(status);
    expect(response.json().error).toContain(error.message);
    source.failWith = undefined;
    expect((await get(`${P}/nodes/`)).statusCode).toBe(200);
  });

  it('gives up on a query past its deadline with 503', async () => {
    const hanging: HistoricalSource = Object.assign(Object.create(source) as HistoricalSource, {
      aggregate: (_q: unknown, _r: unknown, _a: unknown, options: { signal: AbortSignal }) =>
        new Promise((_resolve, reject) => {
          options.signal.addEventListener('abort', () => reject(options.signal.reason));
        }),
    });
    await start({ limits: { queryTimeoutMs: 20 } }, hanging);
    const response = await get(`${P}/metrics-aggregated/average/cpu/usage_rate?start=${iso(T0)}`);
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toMatch(/timed out after 20 ms/);
  });

  it('counts and times backend queries per backend in the registry', async () => {
    await start();
    await get(`${P}/nodes/node-1/metrics-aggregated/average/cpu/usage_rate?start=${iso(T0)}`);
    await get(`${P}/nodes/node-1/metrics-aggregated/average/cpu/usage_rate?start=${iso(T0)}`);
    source.failWith = new RetryableError('down');
    await get(`${P}/nodes/`);
    const text = await registry.metrics();
    expect(text).toContain(
      'heapster_historical_queries_total{backend="memory",operation="aggregate",outcome="ok"} 2',
    );
    expect(text).toContain(
      'heapster_historical_queries_total{backend="memory",operation="entities",outcome="error"} 1',
    );
    expect(text).toContain(
      'heapster_historical_query_duration_seconds_count{backend="memory",operation="aggregate"} 2',
    );
  });

  it('serves under another base path when asked (and only there)', async () => {
    await start({ basePath: '/historical' });
    expect((await get('/historical/nodes')).statusCode).toBe(200);
    expect((await get(`${P}/nodes`)).statusCode).toBe(404);
  });

  it('registers one route per path when the host ignores trailing slashes', async () => {
    app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
    await app.register(historicalApiPlugin, { source });
    expect((await get(`${P}/nodes/`)).statusCode).toBe(200);
    expect((await get(`${P}/nodes`)).statusCode).toBe(200);
  });

  it('answers pod lists of many KiB when the host allows long parameters, and warns when not', async () => {
    const logger = createMemoryLogger();
    app = Fastify({ routerOptions: { maxParamLength: HISTORICAL_MAX_PARAM_LENGTH } });
    await app.register(historicalApiPlugin, { source, logger });
    const pods = Array.from({ length: 1000 }, (_, i) => `a-rather-long-pod-name-${i}`).join(',');
    const response = await get(
      `${P}/namespaces/ns/pod-list/${pods}/metrics-aggregated/max/cpu/usage_rate?start=${iso(T0)}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toHaveLength(1000);
    expect(logger.lines).toEqual([]);
    await app.close();
    await start({ logger });
    expect(logger.lines.map(line => line.message)).toEqual([
      'long pod lists will be refused with 414: the router limits path parameters',
    ]);
  });
});
