import type { KubeEvent } from '@heapster/model';
import type { Clock } from '@heapster/runtime';
import { WriteTracker, type EventSink, type SinkCallOptions } from '@heapster/sink';
import { BodyPool } from './body-pool.js';
import type { InfluxdbSinkConfig } from './config.js';
import { BYTES_PER_LINE_GUESS, eventChunks } from './event-chunks.js';
import type { EventSchema } from './event-serializer.js';
import type { LineWriter } from './line-writer.js';
import { writeChunks } from './write-chunks.js';

/** Heapster wrote events 1,000 points a request; their JSON makes points large. */
const MAX_EVENTS_PER_WRITE = 1000;

/** Bodies grown beyond this many times the usual size (huge events) are not kept for reuse. */
const MAX_KEPT_BODY_FACTOR = 2;

/**
 * Heapster's InfluxDB event sink (both schemas, heapster.md §7). Writes are idempotent on
 * (uid, resourceVersion) by construction of the points (see event-serializer.ts), so the
 * eventer may deliver a batch again after a failure without creating duplicates.
 *
 * Request bodies are reused (body-pool.ts), one per concurrent request. A body goes back to the
 * pool only after its write succeeded: InfluxDB answers 2xx once it has read and parsed the
 * whole body (and the v2 writer copies it before sending), so nothing reads it afterwards. A
 * failed request may still be writing its body to a socket, so its body is left to the GC.
 */
export class InfluxdbEventSink implements EventSink {
  readonly name: string;
  private readonly _config: InfluxdbSinkConfig;
  private readonly _writer: LineWriter;
  private readonly _clock: Clock;
  private readonly _schema: EventSchema;
  private readonly _tracker: WriteTracker;
  private readonly _perWrite: number;
  private readonly _bodies: BodyPool;

  constructor(config: InfluxdbSinkConfig, writer: LineWriter, clock: Clock) {
    this._config = config;
    this._writer = writer;
    this._clock = clock;
    this.name = `influxdb(${writer.target}) events`;
    this._tracker = new WriteTracker(this.name);
    this._schema = { withFields: config.withFields, clusterName: config.clusterName };
    this._perWrite = Math.min(config.batchSize, MAX_EVENTS_PER_WRITE);
    const usual = this._perWrite * BYTES_PER_LINE_GUESS;
    this._bodies = new BodyPool({
      capacity: config.concurrency,
      minBytes: usual,
      maxBytes: usual * MAX_KEPT_BODY_FACTOR,
    });
  }

  async start(_options: SinkCallOptions): Promise<void> {
    void this._tracker.track(
      this._writer.prepare(AbortSignal.timeout(this._config.timeoutMs)).catch(() => undefined),
    );
  }

  write(events: readonly KubeEvent[], options: SinkCallOptions): Promise<void> {
    return this._tracker.run(() =>
      writeChunks(
        eventChunks(events, this._schema, this._perWrite, this._clock.now(), this._bodies),
        this._config.concurrency,
        async chunk => {
          await this._writer.write(chunk, 'ns', options.signal);
          this._bodies.release(chunk.body);
        },
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
