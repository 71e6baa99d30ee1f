import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { ManualClock, noopLogger } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { parseConfig } from '../config.js';
import { acquireStore, type StoreHandle } from '../store-registry.js';
import { DAY, MINUTE, T0, clusterBatch, never, tempDirectory } from '../testing/batches.js';
import {
  linearPercentile,
  mean,
  median,
  nearestRankPercentile,
  sampleValue,
} from '../testing/reference-stats.js';
import { DuckDbHistory } from './duckdb-history.js';
import type { AggregationRequest, AggregationResult, MetricQuery } from './historical-store.js';
import { QueryError } from './series-filter.js';

const HOUR = 3_600_000;
const STEP = 5 * MINUTE;
const END = T0 + 2 * DAY - STEP; // two days of batches, the second day left in the tail
const shape = {
  namespaces: 2,
  podsPerNamespace: 3,
  cpu: (pod: number, t: number) => sampleValue(pod * 1_000_003 + t / STEP),
};
const times = (from: number, to: number) => {
  const out: number[] = [];
  for (let t = Math.ceil(from / STEP) * STEP; t <= to; t += STEP) out.push(t);
  return out;
};
/** The cpu values of pods `pods` in [from, to]. */
const valuesOf = (pods: readonly number[], from: number, to: number) =>
  times(from, to).flatMap(t => pods.map(p => shape.cpu(p, t)));

let dir: ReturnType<typeof tempDirectory>;
let handle: StoreHandle;
let history: DuckDbHistory;

beforeAll(async () => {
  dir = tempDirectory();
  const clock = new ManualClock(T0);
  handle = acquireStore(parseConfig(parseSinkUri(`duckdb:${join(dir.path, 'h.duckdb')}`)), {
    logger: noopLogger,
    clock,
  });
  for (let t = T0; t <= END; t += STEP) {
    if (t === T0 + DAY / 2 || t === T0 + DAY + HOUR) await handle.store.maintain();
    await handle.store.writeBatch(clusterBatch(t, shape), never());
  }
  history = new DuckDbHistory(handle.store);
}, 120_000);

afterAll(async () => {
  await handle.release();
  dir.remove();
});

const ALL: AggregationRequest = {
  aggregations: ['average', 'max', 'min', 'median', 'count'],
  percentiles: [50, 95, 99, 99.9],
  bucketMs: HOUR,
};

function expectBuckets(
  result: AggregationResult,
  pods: readonly number[],
  request: AggregationRequest,
  start: number,
  end: number,
) {
  const nearest = request.percentileMethod === 'nearest_rank';
  for (const bucket of result.buckets) {
    // Samples exist in [T0, END] only.
    const from = Math.max(bucket.timestamp, start, T0);
    const to = Math.min(bucket.timestamp + (request.bucketMs || end - start + 1) - 1, end, END);
    const values = valuesOf(pods, from, to);
    const wants = (name: (typeof request.aggregations)[number]) =>
      request.aggregations.includes(name);
    if (wants('count')) expect(bucket.count).toBe(values.length);
    if (values.length === 0) {
      expect(bucket).toEqual({
        timestamp: bucket.timestamp,
        ...(wants('count') ? { count: 0 } : {}),
      });
      continue;
    }
    if (wants('average')) expect(bucket.average).toBeCloseTo(mean(values), 9);
    if (wants('max')) expect(bucket.maximum).toBe(Math.max(...values));
    if (wants('min')) expect(bucket.minimum).toBe(Math.min(...values));
    if (wants('median')) expect(bucket.median).toBeCloseTo(median(values), 9);
    for (const p of request.percentiles) {
      const q = p / 100;
      const exact = nearest ? nearestRankPercentile(values, q) : linearPercentile(values, q);
      expect(bucket.percentiles?.[String(p)]).toBeCloseTo(exact, 9);
    }
  }
}

