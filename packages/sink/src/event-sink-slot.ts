import type { KubeEvent } from '@heapster/model';
import {
  PartialWriteError,
  RetryableError,
  backoffDelay,
  withTimeout,
  type Clock,
  type Logger,
} from '@heapster/runtime';
import { classifyError } from './error-class.js';
import type { EventSinkMetrics, QueueDepthSource } from './event-sink-metrics.js';
import {
  compareResourceVersions,
  isComparableResourceVersion,
  laterResourceVersion,
} from './resource-version.js';
import type { EventSink } from './sink.js';
import type { TaskScheduler } from './task-scheduler.js';

/** One sink of the eventer with its routing: what it accepts and how it is batched. */
export interface EventSinkRoute {
  /** Stable identity across restarts (the checkpoint key), e.g. the masked --sink value. */
  readonly id: string;
  readonly sink: EventSink;
  /** The sink's filter; events it rejects are never queued (counted as skipped). */
  readonly accepts?: (event: KubeEvent) => boolean;
  /** Write when this many events wait (default: the manager's batchSize). */
  readonly batchSize?: number;
  /** Bound of this sink's queue (default: the manager's bufferSize). */
  readonly bufferSize?: number;
  /** The checkpoint read at start (e.g. from the local file): everything up to it is exported. */
  readonly resumeFrom?: string;
}

export interface SlotDependencies {
  readonly metrics: EventSinkMetrics;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly scheduler: TaskScheduler;
  readonly exportTimeoutMs: number;
  readonly retry: { readonly baseMs: number; readonly maxMs: number };
  readonly random: () => number;
  /** Aborts writes in flight when the shutdown deadline passes. */
  readonly abort: AbortSignal;
  readonly onCheckpoint: (id: string, resourceVersion: string) => void;
}

interface Queued {
  readonly event: KubeEvent;
  /** A position reached once this event (and all before it) is exported. */
  mark: string | undefined;
}

interface Batch {
  readonly events: readonly KubeEvent[];
  mark: string | undefined;
  attempt: number;
}

/**
 * One sink's bounded queue and its writer: batches of up to `batchSize`, at most one write in
 * flight, the same batch retried with capped exponential backoff and jitter until it is
 * accepted (never dropped for being retryable), dropped and counted only on PermanentError
 * (or, for its failed part, PartialWriteError).
 *
 * The checkpoint: the source interleaves events with *marks* (a resourceVersion R such that
 * every event version up to R has been offered). A mark rides on the last event queued before
 * it, and the checkpoint moves to R only once that event's batch is done: so the checkpoint
 * never claims an event that a sink has not acknowledged.
 */
export class EventSinkSlot implements QueueDepthSource {
  readonly id: string;
  readonly name: string;
  readonly sink: EventSink;
  readonly capacity: number;
  private readonly _batchSize: number;
  private readonly _accepts: (event: KubeEvent) => boolean;
  private readonly _deps: SlotDependencies;
  private _queue: Queued[] = [];
  private _batch: Batch | undefined;
  private _cancelRetry: (() => void) | undefined;
  private _flushWanted = false;
  private _checkpoint: string | undefined;
  private _failing = false;
  private _closed = false;
  private _roomWaiters: (() => void)[] = [];
  private _drainWaiters: (() => void)[] = [];

  constructor(
    route: EventSinkRoute,
    defaults: { batchSize: number; bufferSize: number },
    deps: SlotDependencies,
  ) {
    this.id = route.id;
    this.sink = route.sink;
    this.name = route.sink.name;
    this.capacity = Math.max(1, route.bufferSize ?? defaults.bufferSize);
    // A batch never exceeds the queue bound, so a full queue always has a batch ready to go.
    this._batchSize = Math.max(1, Math.min(route.batchSize ?? defaults.batchSize, this.capacity));
    this._accepts = route.accepts ?? (() => true);
    this._checkpoint = route.resumeFrom;
    this._deps = deps;
  }

  /** Everything up to this resourceVersion has been exported (undefined: nothing known). */
  get checkpoint(): string | undefined {
    return this._checkpoint;
  }

  get depth(): number {
    return this._queue.length + (this._batch?.events.length ?? 0);
  }

  get full(): boolean {
    return this._queue.length >= this.capacity;
  }

  /** Replaces the start-up checkpoint (after asking the sink what it stored). */
  resetCheckpoint(resourceVersion: string | undefined): void {
    this._checkpoint = resourceVersion;
  }

  /** Whether `event` would be queued (passes the filter, newer than the checkpoint). No counting. */
  wants(event: KubeEvent): boolean {
    return this._accepts(event) && !this._covered(event);
  }

  /** Queues the event unless filtered or already exported; the caller checked `full` first. */
  push(event: KubeEvent): void {
    const exporter = this.name;
    if (!this._accepts(event)) {
      this._deps.metrics.skipped.inc({ exporter, reason: 'filtered' });
      return;
    }
    if (this._covered(event)) {
      this._deps.metrics.skipped.inc({ exporter, reason: 'checkpoint' });
      return;
    }
    this._queue.push({ event, mark: undefined });
    if (this._queue.length >= this._batchSize) this._pump();
  }

  /** Every event version up to `resourceVersion` has been offered (see the class comment). */
  mark(resourceVersion: string): void {
    const last = this._queue[this._queue.length - 1];
    if (last !== undefined) last.mark = laterResourceVersion(last.mark, resourceVersion);
    else if (this._batch !== undefined)
      this._batch.mark = laterResourceVersion(this._batch.mark, resourceVersion);
    else this._advance(resourceVersion);
  }

