import type { DataBatch } from '@heapster/model';
import { PartialWriteError } from '@heapster/runtime';
import { WriteTracker, type MetricSink, type SinkCallOptions } from '@heapster/sink';
import type { HttpSinkConfig } from './config.js';
import type { JsonPoster } from './json-poster.js';
import { metricBodies } from './serializer.js';

/**
 * POSTs each metric batch as the documented JSON, split at `max_body_bytes`, one request at a
 * time. If a later body fails after earlier ones went through, the write is a partial one
 * counting the metric sets not delivered.
 */
export class HttpMetricSink implements MetricSink {
  readonly name: string;
  private readonly _config: HttpSinkConfig;
  private readonly _poster: JsonPoster;
  private readonly _tracker: WriteTracker;

  constructor(config: HttpSinkConfig, poster: JsonPoster) {
    this._config = config;
    this._poster = poster;
    this.name = `http(${poster.description})`;
    this._tracker = new WriteTracker(this.name);
  }

  async start(_options: SinkCallOptions): Promise<void> {}

  write(batch: DataBatch, options: SinkCallOptions): Promise<void> {
    return this._tracker.run(async () => {
      let delivered = 0;
      for (const body of metricBodies(batch, this._config.maxBodyBytes)) {
        try {
          await this._poster.post(body.json, options.signal);
        } catch (error) {
          if (delivered === 0 || options.signal.aborted) throw error;
          const lost = batch.entityCount() - delivered;
          throw new PartialWriteError(
            `${delivered} metric sets delivered, ${lost} not: ${(error as Error).message}`,
            lost,
            { cause: error },
          );
        }
        delivered += body.items;
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
