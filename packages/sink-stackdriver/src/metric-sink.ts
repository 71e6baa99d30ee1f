import type { DataBatch } from '@heapster/model';
import {
  ConfigError,
  PartialWriteError,
  PermanentError,
  RetryableError,
  type Logger,
} from '@heapster/runtime';
import type { MetricSink, SinkCallOptions, SinkSettings } from '@heapster/sink';
import { CauseLog } from './cause-log.js';
import { MAX_SERIES_PER_REQUEST, type StackdriverSinkConfig } from './config.js';
import { chunksOf, exportAll, type ExportTotals } from './export-pool.js';
import { gcpEnvironment } from './gcp-environment.js';
import { GrpcCode, grpcCodeName, isTransient } from './grpc-codes.js';
import { createMonitoringClient, type MonitoringClient } from './monitoring-client.js';
import { sendWithRetries, type RequestOutcome, type RetryPolicy } from './request-sender.js';
import { StackdriverSelfMetrics } from './self-metrics.js';
import { resolveSite, type GcpEnvironment, type GcpSite } from './site.js';
import { timeSeriesOf, type TimeSeries } from './time-series.js';
import { WriteTracker } from './write-tracker.js';

/** Seams for tests; production uses the real client, GCE detection and retry schedule. */
export interface StackdriverSinkDeps {
  readonly client?: MonitoringClient;
  readonly environment?: GcpEnvironment;
  readonly retry?: Partial<RetryPolicy>;
}

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
  private readonly _deps: StackdriverSinkDeps;
  private readonly _tracker: WriteTracker;
  private readonly _metrics: StackdriverSelfMetrics;
  private readonly _causes: CauseLog;
  private readonly _retry: RetryPolicy;
  private _client: MonitoringClient | undefined;
  private _site: Promise<GcpSite> | undefined;
  private _lastExport = Number.NEGATIVE_INFINITY;

  constructor(
    config: StackdriverSinkConfig,
    settings: SinkSettings,
    deps: StackdriverSinkDeps = {},
  ) {
    this._config = config;
    this._settings = settings;
    this._logger = settings.logger;
    this._deps = deps;
    const models = [config.newResources ? 'new' : '', config.oldResources ? 'legacy' : '']
      .filter(Boolean)
      .join('+');
    const endpoint = config.endpoint
      ? `${config.endpoint.host}:${config.endpoint.port}`
      : 'monitoring.googleapis.com';
    const selection = config.metrics === 'autoscaling' ? ', metrics=autoscaling' : '';
    this.name = `${config.type}(${endpoint}, resources=${models}${selection})`;
    this._tracker = new WriteTracker(this.name);
    this._metrics = new StackdriverSelfMetrics(settings.registry);
    this._causes = new CauseLog(settings.logger);
    this._retry = { ...DEFAULT_RETRY, requestTimeoutMs: config.requestTimeoutMs, ...deps.retry };
  }

  /** Detects what the options leave out; a failure is reported here and again by each write. */
  async start(_options: SinkCallOptions): Promise<void> {
    const site = await this._siteOf();
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
    await this._client?.close().catch(() => undefined);
  }

  private async _write(batch: DataBatch, signal: AbortSignal): Promise<void> {
    // Heapster's throttle: the export time moves on even when the export fails.
    if (batch.timestamp < this._lastExport + this._config.minIntervalMs) {
      this._logger.debug('batch skipped: min_interval_sec not yet passed', { sink: this.name });
      return;
    }
    this._lastExport = batch.timestamp;
    let site: GcpSite;
    try {
      site = await this._siteOf();
    } catch (error) {
      if (error instanceof ConfigError) throw new PermanentError(error.message, { cause: error });
      throw error;
    }
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
      this._clientOf(),
      { name, timeSeries: series },
      this._retry,
      signal,
      (code, latencyMs) => this._metrics.request(code, latencyMs),
      () => this._settings.clock.now(),
    );
    this._metrics.series(GrpcCode.Ok, outcome.written);
    this._metrics.series(outcome.code, outcome.failed);
    if (outcome.failed > 0 && !isTransient(outcome.code)) {
      this._causes.report(grpcCodeName(outcome.code), messageOf(outcome.error), {
        sink: this.name,
        series: outcome.failed,
        example_metric: series[0]?.metric.type,
      });
    }
    return outcome;
  }

  private _clientOf(): MonitoringClient {
    this._client ??= this._deps.client ?? createMonitoringClient(this._config);
    return this._client;
  }

  private _siteOf(): Promise<GcpSite> {
    if (this._site === undefined) {
      const client = (): MonitoringClient => this._clientOf();
      const environment = this._deps.environment ?? gcpEnvironment(() => client().adcProject());
      this._site = resolveSite(this._config, environment);
      // Detection failures are not cached: the next write tries again.
      void this._site.catch(() => {
        this._site = undefined;
      });
    }
    return this._site;
  }
}

function throwIfLost(totals: ExportTotals, timeoutMs: number): void {
  const lost = totals.failed + totals.unsent;
  if (lost === 0) return;
  const failure = totals.firstFailure;
  const reason =
    failure === undefined
      ? `batch_export_timeout_sec (${timeoutMs / 1000}) passed`
      : `${grpcCodeName(failure.code)}: ${messageOf(failure.error)}`;
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

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // gax prefixes "3 INVALID_ARGUMENT: "; the code is reported on its own.
  return text.replace(/^\d+ [A-Z_]+: /, '');
}
