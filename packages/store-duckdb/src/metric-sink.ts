import type { DataBatch } from '@heapster/model';
import type { Logger } from '@heapster/runtime';
import { WriteTracker, type MetricSink, type SinkCallOptions } from '@heapster/sink';
import type { StoreHandle } from './store-registry.js';

/**
 * The `duckdb` metric sink: every value and labeled value of each batch becomes a row of the
 * store's sample tables (README "Schema"). `start` opens the file in the background and never
 * fails; a store that cannot open is reported by the writes, each retrying the open.
 */
export class DuckDbMetricSink implements MetricSink {
  readonly name: string;
  private readonly _handle: StoreHandle;
  private readonly _logger: Logger;
  private readonly _tracker: WriteTracker;

  constructor(handle: StoreHandle, name: string, logger: Logger) {
    this._handle = handle;
    this._logger = logger;
    this.name = name;
    this._tracker = new WriteTracker(name);
  }

  async start(_options: SinkCallOptions): Promise<void> {
    if (this._tracker.closed) return;
    void this._tracker.track(
      this._handle.store.database().then(
        () => undefined,
        (error: unknown) =>
          this._logger.warn('duckdb store not open yet; writes will retry', {
            sink: this.name,
            error: String(error),
          }),
      ),
    );
  }

  write(batch: DataBatch, options: SinkCallOptions): Promise<void> {
    return this._tracker.run(async () => {
      await this._handle.store.writeBatch(batch, options.signal);
    });
  }

  flush(options: SinkCallOptions): Promise<void> {
    return this._tracker.idle(options.signal);
  }

  async shutdown(options: SinkCallOptions): Promise<void> {
    if (this._tracker.closed) return;
    this._tracker.close();
    await this._tracker.idle(options.signal);
    await this._handle.release();
  }
}
