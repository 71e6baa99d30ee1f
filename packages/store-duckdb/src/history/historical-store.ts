import type { EntityTypeName } from '@heapster/model';

/** A closed time range in epoch ms: both ends included (Heapster's `start` and `end`). */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

/** Which metric sets a query reads: the entity type, and every given field must match. */
export interface SeriesSelector {
  readonly type: EntityTypeName;
  readonly namespace?: string;
  readonly node?: string;
  readonly container?: string;
  /** One pod name, or several (Heapster's pod-list routes). */
  readonly pods?: readonly string[];
  /** One pod UID, or several (the pod-id and pod-id-list routes). */
  readonly podIds?: readonly string[];
  /**
   * For labeled metrics: each pair must be among the series' metric labels (e.g.
   * `{ resource_id: '/' }`). Without it, every label set of the metric is read together.
   */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface MetricQuery extends SeriesSelector {
  readonly metric: string;
  /**
   * One result per requested pod name / pod UID, in the order of `pods` / `podIds` (Heapster's
   * list routes). Without it, the points of every matching series make one result.
   */
  readonly groupBy?: 'pod' | 'pod_id';
}

export type AggregationName = 'average' | 'max' | 'min' | 'median' | 'count';

/**
 * `linear`: DuckDB's quantile_cont — interpolates between the two nearest ranks (Hyndman & Fan
 * type 7, numpy's default). `nearest_rank`: DuckDB's quantile_disc — the ⌈n·p⌉-th smallest
 * value, always a stored sample. (InfluxDB's PERCENTILE rounds the rank instead: ⌊n·p + 0.5⌋.)
 */
export type PercentileMethod = 'linear' | 'nearest_rank';

export interface AggregationRequest {
  readonly aggregations: readonly AggregationName[];
  /** Percentiles in (0, 100], e.g. 50, 95, 99.9. */
  readonly percentiles: readonly number[];
  /** Bucket width in ms, buckets aligned to multiples of it since the epoch; 0 = one bucket. */
  readonly bucketMs: number;
  /** Default `linear`. */
  readonly percentileMethod?: PercentileMethod;
}

/** One bucket; only the requested aggregations are present, and none but count when empty. */
export interface AggregationBucket {
  /** Bucket start, epoch ms (the range start for a single bucket). */
  readonly timestamp: number;
  readonly count?: number;
  readonly average?: number;
  readonly maximum?: number;
  readonly minimum?: number;
  readonly median?: number;
  /** By percentile as written in the request: `"95"`, `"99.9"`. */
  readonly percentiles?: Readonly<Record<string, number>>;
}

export interface AggregationResult {
  /** The pod name or pod UID of a grouped query. */
  readonly group?: string;
  readonly bucketMs: number;
  readonly buckets: readonly AggregationBucket[];
}

export interface MetricPoint {
  readonly timestamp: number;
  readonly value: number;
}

export interface PointsResult {
  readonly group?: string;
  /** In time order; several series (e.g. label sets) may share a timestamp. */
  readonly points: readonly MetricPoint[];
}

export type EntityField = 'node' | 'namespace' | 'pod' | 'pod_id' | 'container';

export interface MetricInfo {
  readonly name: string;
  readonly type: string;
  readonly valueType: string;
  readonly units: string;
}

export interface QueryOptions {
  /** Cancels the query (DuckDB interrupts it). */
  readonly signal?: AbortSignal;
}

/**
 * The oldtimer's view of a permanent store: listings, raw points and per-bucket statistics.
 * Times are epoch ms; series are "seen in a range" when their first/last sighting overlaps it.
 */
export interface HistoricalStore {
  readonly name: string;
  /** Resolves when the store can answer queries (readiness). */
  ping(options?: QueryOptions): Promise<void>;
  metricNames(
    selector: SeriesSelector,
    range: TimeRange,
    options?: QueryOptions,
  ): Promise<string[]>;
  entities(
    field: EntityField,
    selector: SeriesSelector,
    range: TimeRange,
    options?: QueryOptions,
  ): Promise<string[]>;
  metricInfo(name: string, options?: QueryOptions): Promise<MetricInfo | undefined>;
  points(query: MetricQuery, range: TimeRange, options?: QueryOptions): Promise<PointsResult[]>;
  aggregate(
    query: MetricQuery,
    range: TimeRange,
    request: AggregationRequest,
    options?: QueryOptions,
  ): Promise<AggregationResult[]>;
}
