// Public surface of @heapster/historical: Heapster's historical API as a fastify plugin, the
// backends behind it, and the factory choosing one from a URI.
export { parseAggregations } from './api/aggregation-spec.js';
export type { AggregationSpec } from './api/aggregation-spec.js';
export { errorAnswer } from './api/error-reply.js';
export {
  HISTORICAL_API_PREFIX,
  HISTORICAL_MAX_PARAM_LENGTH,
  historicalApiPlugin,
} from './api/historical-api-plugin.js';
export type { HistoricalApiOptions } from './api/historical-api-plugin.js';
export { metricValueType } from './api/json-shapes.js';
export type {
  MetricAggregationBucketJson,
  MetricAggregationResultJson,
  MetricPointJson,
  MetricResultJson,
  MetricValueJson,
} from './api/json-shapes.js';
export { DEFAULT_LIMITS } from './api/limits.js';
export type { HistoricalLimits } from './api/limits.js';
export { formatRfc3339, parseRfc3339 } from './api/time-format.js';
export { DuckDbHistoricalSource } from './backends/duckdb/duckdb-source.js';
export { parseInfluxdbSourceConfig } from './backends/influxdb/influxdb-config.js';
export type { InfluxdbSourceConfig } from './backends/influxdb/influxdb-config.js';
export { InfluxdbHistoricalSource } from './backends/influxdb/influxdb-source.js';
export { metricOfSeries, seriesName } from './backends/prometheus/metric-naming.js';
export type { MetricNaming, NamingSchema } from './backends/prometheus/metric-naming.js';
export { parsePrometheusSourceConfig } from './backends/prometheus/prometheus-config.js';
export type { PrometheusSourceConfig } from './backends/prometheus/prometheus-config.js';
export { PrometheusHistoricalSource } from './backends/prometheus/prometheus-source.js';
export { parseStackdriverSourceConfig } from './backends/stackdriver/stackdriver-config.js';
export type { StackdriverSourceConfig } from './backends/stackdriver/stackdriver-config.js';
export { StackdriverHistoricalSource } from './backends/stackdriver/stackdriver-source.js';
export type { StackdriverSourceDeps } from './backends/stackdriver/stackdriver-source.js';
export { bucketCount, bucketStarts } from './bucket-grid.js';
export {
  createHistoricalSource,
  HISTORICAL_SOURCE_TYPES,
  openHistoricalSource,
  parseHistoricalSourceUri,
} from './create-historical-source.js';
export type { HistoricalSourceSettings, HistoricalSourceSpec } from './create-historical-source.js';
export { InstrumentedHistoricalSource } from './instrumented-source.js';
export { bucketStatistics, percentileOfSorted } from './sample-statistics.js';
export type { PercentileMethod } from './sample-statistics.js';
