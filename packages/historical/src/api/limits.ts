/** The documented bounds of one historical request (docs/oldtimer.md "Limits"). */
export interface HistoricalLimits {
  /** Most buckets one aggregation may produce; more is a 400 on `bucket`. */
  readonly maxBuckets: number;
  /** Most raw points in one series result; more is a 400 on `start`. */
  readonly maxPoints: number;
  /** Most pods in a pod-list / pod-id-list. */
  readonly maxListItems: number;
  /** Most aggregations in one request. */
  readonly maxAggregations: number;
  /** A query's deadline; past it the answer is 503. */
  readonly queryTimeoutMs: number;
}

export const DEFAULT_LIMITS: HistoricalLimits = Object.freeze({
  maxBuckets: 10_000,
  maxPoints: 1_000_000,
  maxListItems: 1_000,
  maxAggregations: 16,
  queryTimeoutMs: 60_000,
});
