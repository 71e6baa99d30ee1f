import type { DataBatch, EntityType } from '@heapster/model';
import type { SeriesRef } from './series-key.js';

/** One value of a series at a batch timestamp (epoch ms). Values are floats, never truncated. */
export interface MetricPoint {
  readonly timestamp: number;
  readonly value: number;
}

/** Which points `points()` returns. Both bounds are inclusive, as Heapster's model API. */
export interface PointsRange {
  /** Epoch ms; default: no lower bound. */
  readonly startMs?: number;
  /** Epoch ms; default: no upper bound (the HTTP layer passes "now", as Heapster). */
  readonly endMs?: number;
  /**
   * Selects the series of a labeled metric whose label set is exactly this one (no more, no
   * fewer keys), from the short window only. Absent or empty: the unlabeled value.
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The interval, ms, over which a row's rates were computed; NaN (or absent) when unknown. */
export type RateWindowOf = (type: EntityType, row: number) => number;

/** The newest batch, as the metrics.k8s.io, Prometheus and metric-export paths read it. */
export interface LatestBatch {
  readonly batch: DataBatch;
  /**
   * The real interval the row's rates (`cpu/usage_rate`, …) were computed over, ms: the
   * metrics.k8s.io `window`. NaN when the producer gave none (callers then use the resolution).
   */
  rateWindowMs(type: EntityType, row: number): number;
}

export interface Readiness {
  readonly ready: boolean;
  /** Why (not) ready, for /readyz bodies and logs. */
  readonly reason: string;
}

/** Self-metrics of the store. Byte counts are typed arrays plus an estimate for key strings. */
export interface StoreStats {
  /** Batches held in full (the short window). */
  readonly batches: number;
  /** Timestamp of the newest batch, NaN before the first. */
  readonly newestTimestampMs: number;
  /** Series with a ring slot (entities seen within the long window). */
  readonly series: number;
  /** Slots the ring slabs are sized for. */
  readonly seriesCapacity: number;
  readonly pointsPerSeries: number;
  /** Ring slabs, slot arrays and series keys. */
  readonly ringBytes: number;
  /** Typed arrays of the batches held (as `DataBatch.byteSize()`, strings excluded). */
  readonly batchBytes: number;
  /** The store's per-batch indices (slot → row, labeled index, rate windows). */
  readonly indexBytes: number;
  readonly bytesHeld: number;
}

/**
 * What the HTTP layer reads. Listings come from the newest batch; values from the long window
 * (cpu/usage_rate, memory/usage, memory/working_set, 15 minutes) and the short window (every
 * metric, the last few batches). A metric set is named by Heapster's key (`namespace:ns/pod:p`,
 * as `allKeys` lists them) or by its identity parts (`{ namespace, pod }`, as routes give them).
 */
export interface MetricStore {
  latest(): LatestBatch | undefined;
  /** Node names (the Node object's name, the same the node routes take), sorted. */
  listNodes(): string[];
  listNamespaces(): string[];
  listPods(namespace: string): string[];
  listContainers(namespace: string, pod: string): string[];
  /** System containers of a node (`kubelet`, `docker-daemon`, …): Heapster's "free containers". */
  listFreeContainers(node: string): string[];
  /** Names of the metrics with at least one point for the metric set, sorted; [] when unknown. */
  metricNames(type: EntityType, series: SeriesRef): string[];
  /** The points of one series, oldest first; [] for an unknown set or metric. */
  points(
    type: EntityType,
    series: SeriesRef,
    metricName: string,
    range?: PointsRange,
  ): MetricPoint[];
  /** Every metric-set key of the newest batch, sorted (the model API's debug/allkeys). */
  allKeys(): string[];
  readiness(): Readiness;
  stats(): StoreStats;
}
