import type { KubeEvent } from '@heapster/model';
import { withTimeout } from '@heapster/runtime';
import {
  validateEventSinkManagerOptions,
  type EventSinkManagerOptions,
} from './event-sink-manager-options.js';
import { EventSinkMetrics } from './event-sink-metrics.js';
import { EventSinkSlot } from './event-sink-slot.js';
import {
  earlierResourceVersion,
  isComparableResourceVersion,
  laterResourceVersion,
} from './resource-version.js';
import { timerScheduler, type TaskScheduler } from './task-scheduler.js';

const DEFAULT_RETRY = { baseMs: 500, maxMs: 30_000 };

/**
 * Delivers every event version to every sink at least once (Heapster's event sink manager,
 * rebuilt for no loss): a bounded queue per sink, batches on a tick or at a batch size, one
 * write in flight per sink, retries with backoff (see EventSinkSlot), and backpressure — when
 * a queue is full, `offer` returns a promise and the source waits, so nothing is dropped for
 * lack of room. Per-sink checkpoints say how far each sink is known to be complete.
 */
export class EventSinkManager {
  private readonly _options: EventSinkManagerOptions;
  private readonly _slots: EventSinkSlot[];
  private readonly _metrics: EventSinkMetrics;
  private readonly _scheduler: TaskScheduler;
  private readonly _abort = new AbortController();
  private _cancelTick: (() => void) | undefined;
  private _started = false;
  private _stopped = false;
  private _badVersionLogged = false;
  private _lastFlushAt: number | undefined;

  constructor(options: EventSinkManagerOptions) {
    validateEventSinkManagerOptions(options);
    this._options = options;
    this._scheduler = options.scheduler ?? timerScheduler;
    this._metrics = new EventSinkMetrics(options.registry, () => this._slots);
    const deps = {
      metrics: this._metrics,
      logger: options.logger,
      clock: options.clock,
      scheduler: this._scheduler,
      exportTimeoutMs: options.exportTimeoutMs,
      retry: options.retry ?? DEFAULT_RETRY,
      random: options.random ?? Math.random,
      abort: this._abort.signal,
      onCheckpoint: options.onCheckpoint ?? (() => undefined),
    };
    const defaults = { batchSize: options.batchSize, bufferSize: options.bufferSize };
    this._slots = options.routes.map(route => new EventSinkSlot(route, defaults, deps));
  }

  get sinkNames(): string[] {
    return this._slots.map(slot => slot.name);
  }

  /** When the flush tick last ran (epoch ms): a liveness signal for /healthz. */
  get lastFlushAt(): number | undefined {
    return this._lastFlushAt;
  }

  /** Event versions waiting, summed over sinks. */
  get depth(): number {
    return this._slots.reduce((sum, slot) => sum + slot.depth, 0);
  }

  /** Per route id: the resourceVersion up to which that sink is complete (undefined: unknown). */
  checkpoints(): Map<string, string | undefined> {
    return new Map(this._slots.map(slot => [slot.id, slot.checkpoint]));
  }

  /**
   * Where the source can resume without loss: the earliest sink checkpoint, or undefined when
   * any sink has none (then the source lists everything; each sink skips what it already has).
   */
  resumePoint(): string | undefined {
    if (this._slots.length === 0) return undefined;
    let point: string | undefined = this._slots[0]?.checkpoint;
    for (const slot of this._slots) point = earlierResourceVersion(point, slot.checkpoint);
    return point;
  }

  /**
   * Drops every checkpoint beyond `current`, the API server's resourceVersion now: such a
   * checkpoint cannot come from this cluster's history (another cluster, a restored etcd, a
   * reused store file), and trusting it would skip events. Returns the ids of the sinks reset.
   */
  forgetCheckpointsAfter(current: string): string[] {
    if (!isComparableResourceVersion(current)) return [];
    const reset: string[] = [];
    for (const slot of this._slots) {
      const checkpoint = slot.checkpoint;
      if (checkpoint === undefined || laterResourceVersion(checkpoint, current) === current)
        continue;
      this._options.logger.warn('checkpoint is ahead of the API server: ignoring it and listing', {
        sink: slot.name,
        checkpoint,
        apiServer: current,
      });
      slot.resetCheckpoint(undefined);
      reset.push(slot.id);
    }
    return reset;
  }

