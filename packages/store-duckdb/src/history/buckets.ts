import type {
  AggregationBucket,
  AggregationRequest,
  AggregationResult,
  MetricPoint,
  PointsResult,
} from './historical-store.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Every bucket start of the range: aligned multiples of bucketMs, or the start for bucketMs 0. */
export function bucketStarts(bucketMs: number, start: number, end: number): number[] {
  if (bucketMs === 0) return [start];
  const starts: number[] = [];
  for (let t = Math.floor(start / bucketMs) * bucketMs; t <= end; t += bucketMs) starts.push(t);
  return starts;
}

/** One bucket from a row laid out as `aggregateColumns` made it (after group and bucket). */
function readBucket(
  timestamp: number,
  cells: readonly unknown[],
  request: AggregationRequest,
): AggregationBucket {
  const bucket: Mutable<AggregationBucket> = { timestamp };
  const count = Number(cells[0]);
  if (request.aggregations.includes('count')) bucket.count = count;
  let i = 1;
  for (const name of request.aggregations) {
    if (name === 'count') continue;
    const value = cells[i++];
    if (value === null || value === undefined) continue;
    if (name === 'average') bucket.average = Number(value);
    if (name === 'max') bucket.maximum = Number(value);
    if (name === 'min') bucket.minimum = Number(value);
    if (name === 'median') bucket.median = Number(value);
  }
  if (request.percentiles.length > 0) {
    const cell = cells[i];
    const values = (Array.isArray(cell) ? cell : [cell]) as unknown[];
    const percentiles: Record<string, number> = {};
    request.percentiles.forEach((p, k) => {
      const value = values[k];
      if (value !== null && value !== undefined) percentiles[String(p)] = Number(value);
    });
    if (Object.keys(percentiles).length > 0) bucket.percentiles = percentiles;
  }
  return bucket;
}

function emptyBucket(timestamp: number, request: AggregationRequest): AggregationBucket {
  return request.aggregations.includes('count') ? { timestamp, count: 0 } : { timestamp };
}

/**
 * Shapes query rows `[group index, bucket, ...statistics]` into one result per group, with
 * every bucket of the range present (empty ones carry only a zero count).
 */
export function shapeAggregates(
  rows: readonly (readonly unknown[])[],
  groups: readonly (string | undefined)[],
  request: AggregationRequest,
  start: number,
  end: number,
): AggregationResult[] {
  const starts = bucketStarts(request.bucketMs, start, end);
  const filled = groups.map(() => new Map<number, AggregationBucket>());
  for (const row of rows) {
    const group = Number(row[0]);
    const timestamp = Number(row[1]);
    filled[group]?.set(timestamp, readBucket(timestamp, row.slice(2), request));
  }
  return groups.map((group, index) => ({
    ...(group === undefined ? {} : { group }),
    bucketMs: request.bucketMs,
    buckets: starts.map(t => filled[index]?.get(t) ?? emptyBucket(t, request)),
  }));
}

/** Shapes rows `[group index, ts, value]` (in time order) into one result per group. */
export function shapePoints(
  rows: readonly (readonly unknown[])[],
  groups: readonly (string | undefined)[],
): PointsResult[] {
  const points = groups.map((): MetricPoint[] => []);
  for (const row of rows) {
    points[Number(row[0])]?.push({ timestamp: Number(row[1]), value: Number(row[2]) });
  }
  return groups.map((group, index) => ({
    ...(group === undefined ? {} : { group }),
    points: points[index] ?? [],
  }));
}
