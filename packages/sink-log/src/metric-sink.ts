import type { DataBatch } from '@heapster/model';
import { WriteTracker, type MetricSink, type SinkCallOptions } from '@heapster/sink';
import type { LogSinkConfig } from './config.js';
import { writePieces, type LogStream } from './output-writer.js';
import { formatMetricBatch } from './serializer.js';

/** Dumps every metric batch to a stream (stdout by default): Heapster's `log` sink. */
export class LogMetricSink implements MetricSink {
  readonly name: string;
  private readonly _config: LogSinkConfig;
  private readonly _stream: LogStream;
  private readonly _tracker: WriteTracker;

  constructor(config: LogSinkConfig, stream: LogStream) {
    this._config = config;
    this._stream = stream;
    this.name = `log(${config.output}, format=${config.format})`;
    this._tracker = new WriteTracker(this.name);
  }

  async start(_options: SinkCallOptions): Promise<void> {}

  write(batch: DataBatch, options: SinkCallOptions): Promise<void> {
    return this._tracker.run(() =>
      writePieces(
        this._stream,
        formatMetricBatch(batch, this._config.format, this._config.maxSets),
        options.signal,
      ),
    );
  }

  flush(options: SinkCallOptions): Promise<void> {
    return this._tracker.idle(options.signal);
  }

  async shutdown(options: SinkCallOptions): Promise<void> {
    this._tracker.close();
    await this._tracker.idle(options.signal);
  }
}
