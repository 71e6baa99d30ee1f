import type { DataBatch } from '@heapster/model';
import { withTimeout, type Clock, type Logger } from '@heapster/runtime';
import type { Registry } from 'prom-client';
import { classifyError } from './error-class.js';
import { ExporterMetrics } from './exporter-metrics.js';
import type { MetricSink } from './sink.js';

export interface MetricSinkManagerOptions {
  readonly sinks: readonly MetricSink[];
  /** Deadline of one write (`--sink_export_data_timeout`, Heapster's default 20 s). */
  readonly exportTimeoutMs: number;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly registry: Registry;
}

interface SinkSlot {
  readonly sink: MetricSink;
  inFlight: Promise<void> | undefined;
  failing: boolean;
}

/**
 * Fans each batch out to every metric sink (Heapster's sink manager, with its weak spots fixed):
 * - `export` never waits: the scrape loop hands over the batch and goes on;
 * - at most one write in flight per sink; a sink still busy gets nothing this time and the drop
 *   is counted (fresher data replaces stale data for metrics);
 * - every write has a deadline carried by an AbortSignal; failures are classified and counted,
 *   and logged once per change between working and failing, not once per batch.
 */
export class MetricSinkManager {
  private readonly _slots: SinkSlot[];
  private readonly _options: MetricSinkManagerOptions;
  private readonly _metrics: ExporterMetrics;
  private readonly _shutdown = new AbortController();
  private _started = false;
  private _stopped = false;

  constructor(options: MetricSinkManagerOptions) {
    this._options = options;
    this._slots = options.sinks.map(sink => ({ sink, inFlight: undefined, failing: false }));
    this._metrics = new ExporterMetrics(options.registry, 'heapster');
  }

  get sinkNames(): string[] {
    return this._slots.map(slot => slot.sink.name);
  }

  async start(): Promise<void> {
    if (this._started) return;
    this._started = true;
    await Promise.all(
      this._slots.map(async slot => {
        try {
          await withTimeout(`starting ${slot.sink.name}`, this._options.exportTimeoutMs, signal =>
            slot.sink.start({ signal }),
          );
          this._options.logger.info('sink started', { sink: slot.sink.name });
        } catch (error) {
          // A sink that cannot prepare now retries on its writes; the core keeps serving.
          this._options.logger.warn('sink start failed; writes will retry', {
            sink: slot.sink.name,
            error: String(error),
          });
        }
      }),
    );
  }

  /** Offers the batch to every sink that is idle; returns without waiting for any write. */
  export(batch: DataBatch): void {
    if (this._stopped) return;
    for (const slot of this._slots) {
      if (slot.inFlight !== undefined) {
        this._metrics.dropped.inc({ exporter: slot.sink.name, reason: 'busy' });
        this._options.logger.debug('sink busy: batch skipped', {
          sink: slot.sink.name,
          batch: batch.timestamp,
        });
        continue;
      }
      slot.inFlight = this._write(slot, batch).finally(() => {
        slot.inFlight = undefined;
      });
    }
  }

  /** Resolves when no write is in flight (tests and shutdown). */
  async idle(): Promise<void> {
    await Promise.all(this._slots.map(slot => slot.inFlight));
  }

  /** Stops intake, waits for writes in flight (up to the deadline), then flushes and shuts every sink down. */
  async shutdown(deadlineMs: number): Promise<void> {
    if (this._stopped) return;
    this._stopped = true;
    const deadline = setTimeout(
      () => this._shutdown.abort(new Error('shutdown deadline')),
      deadlineMs,
    );
    deadline.unref();
    const signal = this._shutdown.signal;
    await Promise.race([
      this.idle(),
      new Promise(resolve => signal.addEventListener('abort', resolve, { once: true })),
    ]);
    await Promise.all(
      this._slots.map(async slot => {
        try {
          await slot.sink.flush({ signal });
          await slot.sink.shutdown({ signal });
        } catch (error) {
          this._options.logger.warn('sink shutdown failed', {
            sink: slot.sink.name,
            error: String(error),
          });
        }
      }),
    );
    clearTimeout(deadline);
  }

  private async _write(slot: SinkSlot, batch: DataBatch): Promise<void> {
    const started = this._options.clock.now();
    const exporter = slot.sink.name;
    try {
      await withTimeout(
        `export to ${exporter}`,
        this._options.exportTimeoutMs,
        signal => pinnedWhile(batch, () => slot.sink.write(batch, { signal })),
        this._shutdown.signal,
      );
      if (slot.failing) this._options.logger.info('sink recovered', { sink: exporter });
      slot.failing = false;
    } catch (error) {
      const errorClass = classifyError(error);
      this._metrics.failures.inc({ exporter, class: errorClass });
      if (!slot.failing) {
        this._options.logger.warn('sink write failed', {
          sink: exporter,
          class: errorClass,
          error: String(error),
        });
      }
      slot.failing = true;
    } finally {
      const finished = this._options.clock.now();
      this._metrics.duration.observe({ exporter }, finished - started);
      this._metrics.lastTime.set({ exporter }, finished / 1000);
    }
  }
}

/**
 * Runs a sink's write with the batch pinned until the write itself settles — not the deadline:
 * a sink that ignores its AbortSignal may still be reading the batch, which must then not be
 * reused for a newer one's columns.
 */
async function pinnedWhile(batch: DataBatch, write: () => Promise<void>): Promise<void> {
  const unpin = batch.pin();
  try {
    await write();
  } finally {
    unpin();
  }
}
