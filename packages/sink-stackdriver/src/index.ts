// Public surface of @heapster/sink-stackdriver: name every export.
export type { Endpoint, GcpEnvironment, MetadataKey, RetryPolicy } from '@heapster/gcp';
export { MAX_SERIES_PER_REQUEST } from './config.js';
export type { MetricSelection, StackdriverSinkConfig } from './config.js';
export { stackdriverSinkFactory } from './factory.js';
export {
  DERIVED_EVICTABLE,
  DERIVED_MINOR_FAULTS,
  legacyLabeledTable,
  legacyTable,
  newModelLabeledTable,
  newModelTable,
} from './metric-map.js';
export type { LabeledMapping, MetricKind, SeriesMapping, ValueType } from './metric-map.js';
export { StackdriverMetricSink } from './metric-sink.js';
export type { StackdriverSinkDeps } from './metric-sink.js';
export type { MonitoringClient } from './monitoring-client.js';
export type { GcpSite } from './site.js';
export { timeSeriesOf } from './time-series.js';
export type { Point, SeriesOptions, SeriesStats, TimeSeries, Timestamp } from './time-series.js';
export type { TimeSeriesClient } from './time-series-request.js';
