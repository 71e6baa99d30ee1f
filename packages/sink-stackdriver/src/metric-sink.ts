import {
  CauseLog,
  GcpSession,
  GrpcCode,
  describeEndpoint,
  grpcCodeName,
  grpcMessageOf,
  isTransient,
  sendWithRetries,
  type GcpSinkDeps,
  type RequestOutcome,
  type RetryPolicy,
} from '@heapster/gcp';
import type { DataBatch } from '@heapster/model';
import { PartialWriteError, PermanentError, RetryableError, type Logger } from '@heapster/runtime';
import {
  WriteTracker,
  type MetricSink,
  type SinkCallOptions,
  type SinkSettings,
} from '@heapster/sink';
import { MAX_SERIES_PER_REQUEST, type StackdriverSinkConfig } from './config.js';
import { chunksOf, exportAll, type ExportTotals } from './export-pool.js';
import { createMonitoringClient, type MonitoringClient } from './monitoring-client.js';
import { StackdriverSelfMetrics } from './self-metrics.js';
import { resolveSite, type GcpSite } from './site.js';
import { timeSeriesOf, type TimeSeries } from './time-series.js';
import { timeSeriesRequest } from './time-series-request.js';

/** Seams for tests; production uses the real client, GCE detection and retry schedule. */
export type StackdriverSinkDeps = GcpSinkDeps<MonitoringClient>;

const DEFAULT_RETRY = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 5000 };

/**
 * Heapster's Stackdriver sink: each batch becomes time series (time-series.ts), cut into
 * CreateTimeSeries requests of at most 200, sent by `workers` in parallel within the
 * manager's deadline and `batch_export_timeout_sec`. Project, cluster and location come from
 * the options or are detected once (site.ts); a missing one fails every write permanently
 * with a message naming the option.
 */
export class StackdriverMetricSink implements MetricSink {
  readonly name: string;
  private readonly _config: StackdriverSinkConfig;
  private readonly _settings: SinkSettings;
  private readonly _logger: Logger;
  private readonly _tracker: WriteTracker;
  private readonly _metrics: StackdriverSelfMetrics;
  private readonly _causes: CauseLog;
  private readonly _retry: RetryPolicy;
  private readonly _session: GcpSession<MonitoringClient, GcpSite>;
  private _lastExport = Number.NEGATIVE_INFINITY;

  constructor(
    config: StackdriverSinkConfig,
    settings: SinkSettings,
    deps: StackdriverSinkDeps = {},
  ) {
    this._config = config;
    this._settings = settings;
    this._logger = settings.logger;
    const models = [config.newResources ? 'new' : '', config.oldResources ? 'legacy' : '']
      .filter(Boolean)
      .join('+');
    const endpoint = describeEndpoint(config.endpoint, 'monitoring.googleapis.com');
    const selection = config.metrics === 'autoscaling' ? ', metrics=autoscaling' : '';
    this.name = `${config.type}(${endpoint}, resources=${models}${selection})`;
    this._tracker = new WriteTracker(this.name);
    this._metrics = new StackdriverSelfMetrics(settings.registry);
    this._causes = new CauseLog(
      settings.logger,
      'Cloud Monitoring refused time series (logged once per cause)',
    );
    this._retry = { ...DEFAULT_RETRY, requestTimeoutMs: config.requestTimeoutMs, ...deps.retry };
    this._session = new GcpSession({
      createClient: () => createMonitoringClient(config),
      resolveTarget: environment => resolveSite(config, environment),
      deps,
    });
  }

  /** Detects what the options leave out; a failure is reported here and again by each write. */
  async start(_options: SinkCallOptions): Promise<void> {
    const site = await this._session.target();
    this._logger.info('Cloud Monitoring sink ready', {
      sink: this.name,
      project: site.project,
      cluster_name: site.clusterName,
      location: site.location || undefined,
      zone: site.zone || undefined,
    });
  }

  write(batch: DataBatch, options: SinkCallOptions): Promise<void> {
    return this._tracker.run(() => this._write(batch, options.signal));
  }

  flush(options: SinkCallOptions): Promise<void> {
    return this._tracker.idle(options.signal);
  }

  async shutdown(options: SinkCallOptions): Promise<void> {
    if (this._tracker.closed) return;
    this._tracker.close();
    await this._tracker.idle(options.signal);
    await this._session.close();
  }

  private async _write(batch: DataBatch, signal: AbortSignal): Promise<void> {
    // Heapster's throttle: the export time moves on even when the export fails.
    if (batch.timestamp < this._lastExport + this._config.minIntervalMs) {
      this._logger.debug('batch skipped: min_interval_sec not yet passed', { sink: this.name });
      return;
    }
    this._lastExport = batch.timestamp;
    const site = await this._session.targetForWrite();
    const deadline = AbortSignal.any([
      signal,
      AbortSignal.timeout(this._config.batchExportTimeoutMs),
    ]);
    const stats = { skippedCumulatives: 0 };
    const series = timeSeriesOf(batch, { ...this._config, site }, stats);
    const name = `projects/${site.project}`;
    const totals = await exportAll(
      chunksOf(series, MAX_SERIES_PER_REQUEST),
      this._config.workers,
      request => this._send(name, request, deadline),
      deadline,
      count => this._metrics.series(GrpcCode.DeadlineExceeded, count),
    );
    if (stats.skippedCumulatives > 0) {
      this._logger.debug('cumulative values without a start time before the batch time left out', {
        sink: this.name,
        count: stats.skippedCumulatives,
      });
    }
    if (signal.aborted) throw signal.reason;
    throwIfLost(totals, this._config.batchExportTimeoutMs);
  }

  private async _send(
    name: string,
    series: TimeSeries[],
    signal: AbortSignal,
  ): Promise<RequestOutcome> {
    const outcome = await sendWithRetries(
      timeSeriesRequest(this._session.client(), { name, timeSeries: series }),
      this._retry,
      signal,
      {
        observe: (code, latencyMs) => this._metrics.request(code, latencyMs),
        now: () => this._settings.clock.now(),
      },
    );
    this._metrics.series(GrpcCode.Ok, outcome.written);
    this._metrics.series(outcome.code, outcome.failed);
    if (outcome.failed > 0 && !isTransient(outcome.code)) {
      this._causes.report(grpcCodeName(outcome.code), grpcMessageOf(outcome.error), {
        sink: this.name,
        series: outcome.failed,
        example_metric: series[0]?.metric.type,
      });
    }
    return outcome;
  }
}

function throwIfLost(totals: ExportTotals, timeoutMs: number): void {
  const lost = totals.failed + totals.unsent;
  if (lost === 0) return;
  const failure = totals.firstFailure;
  const reason =
    failure === undefined
      ? `batch_export_timeout_sec (${timeoutMs / 1000}) passed`
      : `${grpcCodeName(failure.code)}: ${grpcMessageOf(failure.error)}`;
  const cause = failure?.error;
  const total = totals.written + lost;
  if (totals.written > 0) {
    throw new PartialWriteError(`${lost} of ${total} time series not written (${reason})`, lost, {
      cause,
    });
  }
  const message = `none of ${total} time series written (${reason})`;
  if (totals.transientOnly) throw new RetryableError(message, { cause });
  throw new PermanentError(message, { cause });
}
