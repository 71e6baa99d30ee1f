import type { KubeEvent } from '@heapster/model';
import type { Logger } from '@heapster/runtime';
import { WriteTracker, type EventSink, type SinkCallOptions } from '@heapster/sink';
import { throwIfAborted } from './duckdb-errors.js';
import type { StoreHandle } from './store-registry.js';

/**
 * The `duckdb` event sink: events keyed by (uid, resource_version), written with INSERT OR
 * IGNORE so a redelivered batch stores nothing twice. It can say what it already holds
 * (`lastStoredResourceVersion`), which the eventer prefers to its checkpoint file.
 */
export class DuckDbEventSink implements EventSink {
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

  write(events: readonly KubeEvent[], options: SinkCallOptions): Promise<void> {
    return this._tracker.run(async () => {
      await this._handle.store.writeEvents(events, options.signal);
    });
  }

  lastStoredResourceVersion(options: SinkCallOptions): Promise<string | undefined> {
    return this._tracker.run(async () => {
      throwIfAborted(options.signal);
      return this._handle.store.lastStoredResourceVersion();
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