  /** Writes whatever is queued now, batch after batch (the --frequency tick, and shutdown). */
  requestFlush(): void {
    this._flushWanted = true;
    this._pump();
  }

  /** Resolves once the queue has room (or the slot is closed). */
  whenRoom(): Promise<void> {
    if (!this.full || this._closed) return Promise.resolve();
    return new Promise(resolve => this._roomWaiters.push(resolve));
  }

  /** Resolves once nothing is queued or being written (or the slot is closed). */
  whenDrained(): Promise<void> {
    if (this.depth === 0 || this._closed) return Promise.resolve();
    return new Promise(resolve => this._drainWaiters.push(resolve));
  }

  /** Shutdown: a pending retry is tried once more at once instead of after its backoff. */
  retryNow(): void {
    if (this._cancelRetry === undefined) return;
    this._cancelRetry();
    this._cancelRetry = undefined;
    void this._send();
  }

  /** Stops retrying and releases every waiter; what is still queued stays unexported. */
  close(): void {
    this._closed = true;
    this._cancelRetry?.();
    this._cancelRetry = undefined;
    this._release(this._roomWaiters);
    this._release(this._drainWaiters);
  }

  private _covered(event: KubeEvent): boolean {
    const version = event.metadata.resourceVersion;
    if (this._checkpoint === undefined || !isComparableResourceVersion(version)) return false;
    return compareResourceVersions(version, this._checkpoint) <= 0;
  }

  private _pump(): void {
    if (this._batch !== undefined || this._closed) return;
    if (this._queue.length === 0) {
      this._flushWanted = false;
      this._release(this._drainWaiters);
      return;
    }
    if (!this._flushWanted && this._queue.length < this._batchSize) return;
    const taken = this._queue.splice(0, this._batchSize);
    if (this._queue.length === 0) this._flushWanted = false;
    let mark: string | undefined;
    for (const item of taken) mark = laterResourceVersion(mark, item.mark);
    this._batch = { events: taken.map(item => item.event), mark, attempt: 0 };
    this._release(this._roomWaiters);
    void this._send();
  }

  private async _send(): Promise<void> {
    const batch = this._batch;
    if (batch === undefined) return;
    const { metrics, clock, logger } = this._deps;
    const exporter = this.name;
    const started = clock.now();
    let failure: unknown;
    try {
      await withTimeout(
        `export to ${exporter}`,
        this._deps.exportTimeoutMs,
        signal => this.sink.write(batch.events, { signal }),
        this._deps.abort,
      );
    } catch (error) {
      failure = error;
    }
    const finished = clock.now();
    metrics.exporter.duration.observe({ exporter }, finished - started);
    metrics.exporter.lastTime.set({ exporter }, finished / 1000);
    if (failure === undefined) {
      metrics.exported.inc({ exporter }, batch.events.length);
      if (this._failing) logger.info('sink recovered', { sink: exporter });
      this._failing = false;
      this._complete(batch);
      return;
    }
    const errorClass = classifyError(failure);
    metrics.exporter.failures.inc({ exporter, class: errorClass });
    if (errorClass === 'partial' || errorClass === 'permanent') {
      const failed =
        failure instanceof PartialWriteError
          ? Math.min(failure.failed, batch.events.length)
          : batch.events.length;
      metrics.exported.inc({ exporter }, batch.events.length - failed);
      metrics.dropped.inc({ exporter, reason: errorClass }, failed);
      metrics.exporter.dropped.inc({ exporter, reason: errorClass });
      logger.warn('sink rejected events: dropped', {
        sink: exporter,
        class: errorClass,
        dropped: failed,
        reason: String(failure),
      });
      this._complete(batch);
      return;
    }
    // Retryable, timeout or unclassified: the same batch again after a backoff, never dropped.
    if (this._closed) return;
    if (!this._failing) {
      logger.warn('sink write failed; retrying with backoff', {
        sink: exporter,
        class: errorClass,
        error: String(failure),
      });
    }
    this._failing = true;
    const { baseMs, maxMs } = this._deps.retry;
    const retryAfter = failure instanceof RetryableError ? (failure.retryAfterMs ?? 0) : 0;
    const delay = Math.max(
      Math.min(retryAfter, maxMs),
      backoffDelay(batch.attempt, baseMs, maxMs, this._deps.random),
    );
    batch.attempt += 1;
    metrics.retries.inc({ exporter });
    this._cancelRetry = this._deps.scheduler.schedule(delay, () => {
      this._cancelRetry = undefined;
      void this._send();
    });
  }

  private _complete(batch: Batch): void {
    this._batch = undefined;
    if (batch.mark !== undefined) this._advance(batch.mark);
    this._pump();
  }

  private _advance(resourceVersion: string): void {
    const next = laterResourceVersion(this._checkpoint, resourceVersion);
    if (next === this._checkpoint) return;
    this._checkpoint = next;
    this._deps.metrics.checkpointTime.set({ exporter: this.name }, this._deps.clock.now() / 1000);
    this._deps.onCheckpoint(this.id, resourceVersion);
  }

  private _release(waiters: (() => void)[]): void {
    for (const resolve of waiters.splice(0)) resolve();
  }
}
