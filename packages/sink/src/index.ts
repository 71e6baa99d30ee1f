// Public surface of @heapster/sink: the sink contracts, URI parsing, the registry and managers.
export { classifyError } from './error-class.js';
export type { ErrorClass } from './error-class.js';
export { EventSinkManager } from './event-sink-manager.js';
export { EVENT_FREQUENCY_RANGE_MS } from './event-sink-manager-options.js';
export type { EventSinkManagerOptions } from './event-sink-manager-options.js';
export { EventSinkMetrics } from './event-sink-metrics.js';
export type { QueueDepthSource } from './event-sink-metrics.js';
export type { EventSinkRoute } from './event-sink-slot.js';
export { ExporterMetrics } from './exporter-metrics.js';
export { HistoricalQueryError } from './historical-source.js';
export type {
  HistoricalAggregation,
  HistoricalAggregationRequest,
  HistoricalAggregationResult,
  HistoricalBucket,
  HistoricalEntityField,
  HistoricalMetricQuery,
  HistoricalPoint,
  HistoricalPointsOptions,
  HistoricalPointsResult,
  HistoricalQueryOptions,
  HistoricalSelector,
  HistoricalSource,
  HistoricalTimeRange,
} from './historical-source.js';
export { MetricSinkManager } from './metric-sink-manager.js';
export type { MetricSinkManagerOptions } from './metric-sink-manager.js';
export { OptionReader } from './option-reader.js';
export {
  compareResourceVersions,
  earlierResourceVersion,
  isComparableResourceVersion,
  laterResourceVersion,
} from './resource-version.js';
export type { SinkFactory, SinkSettings, Stability } from './sink-factory.js';
export { loadSinkFactories } from './sink-modules.js';
export type { SinkModule } from './sink-modules.js';
export { SinkRegistry } from './sink-registry.js';
export type { ResolvedSink, SinkSignal } from './sink-registry.js';
export { maskSecrets, parseSinkUri, sinkConfigError } from './sink-uri.js';
export type { SinkUri } from './sink-uri.js';
export type { EventSink, MetricSink, SinkCallOptions, SinkLifecycle } from './sink.js';
export { timerScheduler } from './task-scheduler.js';
export type { TaskScheduler } from './task-scheduler.js';
export { WriteTracker } from './write-tracker.js';
