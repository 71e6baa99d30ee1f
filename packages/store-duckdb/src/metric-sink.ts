import type { DataBatch } from '@heapster/model';
import type { MetricSink, SinkCallOptions } from '@heapster/sink';
import { DuckDbSinkBase } from './duckdb-sink-base.js';

/**
 * The `duckdb` metric sink: every value and labeled value of each batch becomes a row of the
 * store's sample tables (README "Schema"), one transaction per batch.
 */
export class DuckDbMetricSink extends DuckDbSinkBase implements MetricSink {
  write(batch: DataBatch, options: SinkCallOptions): Promise<void> {
    return this._tracker.run(async () => {
      await this._handle.store.writeBatch(batch, options.signal);
    });
  }
}
