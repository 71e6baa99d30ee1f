import type { KubeEvent } from '@heapster/model';
import type { Clock } from '@heapster/runtime';
import { WriteTracker, type EventSink, type SinkCallOptions } from '@heapster/sink';
import type { LogSinkConfig } from './config.js';
import { formatEventBatch } from './event-serializer.js';
import { writePieces, type LogStream } from './output-writer.js';

/** Prints every event batch to a stream (stdout by default): Heapster's eventer `log` sink. */
export class LogEventSink implements EventSink {
  readonly name: string;
  private readonly _config: LogSinkConfig;
  private readonly _stream: LogStream;
  private readonly _clock: Clock;
  private readonly _tracker: WriteTracker;

  constructor(config: LogSinkConfig, stream: LogStream, clock: Clock) {
    this._config = config;
    this._stream = stream;
    this._clock = clock;
    this.name = `log(${config.output}, format=${config.format})`;
    this._tracker = new WriteTracker(this.name);
  }

  async start(_options: SinkCallOptions): Promise<void> {}

  write(events: readonly KubeEvent[], options: SinkCallOptions): Promise<void> {
    return this._tracker.run(() =>
      writePieces(
        this._stream,
        formatEventBatch(events, this._config.format, this._config.maxEvents, this._clock.now()),
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
