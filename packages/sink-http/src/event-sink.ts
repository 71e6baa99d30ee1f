import type { KubeEvent } from '@heapster/model';
import type { Clock } from '@heapster/runtime';
import { WriteTracker, type EventSink, type SinkCallOptions } from '@heapster/sink';
import type { HttpSinkConfig } from './config.js';
import { eventBodies } from './event-serializer.js';
import type { JsonPoster } from './json-poster.js';

/**
 * POSTs event batches as the documented JSON. Any failure fails the whole write, even after
 * some bodies went through: the eventer then delivers the batch again, and receivers store
 * by event `id`, so nothing is lost and nothing doubled.
 */
export class HttpEventSink implements EventSink {
  readonly name: string;
  private readonly _config: HttpSinkConfig;
  private readonly _poster: JsonPoster;
  private readonly _clock: Clock;
  private readonly _tracker: WriteTracker;

  constructor(config: HttpSinkConfig, poster: JsonPoster, clock: Clock) {
    this._config = config;
    this._poster = poster;
    this._clock = clock;
    this.name = `http(${poster.description}) events`;
    this._tracker = new WriteTracker(this.name);
  }

  async start(_options: SinkCallOptions): Promise<void> {}

  write(events: readonly KubeEvent[], options: SinkCallOptions): Promise<void> {
    return this._tracker.run(async () => {
      const now = this._clock.now();
      for (const body of eventBodies(events, this._config.maxBodyBytes, now)) {
        await this._poster.post(body.json, options.signal);
      }
    });
  }

  flush(options: SinkCallOptions): Promise<void> {
    return this._tracker.idle(options.signal);
  }

  async shutdown(options: SinkCallOptions): Promise<void> {
    if (this._tracker.closed) return;
    this._tracker.close();
    await this._tracker.idle(options.signal);
    this._poster.close();
  }
}
