// Public surface of @heapster/sink: the sink contracts, URI parsing, the registry and managers.
export { classifyError } from './error-class.js';
export type { ErrorClass } from './error-class.js';
export { ExporterMetrics } from './exporter-metrics.js';
export { MetricSinkManager } from './metric-sink-manager.js';
export type { MetricSinkManagerOptions } from './metric-sink-manager.js';
export { OptionReader } from './option-reader.js';
export type { SinkFactory, SinkSettings, Stability } from './sink-factory.js';
export { SinkRegistry } from './sink-registry.js';
export type { ResolvedSink, SinkSignal } from './sink-registry.js';
export { expandEnv, maskSecrets, parseSinkUri, sinkConfigError } from './sink-uri.js';
export type { SinkUri } from './sink-uri.js';
export type { EventSink, MetricSink, SinkCallOptions, SinkLifecycle } from './sink.js';
