import type {
  HistoricalAggregationRequest,
  HistoricalAggregationResult,
  HistoricalBucket,
  HistoricalTimeRange,
} from '@heapster/sink';

/**
 * Every bucket start of a range: multiples of `bucketMs` since the epoch from the one holding
 * `start` up to `end`, or just `start` for `bucketMs` 0 (one bucket over the whole range).
 */
export function bucketStarts(bucketMs: number, range: HistoricalTimeRange): number[] {
  if (bucketMs === 0) return [range.start];
  const starts: number[] = [];
  for (let t = Math.floor(range.start / bucketMs) * bucketMs; t <= range.end; t += bucketMs) {
    starts.push(t);
  }
  return starts;
}

/** How many buckets a request produces (without building them). */
export function bucketCount(bucketMs: number, range: HistoricalTimeRange): number {
  if (bucketMs === 0) return 1;
  return Math.floor(range.end / bucketMs) - Math.floor(range.start / bucketMs) + 1;
}

/** The bucket a sample time falls in. */
export function bucketOf(ts: number, bucketMs: number, range: HistoricalTimeRange): number {
  return bucketMs === 0 ? range.start : Math.floor(ts / bucketMs) * bucketMs;
}

/** An empty bucket: nothing but a zero count, and that only when count was asked for. */
export function emptyBucket(
  timestamp: number,
  request: HistoricalAggregationRequest,
): HistoricalBucket {
  return request.aggregations.includes('count') ? { timestamp, count: 0 } : { timestamp };
}

/**
 * One result with every bucket of the range, taking the buckets a backend returned (keyed by
 * start) and filling the rest with empty ones — backends that skip empty intervals
 * (InfluxDB's fill(none), PromQL's absent steps) all end up with the same complete grid.
 */
export function completeBuckets(
  found: ReadonlyMap<number, HistoricalBucket>,
  request: HistoricalAggregationRequest,
  range: HistoricalTimeRange,
  group?: string,
): HistoricalAggregationResult {
  return {
    ...(group === undefined ? {} : { group }),
    bucketMs: request.bucketMs,
    buckets: bucketStarts(request.bucketMs, range).map(
      t => found.get(t) ?? emptyBucket(t, request),
    ),
  };
}

/** The groups of a query in the order results are returned: the list, or one unnamed group. */
export function queryGroups(query: {
  readonly groupBy?: 'pod' | 'pod_id';
  readonly pods?: readonly string[];
  readonly podIds?: readonly string[];
}): (string | undefined)[] {
  if (query.groupBy === undefined) return [undefined];
  return [...((query.groupBy === 'pod' ? query.pods : query.podIds) ?? [])];
}
