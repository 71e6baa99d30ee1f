import type { DataBatch } from '@heapster/model';
import type { Logger } from '@heapster/runtime';
import { WriteTracker, type MetricSink, type SinkCallOptions } from '@heapster/sink';
import type { InfluxdbSinkConfig } from './config.js';
import type { LineWriter } from './line-writer.js';
import { metricChunks, type MetricSchema } from './serializer.js';
import { writeChunks } from './write-chunks.js';

/**
 * Heapster's InfluxDB metric sink: each batch serialized lazily in chunks of `batch_size`
 * points, `concurrency` chunks in flight. `start` prepares the database in the background and
 * never waits for InfluxDB; a write prepares it first if that has not happened yet.
 */
export class InfluxdbMetricSink implements MetricSink {
  readonly name: string;
  private readonly _config: InfluxdbSinkConfig;
  private readonly _writer: LineWriter;
  private readonly _logger: Logger;
  private readonly _schema: MetricSchema;
  private readonly _tracker: WriteTracker;

  constructor(config: InfluxdbSinkConfig, writer: LineWriter, logger: Logger) {
    this._config = config;
    this._writer = writer;
    this._logger = logger;
    this.name = `influxdb(${writer.target})`;
    this._tracker = new WriteTracker(this.name);
    this._schema = {
      withFields: config.withFields,
      clusterName: config.clusterName,
      tagBlacklist: config.tagBlacklist,
      disableCounterMetrics: config.disableCounterMetrics,
    };
  }

  async start(_options: SinkCallOptions): Promise<void> {
    const preparing = this._writer.prepare(AbortSignal.timeout(this._config.timeoutMs));
    void this._tracker.track(
      preparing.catch((error: unknown) => {
        this._logger.warn('InfluxDB not ready yet; writes will prepare it', {
          sink: this.name,
          error: String(error),
        });
      }),
    );
  }

  write(batch: DataBatch, options: SinkCallOptions): Promise<void> {
    return this._tracker.run(() =>
      writeChunks(
        metricChunks(batch, this._schema, this._config.batchSize),
        this._config.concurrency,
        chunk => this._writer.write(chunk, 'ms', options.signal),
        options.signal,
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
