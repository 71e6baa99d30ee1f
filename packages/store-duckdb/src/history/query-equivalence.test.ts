import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { DataBatch } from '@heapster/model';
import { ManualClock, noopLogger } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { parseConfig } from '../config.js';
import { acquireStore, type StoreHandle } from '../store-registry.js';
import { DAY, MINUTE, T0, never, tempDirectory } from '../testing/batches.js';
import {
  expectSameAggregates,
  plainAggregate,
  sixPodBatch,
  sixPodCpu,
} from '../testing/plain-aggregate.js';
import { DuckDbHistory } from './duckdb-history.js';
import type { AggregationRequest, MetricQuery } from './historical-store.js';

// The query layer's fast path (pooled connections, prepared statements, a cached catalog for
// read-only files, grouping on series ids, a materialized scan) against the formulation it
// replaced: inline SQL on a fresh connection, every partition plus the tail, groups joined in
// from a VALUES list, one GROUP BY over the union.

const HOUR = 3_600_000;
const STEP = 5 * MINUTE;
const END = T0 + 2 * DAY - STEP;
const RECREATED = T0 + DAY + 2 * HOUR; // pod-1 is replaced by a new pod of the same name
const cpu = (pod: number, t: number): number => sixPodCpu(pod, t, STEP);
const batchAt = (t: number): DataBatch => sixPodBatch(t, STEP, RECREATED);

let dir: ReturnType<typeof tempDirectory>;
let writer: StoreHandle;
let reader: StoreHandle;

beforeAll(async () => {
  dir = tempDirectory();
  const file = join(dir.path, 'e.duckdb');
  const clock = new ManualClock(T0);
  const settings = { logger: noopLogger, clock, reopenCheckMs: 0 };
  writer = acquireStore(parseConfig(parseSinkUri(`duckdb:${file}?retention=0`)), settings);
  for (let t = T0; t <= END; t += STEP) {
    if (t === T0 + DAY / 2 || t === T0 + DAY + HOUR) await writer.store.maintain();
    await writer.store.writeBatch(batchAt(t), never());
  }
  const snapshot = await writer.store.snapshot();
  reader = acquireStore(parseConfig(parseSinkUri(`duckdb:${snapshot}?read_only=true`)), settings);
}, 120_000);

afterAll(async () => {
  await reader.release();
  await writer.release();
  dir.remove();
});

const ALL: AggregationRequest = {
  aggregations: ['average', 'max', 'min', 'median', 'count'],
  percentiles: [50, 95, 99.9],
  bucketMs: HOUR,
};
const cases: [string, MetricQuery, { start: number; end: number }, AggregationRequest][] = [
  [
    'one pod, every aggregation per hour, over partitions and the tail',
    { metric: 'cpu/usage_rate', type: 'pod', namespace: 'ns-0', pods: ['pod-2'] },
    { start: T0, end: END },
    ALL,
  ],
  [
    'a namespace pooled (its recreated pod has two series), nearest rank, 3 h buckets',
    { metric: 'cpu/usage_rate', type: 'pod', namespace: 'ns-1' },
    { start: T0 + 7 * HOUR + 17 * MINUTE, end: T0 + DAY + 5 * HOUR },
    { ...ALL, percentileMethod: 'nearest_rank', bucketMs: 3 * HOUR },
  ],
  [
    'a pod list, one series per pod (grouped on series ids)',
    { metric: 'cpu/usage_rate', type: 'pod', pods: ['pod-4', 'pod-0', 'pod-2'], groupBy: 'pod' },
    { start: T0 + DAY - 3 * HOUR, end: T0 + DAY + 4 * HOUR },
    { aggregations: ['count', 'average'], percentiles: [95], bucketMs: HOUR },
  ],
  [
    'a pod list with the recreated pod (two series in one group, joined)',
    { metric: 'cpu/usage_rate', type: 'pod', pods: ['pod-1', 'pod-3', 'pod-9'], groupBy: 'pod' },
    { start: T0 + DAY, end: END },
    { aggregations: ['count', 'average', 'max'], percentiles: [95], bucketMs: HOUR },
  ],
  [
    'one bucket for the whole range',
    { metric: 'cpu/usage_rate', type: 'pod', namespace: 'ns-0' },
    { start: T0 - DAY, end: T0 + DAY + 30 * MINUTE },
    { ...ALL, bucketMs: 0 },
  ],
];

describe('duckdb historical queries: the fast path answers as the replaced one', () => {
  for (const [name, query, range, request] of cases) {
    it(`should agree for ${name}, on the writer and on its read-only snapshot`, async () => {
      const expected = await plainAggregate(writer, query, range, request);
      expect(expected.flatMap(r => r.buckets).some(b => (b.count ?? 1) > 0)).toBe(true);
      for (const handle of [writer, reader]) {
        const history = new DuckDbHistory(handle.store);
        // Twice: the second run reuses the prepared statements and the cached catalog.
        expectSameAggregates(await history.aggregate(query, range, request), expected);
        expectSameAggregates(await history.aggregate(query, range, request), expected);
      }
    });
  }

  it('should give the same raw points on the writer and on the snapshot', async () => {
    const query: MetricQuery = {
      metric: 'cpu/usage_rate',
      type: 'pod',
      pods: ['pod-1', 'pod-3'],
      groupBy: 'pod',
    };
    const range = { start: RECREATED - HOUR, end: RECREATED + HOUR };
    const live = await new DuckDbHistory(writer.store).points(query, range);
    expect(live.map(r => r.points.length)).toEqual([25, 25]);
    expect(live[0]?.points.map(p => p.value)).toEqual(
      live[0]?.points.map(p => cpu(1, p.timestamp)),
    );
    expect(await new DuckDbHistory(reader.store).points(query, range)).toEqual(live);
  });
});
