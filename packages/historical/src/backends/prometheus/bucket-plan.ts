import type { HistoricalTimeRange } from '@heapster/sink';
import { bucketStarts } from '../../bucket-grid.js';

/**
 * Where the `*_over_time` functions are evaluated so that each evaluation covers exactly one
 * bucket's samples. A bucket [b, b + w) clipped to the range is [lo, hi] in whole ms; evaluating
 * at `hi` with window `hi − lo + 1 ms` covers (lo − 1 ms, hi], i.e. [lo, hi] for millisecond
 * timestamps, in engines whose range selectors are left-open (VictoriaMetrics, Prometheus ≥ 3).
 * Prometheus 2.x closes the window on the left too and would also count a sample lying exactly
 * 1 ms before a bucket. Full buckets share one range query (step = window = bucket); the first
 * and last bucket, when the range cuts them, get an instant query each.
 */
export interface Evaluation {
  /** Bucket start (epoch ms). */
  readonly bucket: number;
  /** Evaluation time (epoch ms). */
  readonly at: number;
  readonly windowMs: number;
}

export interface BucketPlan {
  /** The full buckets, evaluated by one query_range. */
  readonly sweep:
    { readonly firstAt: number; readonly lastAt: number; readonly stepMs: number } | undefined;
  /** Buckets cut by the range (or the one bucket of bucket=0), one instant query each. */
  readonly singles: readonly Evaluation[];
  readonly bucketMs: number;
}

export function planBuckets(bucketMs: number, range: HistoricalTimeRange): BucketPlan {
  if (bucketMs === 0) {
    return {
      sweep: undefined,
      singles: [{ bucket: range.start, at: range.end, windowMs: range.end - range.start + 1 }],
      bucketMs,
    };
  }
  const full: number[] = [];
  const singles: Evaluation[] = [];
  for (const bucket of bucketStarts(bucketMs, range)) {
    const lo = Math.max(bucket, range.start);
    const hi = Math.min(bucket + bucketMs - 1, range.end);
    if (lo === bucket && hi === bucket + bucketMs - 1) full.push(bucket);
    else singles.push({ bucket, at: hi, windowMs: hi - lo + 1 });
  }
  const first = full[0];
  const last = full[full.length - 1];
  return {
    sweep:
      first === undefined || last === undefined
        ? undefined
        : { firstAt: first + bucketMs - 1, lastAt: last + bucketMs - 1, stepMs: bucketMs },
    singles,
    bucketMs,
  };
}

/** The bucket a sweep sample (evaluated at `atMs`) belongs to. */
export function sweepBucket(atMs: number, plan: BucketPlan): number {
  return atMs - plan.bucketMs + 1;
}