describe('duckdb historical queries', () => {
  const pod4: MetricQuery = {
    metric: 'cpu/usage_rate',
    type: 'pod',
    namespace: 'ns-1',
    pods: ['pod-4'],
  };

  it('should compute every aggregation per hour exactly, across partitions and the tail', async () => {
    const range = { start: T0, end: END };
    const [result] = await history.aggregate(pod4, range, ALL);
    expect(result?.buckets).toHaveLength(48);
    expect(result?.bucketMs).toBe(HOUR);
    expectBuckets(result as AggregationResult, [4], ALL, range.start, range.end);
    const byId = await history.aggregate(
      { metric: 'cpu/usage_rate', type: 'pod', podIds: ['uid-4'] },
      range,
      ALL,
    );
    expect(byId).toEqual([result]);
  });

  it('should give nearest-rank percentiles on request, and pool a namespace of pods', async () => {
    const range = { start: T0 + 7 * HOUR + 17 * MINUTE, end: T0 + DAY + 5 * HOUR };
    const request: AggregationRequest = {
      ...ALL,
      percentileMethod: 'nearest_rank',
      bucketMs: 3 * HOUR,
    };
    const [result] = await history.aggregate(
      { metric: 'cpu/usage_rate', type: 'pod', namespace: 'ns-1' },
      range,
      request,
    );
    // Buckets are aligned to multiples of 3 h since the epoch, the first one holding the start.
    expect(result?.buckets[0]?.timestamp).toBe(T0 + 6 * HOUR);
    expectBuckets(result as AggregationResult, [3, 4, 5], request, range.start, range.end);
  });

  it('should answer a pod list per pod, in order, with empty buckets where nothing was stored', async () => {
    const range = { start: T0 + DAY - 2 * HOUR, end: T0 + DAY + 2 * HOUR - 1 };
    const request: AggregationRequest = {
      aggregations: ['count', 'average'],
      percentiles: [95],
      bucketMs: HOUR,
    };
    const results = await history.aggregate(
      {
        metric: 'cpu/usage_rate',
        type: 'pod',
        namespace: 'ns-0',
        pods: ['pod-2', 'pod-9', 'pod-0'],
        groupBy: 'pod',
      },
      range,
      request,
    );
    expect(results.map(r => r.group)).toEqual(['pod-2', 'pod-9', 'pod-0']);
    expectBuckets(results[0] as AggregationResult, [2], request, range.start, range.end);
    expect(results[1]?.buckets).toEqual(
      [0, 1, 2, 3].map(h => ({ timestamp: T0 + DAY - 2 * HOUR + h * HOUR, count: 0 })),
    );
    expectBuckets(results[2] as AggregationResult, [0], request, range.start, range.end);
  });

  it('should make one bucket of the range when no bucket size is given, and empty ones before the data', async () => {
    const range = { start: T0 - 3 * HOUR, end: T0 + 3 * HOUR };
    const [one] = await history.aggregate(pod4, range, { ...ALL, bucketMs: 0 });
    expect(one?.buckets).toHaveLength(1);
    expect(one?.buckets[0]?.timestamp).toBe(range.start);
    expectBuckets(one as AggregationResult, [4], { ...ALL, bucketMs: 0 }, range.start, range.end);
    const [hourly] = await history.aggregate(pod4, range, ALL);
    expect(hourly?.buckets.slice(0, 3).map(b => b.count)).toEqual([0, 0, 0]);
    const [none] = await history.aggregate({ ...pod4, metric: 'no/such_metric' }, range, ALL);
    expect(none?.buckets.every(b => b.count === 0)).toBe(true);
  });

  it('should select labeled metrics by their labels', async () => {
    const range = { start: T0, end: T0 + HOUR };
    const container: MetricQuery = {
      metric: 'filesystem/usage',
      type: 'pod_container',
      namespace: 'ns-0',
      pods: ['pod-1'],
      container: 'app',
    };
    const logs = await history.points({ ...container, labels: { resource_id: 'logs' } }, range);
    expect(new Set(logs[0]?.points.map(p => p.value))).toEqual(new Set([11]));
    const both = await history.points(container, range);
    expect(both[0]?.points).toHaveLength(2 * 13);
  });

  it('should return raw points in time order', async () => {
    const range = { start: T0 + DAY - 10 * MINUTE, end: T0 + DAY + 10 * MINUTE };
    const [result] = await history.points(pod4, range);
    expect(result?.points).toEqual(
      times(range.start, range.end).map(t => ({ timestamp: t, value: shape.cpu(4, t) })),
    );
  });

  it('should list metrics and entities seen in a range', async () => {
    const range = { start: T0, end: T0 + HOUR };
    expect(await history.entities('namespace', { type: 'ns' }, range)).toEqual(['ns-0', 'ns-1']);
    expect(await history.entities('pod', { type: 'pod', namespace: 'ns-1' }, range)).toEqual([
      'pod-3',
      'pod-4',
      'pod-5',
    ]);
    expect(await history.entities('node', { type: 'node' }, range)).toEqual(['node-1']);
    expect(
      await history.entities('container', { type: 'pod_container', pods: ['pod-4'] }, range),
    ).toEqual(['app']);
    expect(await history.metricNames({ type: 'pod_container' }, range)).toEqual([
      'cpu/usage_rate',
      'filesystem/usage',
    ]);
    expect(
      await history.entities('pod', { type: 'pod' }, { start: T0 - 3 * DAY, end: T0 - 2 * DAY }),
    ).toEqual([]);
    expect(await history.metricInfo('cpu/usage_rate')).toEqual({
      name: 'cpu/usage_rate',
      type: 'gauge',
      valueType: 'int64',
      units: 'millicores',
    });
    await history.ping();
  });

  it('should reject bad input naming the parameter', async () => {
    const range = { start: T0, end: T0 + DAY };
    await expect(history.aggregate(pod4, range, { ...ALL, percentiles: [0] })).rejects.toThrow(
      'aggregations: percentile 0 is not in (0, 100]',
    );
    await expect(history.aggregate(pod4, range, { ...ALL, bucketMs: 1 })).rejects.toBeInstanceOf(
      QueryError,
    );
    await expect(history.points(pod4, { start: T0, end: T0 - 1 })).rejects.toThrow(
      'end: is before start',
    );
    await expect(history.points({ ...pod4, labels: { "x'y": '1' } }, range)).rejects.toThrow(
      'labels: "x\'y" is not a label name',
    );
  });
});
