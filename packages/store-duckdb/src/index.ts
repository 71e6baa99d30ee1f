// Public surface of @heapster/store-duckdb: the `duckdb` sink factory, the store and its
// historical reader (README: options, schema, concurrency).
export {
  DUCKDB_DEFAULTS,
  formatRetention,
  MEMORY_PATH,
  parseConfig,
  parseRetention,
} from './config.js';
export type { DuckDbConfig } from './config.js';
export { classifyDuckDbError, DUCKDB_LOCKED_CODE } from './duckdb-errors.js';
export { numericResourceVersion } from './event-writer.js';
export { DuckDbEventSink } from './event-sink.js';
export { duckdbSinkFactory } from './factory.js';
export { DuckDbHistory } from './history/duckdb-history.js';
export { MAX_BUCKETS } from './history/aggregation-sql.js';
export { bucketStarts } from './history/buckets.js';
export type {
  AggregationBucket,
  AggregationName,
  AggregationRequest,
  AggregationResult,
  EntityField,
  HistoricalStore,
  MetricInfo,
  MetricPoint,
  MetricQuery,
  PercentileMethod,
  PointsResult,
  QueryOptions,
  SeriesSelector,
  TimeRange,
} from './history/historical-store.js';
export { openDuckDbHistory } from './history/open-history.js';
export type { OpenHistory } from './history/open-history.js';
export { QueryError } from './history/series-filter.js';
export type { MaintenanceReport } from './maintenance.js';
export { DuckDbMetricSink } from './metric-sink.js';
export type { SampleWriteResult } from './sample-writer.js';
export { partitionTable } from './schema.js';
export { snapshotPath } from './snapshot.js';
export { DuckDbStore } from './store.js';
export type { StoreSettings } from './store.js';
export { acquireStore, resolveStorePath } from './store-registry.js';
export type { StoreHandle } from './store-registry.js';
