import type { KubeEvent } from '@heapster/model';
import type { EventSink, SinkCallOptions } from '@heapster/sink';
import { DuckDbSinkBase } from './duckdb-sink-base.js';
import { throwIfAborted } from './duckdb-errors.js';

/**
 * The `duckdb` event sink: events keyed by (uid, resource_version), written with INSERT OR
 * IGNORE so a redelivered batch stores nothing twice. It can say what it already holds
 * (`lastStoredResourceVersion`), which the eventer prefers to its checkpoint file.
 */
export class DuckDbEventSink extends DuckDbSinkBase implements EventSink {
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
}
