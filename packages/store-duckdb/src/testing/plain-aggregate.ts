import { expect } from '@jest/globals';
import { DataBatch, EntityType, LabelId, MetricId } from '@heapster/model';
import { checkAggregation } from '../history/aggregation-sql.js';
import { shapeAggregates } from '../history/buckets.js';
import type {
  AggregationRequest,
  AggregationResult,
  MetricQuery,
} from '../history/historical-store.js';
import type { StoreHandle } from '../store-registry.js';
import { MINUTE } from './batches.js';
import { sampleValue } from './reference-stats.js';

/** The cpu/usage_rate value of pod `pod` at time `t` in the six-pod fixture. */
export function sixPodCpu(pod: number, t: number, stepMs: number): number {
  return sampleValue(pod * 1_000_003 + t / stepMs);
}

/**
 * Six pods in two namespaces on one node, with cpu/usage_rate; pod-1 is replaced by a new pod
 * of the same name (another uid) from `recreatedAt`.
 */
export function sixPodBatch(t: number, stepMs: number, recreatedAt: number): DataBatch {
  const batch = new DataBatch({ timestamp: t });
  const pods = batch.table(EntityType.Pod);
  for (let p = 0; p < 6; p++) {
    const row = pods.addRow({ namespace: `ns-${p % 2}`, pod: `pod-${p}`, node: 'node-1' });
    const uid = p === 1 && t >= recreatedAt ? 'uid-1-again' : `uid-${p}`;
    batch.setLabel(EntityType.Pod, row, LabelId.PodId, uid);
    pods.setValue(row, MetricId.CpuUsageRate, sixPodCpu(p, t, stepMs));
  }
  return batch;
}

/** Rows of `sql` on a connection of `handle`. */
export async function allRows(handle: StoreHandle, sql: string): Promise<unknown[][]> {
  return handle.store.read(async connection => (await connection.runAndReadAll(sql)).getRowsJS());
}

/**
 * The plain formulation of an aggregation, for equivalence tests: the series picked by first
 * and last seen in SQL, every sample table (days and weeks) and the tail unioned, groups joined
 * in from a VALUES list, one GROUP BY — shaped as the store shapes its answers.
 */
export async function plainAggregate(
  handle: StoreHandle,
  query: MetricQuery,
  range: { start: number; end: number },
  request: AggregationRequest,
): Promise<AggregationResult[]> {
  const fractions = checkAggregation(request, range.start, range.end);
  const groups: (string | undefined)[] =
    query.groupBy === undefined ? [undefined] : [...(query.pods ?? [])];
  const ts = (ms: number) => `make_timestamp(${ms * 1000}::BIGINT)`;
  const conditions = [
    "s.type = 'pod'",
    `s.first_seen <= ${ts(range.end)}`,
    `s.last_seen >= ${ts(range.start - MINUTE)}`,
  ];
  if (query.namespace !== undefined) conditions.push(`s.namespace = '${query.namespace}'`);
  if (query.pods !== undefined)
    conditions.push(`s.pod IN (${query.pods.map(p => `'${p}'`).join(', ')})`);
  const series = await allRows(
    handle,
    `SELECT s.series_id, s.pod FROM series s WHERE ${conditions.join(' AND ')}
     AND s.series_id IN (SELECT series_id FROM series_metrics sm JOIN metrics m
       ON m.metric_id = sm.metric_id WHERE m.name = '${query.metric}')`,
  );
  if (series.length === 0) return [];
  const tables = await allRows(
    handle,
    "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'samples_%' OR table_name = 'hot'",
  );
  const where = `series_id IN (${series.map(([id]) => Number(id)).join(',')})
    AND ts BETWEEN ${ts(range.start)} AND ${ts(range.end)}`;
  const union = tables.map(([t]) => `SELECT series_id, ts, value FROM ${String(t)} WHERE ${where}`);
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
  const rows = await allRows(
    handle,
    `SELECT g.grp, ${bucket} AS bucket, ${statistics.join(', ')}
     FROM (${union.join(' UNION ALL ')}) x JOIN (VALUES ${mapping}) g(series_id, grp)
       ON g.series_id = x.series_id
     GROUP BY g.grp, bucket`,
  );
  return shapeAggregates(rows, groups, request, range.start, range.end);
}

/** Equal answers: exact, but for averages, whose float sum depends on the order of addition. */
export function expectSameAggregates(
  actual: AggregationResult[],
  expected: AggregationResult[],
): void {
  expect(actual.map(r => [r.group, r.bucketMs, r.buckets.length])).toEqual(
    expected.map(r => [r.group, r.bucketMs, r.buckets.length]),
  );
  actual.forEach((result, i) => {
    result.buckets.forEach((bucket, j) => {
      const { average, ...rest } = bucket;
      const { average: wantAverage, ...wantRest } = expected[i]?.buckets[j] ?? { timestamp: -1 };
      expect(rest).toEqual(wantRest);
      if (wantAverage === undefined) expect(average).toBeUndefined();
      else expect(average).toBeCloseTo(wantAverage, 9);
    });
  });
}
