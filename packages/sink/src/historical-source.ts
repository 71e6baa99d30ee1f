import type { EntityTypeName } from '@heapster/model';

/**
 * The read side of permanent storage, behind Heapster's historical ("oldtimer") API
 * (heapster.md §6.4). One implementation per backend (DuckDB, InfluxDB via InfluxQL, any PromQL
 * engine); the API layer validates input, so implementations receive well-formed requests.
 *
 * Times are epoch ms. Buckets are aligned to multiples of the bucket width since the epoch and
 * hold the samples with `bucketStart <= ts < bucketStart + width` that also lie in the range.
 */

/** A closed time range in epoch ms: both ends included (Heapster's `start` and `end`). */
export interface HistoricalTimeRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Which metric sets a query reads: the entity type (Heapster's `type` label), and every given
 * field must match. Selectors per route: cluster `{type:'cluster'}`; node `{type:'node', node}`;
 * namespace `{type:'ns', namespace}`; pod `{type:'pod', namespace, pods:[name]}` or
 * `{type:'pod', podIds:[uid]}`; container `{type:'pod_container', namespace, pods:[name],
 * container}` or `{…, podIds:[uid], container}`; free container `{type:'sys_container', node,
 * container}`; pod lists `{type:'pod', namespace, pods:[…]}` / `{type:'pod', podIds:[…]}`.
 */
export interface HistoricalSelector {
  readonly type: EntityTypeName;
  readonly namespace?: string;
  readonly node?: string;
  readonly container?: string;
  /** Pod names (one, or several for the pod-list routes). */
  readonly pods?: readonly string[];
  /** Pod UIDs (one, or several for the pod-id-list routes). */
  readonly podIds?: readonly string[];
  /**
   * Labeled metrics (`labels=resource_id:/`): each pair must be among the series' labels.
   * Without it, every label set of the metric is read together.
   */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface HistoricalMetricQuery extends HistoricalSelector {
  readonly metric: string;
  /**
   * One result per requested pod name / UID, in the order of `pods` / `podIds` (the list
   * routes). Without it, the samples of every matching series make one result.
   */
  readonly groupBy?: 'pod' | 'pod_id';
}

/** Heapster's named aggregations; percentiles are requested separately. */
export type HistoricalAggregation = 'average' | 'max' | 'min' | 'median' | 'count';

export interface HistoricalAggregationRequest {
  readonly aggregations: readonly HistoricalAggregation[];
  /** Percentiles in (0, 100], e.g. 50, 95, 99.9. */
  readonly percentiles: readonly number[];
  /** Bucket width in ms; 0 = one bucket over the whole range (timestamped at its start). */
  readonly bucketMs: number;
}

/**
 * One bucket. Every bucket of the range is present, in time order; only the requested
 * statistics appear, and an empty bucket carries nothing but `count: 0` (when count was asked).
 */
export interface HistoricalBucket {
  /** Bucket start, epoch ms (the range start for a single bucket). */
  readonly timestamp: number;
  readonly count?: number;
  readonly average?: number;
  readonly maximum?: number;
  readonly minimum?: number;
  readonly median?: number;
  /** By percentile as `String(p)`: `"95"`, `"99.9"`. */
  readonly percentiles?: Readonly<Record<string, number>>;
}

export interface HistoricalAggregationResult {
  /** The pod name or UID of a grouped query. */
  readonly group?: string;
  readonly bucketMs: number;
  readonly buckets: readonly HistoricalBucket[];
}

export interface HistoricalPoint {
  readonly timestamp: number;
  readonly value: number;
}

export interface HistoricalPointsResult {
  readonly group?: string;
  /** In time order; several series (label sets) may share a timestamp. */
  readonly points: readonly HistoricalPoint[];
}

/** What an entity listing returns: node, namespace or pod names, pod UIDs, container names. */
export type HistoricalEntityField = 'node' | 'namespace' | 'pod' | 'pod_id' | 'container';

export interface HistoricalQueryOptions {
  /** The request's deadline and cancellation (client gone, shutdown). */
  readonly signal: AbortSignal;
}

export interface HistoricalPointsOptions extends HistoricalQueryOptions {
  /** More points than this in one result is a HistoricalQueryError on `start`. */
  readonly maxPoints: number;
}

export interface HistoricalSource {
  /** The backend kind and a secret-free description, e.g. `influxdb(http://influx:8086, db=k8s)`. */
  readonly name: string;
  /** `duckdb`, `influxdb` or `prometheus`: the label of the per-backend self-metrics. */
  readonly backend: string;
  /** How this backend computes percentiles (and median), stated for users and docs. */
  readonly percentileDefinition: string;
  /**
   * Whether a percentile is always one of the stored samples (nearest-rank definitions) rather
   * than a value between two (interpolating ones): the API then keeps an integer metric's type.
   */
  readonly percentilesAreSamples: boolean;
  /** Resolves when the backend answers (readiness); rejects with the reason otherwise. */
  ping(options: HistoricalQueryOptions): Promise<void>;
  /** Metric names stored for the entities a selector matches, sorted. */
  metricNames(
    selector: HistoricalSelector,
    range: HistoricalTimeRange,
    options: HistoricalQueryOptions,
  ): Promise<string[]>;
  /** Distinct values of `field` among the entities a selector matches, sorted. */
  entities(
    field: HistoricalEntityField,
    selector: HistoricalSelector,
    range: HistoricalTimeRange,
    options: HistoricalQueryOptions,
  ): Promise<string[]>;
  points(
    query: HistoricalMetricQuery,
    range: HistoricalTimeRange,
    options: HistoricalPointsOptions,
  ): Promise<HistoricalPointsResult[]>;
  aggregate(
    query: HistoricalMetricQuery,
    range: HistoricalTimeRange,
    request: HistoricalAggregationRequest,
    options: HistoricalQueryOptions,
  ): Promise<HistoricalAggregationResult[]>;
  /** Releases connections; idempotent. */
  close(): Promise<void>;
}

/**
 * A request the backend cannot answer as asked (bad selector, too many points): the API
 * reports it as 400 naming `parameter`. Backend failures are other errors (502/503).
 */
export class HistoricalQueryError extends Error {
  readonly parameter: string;

  constructor(parameter: string, message: string) {
    super(`${parameter}: ${message}`);
    this.name = 'HistoricalQueryError';
    this.parameter = parameter;
  }
}
