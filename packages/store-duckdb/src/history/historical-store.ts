import type {
  HistoricalAggregation,
  HistoricalAggregationRequest,
  HistoricalAggregationResult,
  HistoricalBucket,
  HistoricalEntityField,
  HistoricalMetricQuery,
  HistoricalPoint,
  HistoricalPointsResult,
  HistoricalSelector,
  HistoricalTimeRange,
} from '@heapster/sink';

// The query shapes are the HistoricalSource contract's (@heapster/sink): the DuckDB store
// answers in exactly the form the oldtimer's API expects, under the names this package uses.
export type TimeRange = HistoricalTimeRange;
export type SeriesSelector = HistoricalSelector;
export type MetricQuery = HistoricalMetricQuery;
export type AggregationName = HistoricalAggregation;
export type AggregationBucket = HistoricalBucket;
export type AggregationResult = HistoricalAggregationResult;
export type MetricPoint = HistoricalPoint;
export type PointsResult = HistoricalPointsResult;
export type EntityField = HistoricalEntityField;

/**
 * `linear`: DuckDB's quantile_cont — interpolates between the two nearest ranks (Hyndman & Fan
 * type 7, numpy's default). `nearest_rank`: DuckDB's quantile_disc — the ⌈n·p⌉-th smallest
 * value, always a stored sample. (InfluxDB's PERCENTILE rounds the rank instead: ⌊n·p + 0.5⌋.)
 */
export type PercentileMethod = 'linear' | 'nearest_rank';

export interface AggregationRequest extends HistoricalAggregationRequest {
  /** Default `linear`. */
  readonly percentileMethod?: PercentileMethod;
}

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