  /**
   * Starts every sink (a down backend is logged, never fatal: writes retry), replaces a route's
   * file checkpoint by what the sink says it stored where the sink can tell (the earlier of the
   * two wins: the file is never ahead of an acknowledgement, the sink may have lost data), and
   * starts the flush tick.
   */
  async start(): Promise<void> {
    if (this._started) return;
    this._started = true;
    const { logger, exportTimeoutMs } = this._options;
    await Promise.all(
      this._slots.map(async slot => {
        try {
          await withTimeout(`starting ${slot.name}`, exportTimeoutMs, signal =>
            slot.sink.start({ signal }),
          );
        } catch (error) {
          logger.warn('sink start failed; writes will retry', {
            sink: slot.name,
            error: String(error),
          });
        }
        const ask = slot.sink.lastStoredResourceVersion?.bind(slot.sink);
        if (ask === undefined) return;
        try {
          const stored = await withTimeout(
            `asking ${slot.name} what it stored`,
            exportTimeoutMs,
            signal => ask({ signal }),
          );
          const usable =
            stored !== undefined && isComparableResourceVersion(stored) ? stored : undefined;
          const file = slot.checkpoint;
          slot.resetCheckpoint(file === undefined ? usable : earlierResourceVersion(file, usable));
          logger.info('sink checkpoint', {
            sink: slot.name,
            stored: usable,
            file,
            resumeFrom: slot.checkpoint,
          });
        } catch (error) {
          logger.warn('sink cannot tell what it stored; using the local checkpoint', {
            sink: slot.name,
            error: String(error),
          });
        }
      }),
    );
    this._scheduleTick();
  }

  /**
   * Queues one event version for every sink that wants it. Returns nothing when there was room
   * everywhere, or a promise that settles once the event is queued: the caller (the watch)
   * must wait for it — that wait is the backpressure.
   */
  offer(event: KubeEvent): void | Promise<void> {
    if (this._stopped) return;
    this._metrics.received.inc();
    for (const slot of this._slots) {
      if (slot.full && slot.wants(event)) return this._offerWhenRoom(event);
    }
    for (const slot of this._slots) slot.push(event);
  }

  /** Every event version up to `resourceVersion` has been offered (list done, watch event, bookmark). */
  mark(resourceVersion: string): void {
    if (this._stopped) return;
    if (!isComparableResourceVersion(resourceVersion)) {
      if (!this._badVersionLogged) {
        this._options.logger.error(
          'resourceVersion is not a decimal integer: checkpoints cannot advance',
          {
            resourceVersion,
          },
        );
        this._badVersionLogged = true;
      }
      return;
    }
    for (const slot of this._slots) slot.mark(resourceVersion);
  }

  /** Writes everything queued now instead of at the next tick. */
  flushNow(): void {
    for (const slot of this._slots) slot.requestFlush();
  }

  /** Resolves when every queue is empty and no write is in flight. */
  async drained(): Promise<void> {
    await Promise.all(this._slots.map(slot => slot.whenDrained()));
  }

  /**
   * Stops intake, flushes every queue (retrying at once, then with backoff) until most of the
   * deadline is used, aborts writes still in flight, then flushes and shuts the sinks down.
   * Returns how many event versions stayed unexported: the checkpoint does not cover them, so
   * the next start reads them again from the API server.
   */
  async shutdown(deadlineMs: number): Promise<{ unexported: number }> {
    if (this._stopped) return { unexported: this.depth };
    this._stopped = true;
    this._cancelTick?.();
    const sinkBudget = Math.min(2_000, Math.floor(deadlineMs / 4));
    for (const slot of this._slots) {
      slot.requestFlush();
      slot.retryNow();
    }
    let timer: (() => void) | undefined;
    await Promise.race([
      this.drained(),
      new Promise<void>(resolve => {
        timer = this._scheduler.schedule(deadlineMs - sinkBudget, resolve);
      }),
    ]);
    timer?.();
    const unexported = this.depth;
    this._abort.abort(new Error('shutdown deadline'));
    for (const slot of this._slots) slot.close();
    if (unexported > 0) {
      this._options.logger.warn(
        'events left unexported at shutdown; the next start reads them again',
        {
          unexported,
        },
      );
    }
    const signal = AbortSignal.timeout(Math.max(1, sinkBudget));
    await Promise.all(
      this._slots.map(async slot => {
        try {
          await slot.sink.flush({ signal });
          await slot.sink.shutdown({ signal });
        } catch (error) {
          this._options.logger.warn('sink shutdown failed', {
            sink: slot.name,
            error: String(error),
          });
        }
      }),
    );
    return { unexported };
  }

  private async _offerWhenRoom(event: KubeEvent): Promise<void> {
    this._metrics.backpressure.inc();
    for (;;) {
      const blocked = this._slots.find(slot => slot.full && slot.wants(event));
      if (blocked === undefined) break;
      await blocked.whenRoom();
      if (this._stopped) return;
    }
    for (const slot of this._slots) slot.push(event);
  }

  private _scheduleTick(): void {
    if (this._stopped) return;
    this._cancelTick = this._scheduler.schedule(this._options.frequencyMs, () => {
      this._lastFlushAt = this._options.clock.now();
      this._metrics.managerLastTime.set(this._lastFlushAt / 1000);
      this.flushNow();
      this._scheduleTick();
    });
  }
}
