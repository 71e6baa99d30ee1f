import type { DataBatch, KubeEvent } from '@heapster/model';

/** Options of every sink call: the manager's deadline (and shutdown) arrive as an AbortSignal. */
export interface SinkCallOptions {
  readonly signal: AbortSignal;
}

/**
 * The lifecycle every sink shares (OTel's exporter / Collector's component rules):
 * - `start` may prepare (create a database) but never fails because the backend is down —
 *   a down backend is a runtime condition reported by `write`.
 * - `write` resolves once the backend accepted the data, honours the signal, treats its input
 *   as read-only, and rejects with PermanentError, RetryableError or PartialWriteError.
 * - `flush` waits for work in flight.
 * - `shutdown` is idempotent and safe without `start`; afterwards `write` rejects permanently.
 */
export interface SinkLifecycle {
  /** The sink's type and a secret-free description, e.g. `influxdb(http://influx:8086, db=k8s)`. */
  readonly name: string;
  start(options: SinkCallOptions): Promise<void>;
  flush(options: SinkCallOptions): Promise<void>;
  shutdown(options: SinkCallOptions): Promise<void>;
}

/** Receives every metric batch the core produces (at most one write in flight per sink). */
export interface MetricSink extends SinkLifecycle {
  write(batch: DataBatch, options: SinkCallOptions): Promise<void>;
}

/**
 * Receives event batches from the eventer. Writes must be idempotent on
 * (event uid, resourceVersion): the eventer delivers at least once.
 */
export interface EventSink extends SinkLifecycle {
  write(events: readonly KubeEvent[], options: SinkCallOptions): Promise<void>;
  /**
   * Optional: the newest resourceVersion this sink is known to hold (e.g. a max() over its
   * table). The eventer then resumes from what the sink really stored instead of a local file.
   */
  lastStoredResourceVersion?(options: SinkCallOptions): Promise<string | undefined>;
}
