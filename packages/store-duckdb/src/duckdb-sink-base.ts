import type { Logger } from '@heapster/runtime';
import { WriteTracker, type SinkCallOptions, type SinkLifecycle } from '@heapster/sink';
import type { StoreHandle } from './store-registry.js';

/**
 * The lifecycle both `duckdb` sinks share: `start` opens the file in the background and never
 * fails (a store that cannot open is reported by the writes, each retrying the open), `flush`
 * waits for writes in flight, `shutdown` refuses new writes, drains, then releases the store
 * (closed once the last sink of the file lets go). Subclasses add `write` through `_tracker`.
 */
export abstract class DuckDbSinkBase implements SinkLifecycle {
  readonly name: string;
  protected readonly _handle: StoreHandle;
  protected readonly _tracker: WriteTracker;
  private readonly _logger: Logger;

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
