import type { KubeEvent } from '@heapster/model';
import type { Clock } from '@heapster/runtime';
import { WriteTracker, type EventSink, type SinkCallOptions } from '@heapster/sink';
import type { InfluxdbSinkConfig } from './config.js';
import { eventChunks } from './event-chunks.js';
import type { EventSchema } from './event-serializer.js';
import type { LineWriter } from './line-writer.js';
import { writeChunks } from './write-chunks.js';

/** Heapster wrote events 1,000 points a request; their JSON makes points large. */
const MAX_EVENTS_PER_WRITE = 1000;

/**
 * Heapster's InfluxDB event sink (both schemas, heapster.md §7). Writes are idempotent on
 * (uid, resourceVersion) by construction of the points (see event-serializer.ts), so the
 * eventer may deliver a batch again after a failure without creating duplicates.
 */
export class InfluxdbEventSink implements EventSink {
  readonly name: string;
  private readonly _config: InfluxdbSinkConfig;
  private readonly _writer: LineWriter;
  private readonly _clock: Clock;
  private readonly _schema: EventSchema;
  private readonly _tracker: WriteTracker;

  constructor(config: InfluxdbSinkConfig, writer: LineWriter, clock: Clock) {
    this._config = config;
    this._writer = writer;
    this._clock = clock;
    this.name = `influxdb(${writer.target}) events`;
    this._tracker = new WriteTracker(this.name);
    this._schema = { withFields: config.withFields, clusterName: config.clusterName };
  }

  async start(_options: SinkCallOptions): Promise<void> {
    void this._tracker.track(
      this._writer.prepare(AbortSignal.timeout(this._config.timeoutMs)).catch(() => undefined),
    );
  }

  write(events: readonly KubeEvent[], options: SinkCallOptions): Promise<void> {
    const perWrite = Math.min(this._config.batchSize, MAX_EVENTS_PER_WRITE);
    return this._tracker.run(() =>
      writeChunks(
        eventChunks(events, this._schema, perWrite, this._clock.now()),
        this._config.concurrency,
        chunk => this._writer.write(chunk, 'ns', options.signal),
        options.signal,
        true,
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
    this._writer.close();
  }
}
