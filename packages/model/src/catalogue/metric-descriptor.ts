import type { EntityTypeName } from '../entity-type.js';

/**
 * The family of a metric: the part of its name before the first `/` (Heapster's measurement
 * name under InfluxDB `withfields`, its Elasticsearch document type), plus `resource` for the
 * dynamic `<resource>/request` metrics and `custom` for `custom/<name>`.
 */
export type MetricFamily =
  | 'uptime'
  | 'cpu'
  | 'memory'
  | 'network'
  | 'filesystem'
  | 'ephemeral_storage'
  | 'accelerator'
  | 'disk'
  | 'restart_count'
  | 'resource'
  | 'custom';

/** Heapster's metric types (`metrics/core/types.go`). */
export type MetricType = 'cumulative' | 'gauge' | 'delta';

/** Heapster's value types: `int64` values are whole numbers even though batches hold doubles. */
export type MetricValueType = 'int64' | 'double';

/**
 * What a value measures. Heapster's own descriptors were vaguer (cpu/usage_rate said "count");
 * these say what the number means, so that sinks can convert and docs can be precise.
 */
export type MetricUnits =
  | 'count'
  | 'bytes'
  | 'ms'
  | 'ns'
  | 'millicores'
  | 'milliloads'
  | 'ratio'
  | 'percent'
  | 'bytes_per_second'
  | 'per_second'
  | 'devices';

/**
 * Where Heapster's aggregator processors sum a metric (`metrics/heapster.go`):
 * `pod` = container→pod (pod_aggregator), `namespace` = pod→namespace, `node` = pod→existing
 * node set, `cluster` = namespace→cluster.
 */
export interface MetricAggregation {
  readonly pod: boolean;
  readonly namespace: boolean;
  readonly node: boolean;
  readonly cluster: boolean;
}

/** One metric of the catalogue. Everything is fixed at registration time. */
export interface MetricDescriptor {
  /** Index in its catalogue; static metrics have fixed ids (see `MetricId`). */
  readonly id: number;
  /** Heapster's name, exactly (dashboards and stored series select on it): 'cpu/usage_rate'. */
  readonly name: string;
  readonly family: MetricFamily;
  readonly type: MetricType;
  readonly valueType: MetricValueType;
  readonly units: MetricUnits;
  readonly description: string;
  /** Entity types that carry it with the summary source (for legacy-only metrics: the legacy source). */
  readonly levels: readonly EntityTypeName[];
  /** Per-series labels of a labeled metric (`resource_id`, or `make`,`model`,`accelerator_id`); [] otherwise. */
  readonly labelKeys: readonly string[];
  /** On a cumulative metric: the name of its rate twin. */
  readonly rate?: string;
  /** On a rate: the cumulative it is computed from. */
  readonly rateOf?: string;
  /** Only produced by Heapster's legacy cAdvisor (`kubernetes`) source. */
  readonly legacyOnly?: boolean;
  /** Not in Heapster: an addition of this rebuild (its description says "Beyond Heapster"). */
  readonly beyondHeapster?: boolean;
  /** Registered at run time (`<resource>/request`, `custom/<name>`) rather than built in. */
  readonly dynamic?: boolean;
  readonly aggregation: MetricAggregation;
  /** One line: where the value comes from (summary field or processor). */
  readonly origin: string;
}

/** A descriptor before the catalogue has given it an id. */
export type MetricSpec = Omit<MetricDescriptor, 'id'>;
