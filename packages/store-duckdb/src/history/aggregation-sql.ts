import type { AggregationName, AggregationRequest } from './historical-store.js';
import { QueryError } from './series-filter.js';

/** Most buckets one aggregation may produce (the oldtimer reports more as a 400 on `bucket`). */
export const MAX_BUCKETS = 100_000;

const AGGREGATIONS: ReadonlySet<AggregationName> = new Set([
  'average',
  'max',
  'min',
  'median',
  'count',
]);

/** Validates a request; returns the percentiles as fractions for DuckDB. */
export function checkAggregation(
  request: AggregationRequest,
  start: number,
  end: number,
): number[] {
  for (const name of request.aggregations) {
    if (!AGGREGATIONS.has(name))
      throw new QueryError('aggregations', `unknown aggregation "${name}"`);
  }
  if (request.aggregations.length + request.percentiles.length === 0) {
    throw new QueryError('aggregations', 'no aggregation requested');
  }
  for (const p of request.percentiles) {
    if (!(p > 0 && p <= 100))
      throw new QueryError('aggregations', `percentile ${p} is not in (0, 100]`);
  }
  const { bucketMs } = request;
  if (!Number.isSafeInteger(bucketMs) || bucketMs < 0) {
    throw new QueryError('bucket', `${bucketMs} ms is not a whole, non-negative number of ms`);
  }
  if (bucketMs > 0) {
    const buckets = Math.floor(end / bucketMs) - Math.floor(start / bucketMs) + 1;
    if (buckets > MAX_BUCKETS) {
      throw new QueryError('bucket', `${buckets} buckets exceed the maximum of ${MAX_BUCKETS}`);
    }
  }
  return request.percentiles.map(p => p / 100);
}

/**
 * The SELECT list computing the requested statistics over `value`, in a fixed order that
 * `readBucket` follows: count, then the named aggregations, then the percentile (a list of
 * them when there are several).
 */
export function aggregateColumns(
  request: AggregationRequest,
  fractions: readonly number[],
): string {
  const columns = ['count(*)::DOUBLE'];
  for (const name of request.aggregations) {
    if (name === 'average') columns.push('avg(value)');
    if (name === 'max') columns.push('max(value)');
    if (name === 'min') columns.push('min(value)');
    if (name === 'median') columns.push('median(value)');
  }
  if (fractions.length > 0) {
    const fn = request.percentileMethod === 'nearest_rank' ? 'quantile_disc' : 'quantile_cont';
    // Numbers only (checked above), so they can be inlined; with several, one list serves them
    // all (one sort); one alone is cheaper as a scalar (no list per bucket).
    const list = fractions.map(f => `${f}::DOUBLE`).join(', ');
    columns.push(fractions.length === 1 ? `${fn}(value, ${list})` : `${fn}(value, [${list}])`);
  }
  return columns.join(', ');
}
