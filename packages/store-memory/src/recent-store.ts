import type { DataBatch, EntityType } from '@heapster/model';
import {
  listContainers,
  listFreeContainers,
  listNamespaces,
  listNodes,
  listPods,
} from './entity-listing.js';
import type {
  LatestBatch,
  MetricPoint,
  MetricStore,
  PointsRange,
  RateWindowOf,
  Readiness,
  StoreStats,
} from './metric-store.js';
import { batchReadiness } from './readiness.js';
import { RetainedBatch } from './retained-batch.js';
import { LongWindow } from './long-window.js';
import { seriesParts, type SeriesRef } from './series-key.js';
import { seriesMetricNames, seriesPoints, type PointSources } from './series-points.js';
import {
  LONG_WINDOW_METRIC_IDS,
  resolveStoreOptions,
  type RecentStoreOptions,
  type ResolvedStoreOptions,
} from './store-options.js';

/**
 * The core's in-memory store of recent metrics (Heapster's "metric sink", §4.4), fed once per
 * batch after the processors and read by the HTTP APIs.
 *
 * - Short window: the newest batches themselves, for every metric and label, while their
 *   timestamps lie in (newest − shortWindowMs, newest]. Published batches are read-only, so
 *   holding them costs nothing beyond keeping them alive.
 * - Long window: cpu/usage_rate, memory/usage and memory/working_set of every metric set for
 *   (newest − longWindowMs, newest] in typed ring buffers (`LongWindow`); a series is dropped
 *   once it has been absent for a whole long window.
 *
 * Windows are measured from the newest batch's timestamp, not the wall clock: a stalled scrape
 * loop leaves the last data readable (staleness is reported by /healthz, as Heapster did).
 */
export class RecentStore implements MetricStore {
  readonly options: ResolvedStoreOptions;
  private readonly _long: LongWindow;
  private readonly _retained: RetainedBatch[] = [];
  private _readiness: { readonly batch: DataBatch; readonly value: Readiness } | undefined;

  constructor(options: RecentStoreOptions) {
    this.options = resolveStoreOptions(options);
    this._long = new LongWindow(
      LONG_WINDOW_METRIC_IDS,
      this.options.pointsPerSeries,
      this.options.longWindowPrecision,
    );
  }

  /**
   * Stores a published batch. `windows` gives each row's rate interval (the rate calculator's
   * `windowOf`); it is read now, so the producer may move on. A batch not newer than the newest
   * one is ignored and `false` returned (as Heapster's rate calculator skipped it).
   */
  add(batch: DataBatch, windows?: RateWindowOf): boolean {
    const timestamp = batch.timestamp;
    if (!Number.isFinite(timestamp)) {
      throw new RangeError(`batch timestamp ${timestamp} is not a finite epoch-ms number`);
    }
    const previous = this._newest();
    if (previous !== undefined && timestamp <= previous.timestamp) return false;

    const slotsByType = this._long.ingest(batch);
    previous?.releaseWindows();
    const slotCapacity = this._long.ring.slotCapacity;
    this._retained.push(new RetainedBatch(batch, slotsByType, slotCapacity, windows));
    const shortCutoff = timestamp - this.options.shortWindowMs;
    while ((this._retained[0]?.timestamp ?? Number.POSITIVE_INFINITY) <= shortCutoff) {
      this._retained.shift();
    }
    this._long.release(timestamp - this.options.longWindowMs);
    return true;
  }

  /**
   * Lets go, before a batch for `nextTimestamp` is built, of the batches its arrival will push
   * out of the short window; the newest batch always stays, so a scrape that fails or stalls
   * leaves the last data readable. Called as a scrape starts, it keeps the core at the window's
   * batches plus the one being filled instead of one more (≈ 145 MB at 100,000 pods). Returns
   * the batches that left, oldest first (the caller may reuse their columns: DataBatch `reuse`).
   */
  retireBefore(nextTimestamp: number): DataBatch[] {
    const cutoff = nextTimestamp - this.options.shortWindowMs;
    const retired: DataBatch[] = [];
    while (this._retained.length > 1 && (this._retained[0] as RetainedBatch).timestamp <= cutoff) {
      retired.push((this._retained.shift() as RetainedBatch).batch);
    }
    return retired;
  }

  latest(): LatestBatch | undefined {
    return this._newest();
  }

  listNodes(): string[] {
    return this._fromLatest(listNodes);
  }

  listNamespaces(): string[] {
    return this._fromLatest(listNamespaces);
  }

  listPods(namespace: string): string[] {
    return this._fromLatest(batch => listPods(batch, namespace));
  }

  listContainers(namespace: string, pod: string): string[] {
    return this._fromLatest(batch => listContainers(batch, namespace, pod));
  }

  listFreeContainers(node: string): string[] {
    return this._fromLatest(batch => listFreeContainers(batch, node));
  }

  metricNames(type: EntityType, series: SeriesRef): string[] {
    const sources = this._sources();
    if (sources === undefined) return [];
    return seriesMetricNames(sources, type, this._slotOf(type, series));
  }

  points(
    type: EntityType,
    series: SeriesRef,
    metricName: string,
    range: PointsRange = {},
  ): MetricPoint[] {
    const sources = this._sources();
    if (sources === undefined) return [];
    return seriesPoints(sources, type, this._slotOf(type, series), metricName, range);
  }

  allKeys(): string[] {
    const newest = this._newest();
    if (newest === undefined) return [];
    return this._long.keysSeenAt(newest.timestamp).sort();
  }

  /** See `batchReadiness`; computed once per newest batch. */
  readiness(): Readiness {
    const batch = this._newest()?.batch;
    if (batch === undefined) return batchReadiness(undefined);
    if (this._readiness?.batch !== batch) this._readiness = { batch, value: batchReadiness(batch) };
    return this._readiness.value;
  }

  stats(): StoreStats {
    let batchBytes = 0;
    let indexBytes = 0;
    for (const held of this._retained) {
      batchBytes += held.batch.byteSize();
      indexBytes += held.indexBytes();
    }
    const ringBytes = this._long.byteSize();
    const { ring } = this._long;
    return {
      batches: this._retained.length,
      newestTimestampMs: ring.newest,
      series: ring.size,
      seriesCapacity: ring.slotCapacity,
      pointsPerSeries: ring.pointsPerSeries,
      ringBytes,
      batchBytes,
      indexBytes,
      bytesHeld: ringBytes + batchBytes + indexBytes,
    };
  }

  private _slotOf(type: EntityType, series: SeriesRef): number {
    const parts = seriesParts(type, series);
    return parts === undefined ? -1 : this._long.slotOf(type, parts);
  }

  private _newest(): RetainedBatch | undefined {
    return this._retained[this._retained.length - 1];
  }

  private _sources(): PointSources | undefined {
    const newest = this._newest();
    if (newest === undefined) return undefined;
    return {
      ring: this._long.ring,
      retained: this._retained,
      longCutoff: newest.timestamp - this.options.longWindowMs,
    };
  }

  private _fromLatest(list: (batch: DataBatch) => string[]): string[] {
    const newest = this._newest();
    return newest === undefined ? [] : list(newest.batch);
  }
}
