import type { HistoricalAggregationRequest, HistoricalBucket } from '@heapster/sink';

/**
 * Percentile definitions, over the n values of a bucket sorted ascending (x₁ ≤ … ≤ xₙ):
 *
 * - `linear`: h = (n − 1)·p, value x⌊h⌋₊₁ + (h − ⌊h⌋)(x⌊h⌋₊₂ − x⌊h⌋₊₁) — Hyndman & Fan type 7,
 *   PromQL's quantile_over_time, DuckDB's quantile_cont, numpy's default.
 * - `nearest-rank`: the ⌈n·p⌉-th smallest value (at least the first) — DuckDB's quantile_disc.
 * - `influxql`: the ⌊n·p + 0.5⌋-th smallest value, none when that rank is 0 — InfluxQL's
 *   PERCENTILE (nearest rank, rounded).
 */
export type PercentileMethod = 'linear' | 'nearest-rank' | 'influxql';

/** One percentile (p in (0, 1]) of values sorted ascending; undefined when it has none. */
export function percentileOfSorted(
  sorted: ArrayLike<number>,
  p: number,
  method: PercentileMethod,
): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  if (method === 'linear') {
    const h = (n - 1) * p;
    const low = Math.floor(h);
    const high = Math.min(n - 1, low + 1);
    const a = sorted[low] as number;
    return a + (h - low) * ((sorted[high] as number) - a);
  }
  const rank = method === 'nearest-rank' ? Math.max(1, Math.ceil(n * p)) : Math.floor(n * p + 0.5);
  return rank < 1 || rank > n ? undefined : sorted[rank - 1];
}

/** The median: the mean of the two middle values for an even count. */
export function medianOfSorted(sorted: ArrayLike<number>): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Every requested statistic of one bucket's values (any order), exactly. */
export function bucketStatistics(
  timestamp: number,
  values: readonly number[],
  request: HistoricalAggregationRequest,
  method: PercentileMethod,
): HistoricalBucket {
  const bucket: {
    timestamp: number;
    count?: number;
    average?: number;
    maximum?: number;
    minimum?: number;
    median?: number;
    percentiles?: Record<string, number>;
  } = { timestamp };
  if (request.aggregations.includes('count')) bucket.count = values.length;
  if (values.length === 0) return bucket;
  const sorted = Float64Array.from(values).sort();
  for (const name of request.aggregations) {
    if (name === 'average') {
      let sum = 0;
      for (const value of sorted) sum += value;
      bucket.average = sum / sorted.length;
    }
    if (name === 'max') bucket.maximum = sorted[sorted.length - 1] as number;
    if (name === 'min') bucket.minimum = sorted[0] as number;
    if (name === 'median') bucket.median = medianOfSorted(sorted) as number;
  }
  if (request.percentiles.length > 0) {
    const percentiles: Record<string, number> = {};
    for (const p of request.percentiles) {
      const value = percentileOfSorted(sorted, p / 100, method);
      if (value !== undefined) percentiles[String(p)] = value;
    }
    if (Object.keys(percentiles).length > 0) bucket.percentiles = percentiles;
  }
  return bucket;
}
