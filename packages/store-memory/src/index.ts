// Public surface of @heapster/store-memory: name every export.
export {
  listContainers,
  listFreeContainers,
  listNames,
  listNamespaces,
  listNodes,
  listPods,
} from './entity-listing.js';
export type {
  LatestBatch,
  MetricPoint,
  MetricStore,
  PointsRange,
  RateWindowOf,
  Readiness,
  StoreStats,
} from './metric-store.js';
export { batchReadiness } from './readiness.js';
export { RecentStore } from './recent-store.js';
export { seriesParts } from './series-key.js';
export type { SeriesRef } from './series-key.js';
export {
  DEFAULT_LONG_WINDOW_MS,
  defaultShortWindowMs,
  LONG_WINDOW_METRIC_IDS,
  resolveStoreOptions,
} from './store-options.js';
export type {
  LongWindowPrecision,
  RecentStoreOptions,
  ResolvedStoreOptions,
} from './store-options.js';
