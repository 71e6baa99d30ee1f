import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { DataBatch, EntityType, LabelId, MetricId } from '@heapster/model';
import { ManualClock, noopLogger } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { parseConfig } from '../config.js';
import { partitionTable } from '../schema.js';
import { acquireStore, type StoreHandle } from '../store-registry.js';
import { DAY, MINUTE, T0, never, tempDirectory } from '../testing/batches.js';
import { sampleValue } from '../testing/reference-stats.js';
import { checkAggregation } from './aggregation-sql.js';
import { shapeAggregates } from './buckets.js';
import { DuckDbHistory } from './duckdb-history.js';
import type { AggregationRequest, AggregationResult, MetricQuery } from './historical-store.js';

// The query layer's fast path (pooled connections, prepared statements, a cached catalog for
// read-only files, grouping on series ids, a materialized scan) against the formulation it
// replaced: inline SQL on a fresh connection, every partition plus the tail, groups joined in
// from a VALUES list, one GROUP BY over the union.

const HOUR = 3_600_000;
const STEP = 5 * MINUTE;
const END = T0 + 2 * DAY - STEP;
const RECREATED = T0 + DAY + 2 * HOUR; // pod-1 is replaced by a new pod of the same name
const cpu = (pod: number, t: number) => sampleValue(pod * 1_000_003 + t / STEP);

function batchAt(t: number): DataBatch {
  const batch = new DataBatch({ timestamp: t });
  const pods = batch.table(EntityType.Pod);
  for (let p = 0; p < 6; p++) {
    const row = pods.addRow({ namespace: `ns-${p % 2}`, pod: `pod-${p}`, node: 'node-1' });
    const uid = p === 1 && t >= RECREATED ? 'uid-1-again' : `uid-${p}`;
    batch.setLabel(EntityType.Pod, row, LabelId.PodId, uid);
    pods.setValue(row, MetricId.CpuUsageRate, cpu(p, t));
  }
  return batch;
}

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

/** The replaced formulation, on a fresh connection of `handle`, shaped the same way. */
async function before(
  handle: StoreHandle,
  query: MetricQuery,
  range: { start: number; end: number },
  request: AggregationRequest,
): Promise<AggregationResult[]> {
  const fractions = checkAggregation(request, range.start, range.end);
  const groups: (string | undefined)[] =
    query.groupBy === undefined ? [undefined] : [...(query.pods ?? [])];
  const rows = await handle.store.read(async connection => {
    const all = async (sql: string) => (await connection.runAndReadAll(sql)).getRowsJS();
    const ts = (ms: number) => `make_timestamp(${ms * 1000}::BIGINT)`;
    const conditions = [
      "s.type = 'pod'",
      `s.first_seen <= ${ts(range.end)}`,
      `s.last_seen >= ${ts(range.start - MINUTE)}`,
    ];
    if (query.namespace !== undefined) conditions.push(`s.namespace = '${query.namespace}'`);
    if (query.pods !== undefined)
      conditions.push(`s.pod IN (${query.pods.map(p => `'${p}'`).join(', ')})`);
    const series = await all(
      `SELECT s.series_id, s.pod FROM series s WHERE ${conditions.join(' AND ')}
       AND s.series_id IN (SELECT series_id FROM series_metrics sm JOIN metrics m
         ON m.metric_id = sm.metric_id WHERE m.name = '${query.metric}')`,
    );
    if (series.length === 0) return [];
    const days = await all(`SELECT (day - DATE '1970-01-01')::INTEGER FROM partitions`);
    const tables = [...days.map(([d]) => partitionTable(Number(d))), 'hot'];
    const where = `series_id IN (${series.map(([id]) => Number(id)).join(',')})
      AND ts BETWEEN ${ts(range.start)} AND ${ts(range.end)}`;
    const union = tables.map(t => `SELECT series_id, ts, value FROM ${t} WHERE ${where}`);
    const mapping = series
      .map(([id, pod]) => `(${Number(id)}, ${query.groupBy ? groups.indexOf(String(pod)) : 0})`)
      .join(',');
    const bucket =
      request.bucketMs === 0
        ? `${range.start}::DOUBLE`
        : `((epoch_us(ts) // ${request.bucketMs * 1000}) * ${request.bucketMs})::DOUBLE`;
    const statistics = ['count(*)::DOUBLE'];
    for (const name of request.aggregations) {
      if (name !== 'count')
        statistics.push(`${{ average: 'avg' }[name as 'average'] ?? name}(value)`);
    }
    const fn = request.percentileMethod === 'nearest_rank' ? 'quantile_disc' : 'quantile_cont';
    if (fractions.length > 0) statistics.push(`${fn}(value, [${fractions.join(', ')}])`);
    return all(
      `SELECT g.grp, ${bucket} AS bucket, ${statistics.join(', ')}
       FROM (${union.join(' UNION ALL ')}) x JOIN (VALUES ${mapping}) g(series_id, grp)
         ON g.series_id = x.series_id
       GROUP BY g.grp, bucket`,
    );
  });
  return shapeAggregates(rows, groups, request, range.start, range.end);
}

/** Equal answers: exact, but for averages, whose float sum depends on the order of addition. */
function expectSame(actual: AggregationResult[], expected: AggregationResult[]): void {
  expect(actual.map(r => [r.group, r.bucketMs, r.buckets.length])).toEqual(
    expected.map(r => [r.group, r.bucketMs, r.buckets.length]),
  );
  actual.forEach((result, i) => {
    result.buckets.forEach((bucket, j) => {
      const want = expected[i]?.buckets[j];
      const { average, ...rest } = bucket;
      const { average: wantAverage, ...wantRest } = want ?? { timestamp: -1 };
      expect(rest).toEqual(wantRest);
      if (wantAverage === undefined) expect(average).toBeUndefined();
      else expect(average).toBeCloseTo(wantAverage, 9);
    });
  });
}

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
      const expected = await before(writer, query, range, request);
      expect(expected.flatMap(r => r.buckets).some(b => (b.count ?? 1) > 0)).toBe(true);
      for (const handle of [writer, reader]) {
        const history = new DuckDbHistory(handle.store);
        // Twice: the second run reuses the prepared statements and the cached catalog.
        expectSame(await history.aggregate(query, range, request), expected);
        expectSame(await history.aggregate(query, range, request), expected);
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
