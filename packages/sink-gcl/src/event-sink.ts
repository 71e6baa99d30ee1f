import {
  CauseLog,
  GcpSession,
  describeEndpoint,
  grpcMessageOf,
  grpcStatusName,
  isTransient,
  sendWithRetries,
  type GcpSinkDeps,
  type RequestOutcome,
  type RetryPolicy,
} from '@heapster/gcp';
import type { KubeEvent } from '@heapster/model';
import { PartialWriteError, PermanentError, RetryableError, type Logger } from '@heapster/runtime';
import {
  WriteTracker,
  type EventSink,
  type SinkCallOptions,
  type SinkSettings,
} from '@heapster/sink';
import type { GclSinkConfig } from './config.js';
import { MAX_REQUEST_BYTES, entryBatches } from './entry-batches.js';
import { FirstSeenTimes } from './first-seen-times.js';
import { entryOf, logNameOf } from './log-entry.js';
import { createLoggingClient, type LoggingClient } from './logging-client.js';
import { resolveTarget, type LogTarget } from './site.js';
import { writeEntriesRequest } from './write-entries-request.js';
import { writeAll, type WriteTotals } from './write-pool.js';

/** Seams for tests; production uses the real client, GCE detection and retry schedule. */
export type GclSinkDeps = GcpSinkDeps<LoggingClient>;

const DEFAULT_RETRY = { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 5000 };

/**
 * Heapster's gcl sink: each event becomes one entry of the log `kubernetes.io/events`
 * (log-entry.ts), written with WriteLogEntries in size-bounded requests. Writes are idempotent
 * on (uid, resourceVersion): the insertId is that pair and the timestamp comes from the event,
 * so the eventer's at-least-once delivery never stores an event version twice.
 */
export class GclEventSink implements EventSink {
  readonly name: string;
  private readonly _config: GclSinkConfig;
  private readonly _settings: SinkSettings;
  private readonly _logger: Logger;
  private readonly _tracker: WriteTracker;
  private readonly _causes: CauseLog;
  private readonly _retry: RetryPolicy;
  private readonly _firstSeen = new FirstSeenTimes();
  private readonly _session: GcpSession<LoggingClient, LogTarget>;

  constructor(config: GclSinkConfig, settings: SinkSettings, deps: GclSinkDeps = {}) {
    this._config = config;
    this._settings = settings;
    this._logger = settings.logger;
    const endpoint = describeEndpoint(config.endpoint, 'logging.googleapis.com');
    this.name = `${config.type}(${endpoint}, log=${config.logName})`;
    this._tracker = new WriteTracker(this.name);
    this._causes = new CauseLog(
      settings.logger,
      'Cloud Logging refused event entries (logged once per cause)',
    );
    this._retry = { ...DEFAULT_RETRY, requestTimeoutMs: config.requestTimeoutMs, ...deps.retry };
    this._session = new GcpSession({
      createClient: () => createLoggingClient(config),
      resolveTarget: environment => resolveTarget(config, environment),
      deps,
    });
  }

  /** Detects what the options leave out; a failure is reported here and again by each write. */
  async start(_options: SinkCallOptions): Promise<void> {
    const target = await this._session.target();
    this._logger.info('Cloud Logging events sink ready', {
      sink: this.name,
      project: target.project,
      resource: target.resource.type,
    });
  }

  write(events: readonly KubeEvent[], options: SinkCallOptions): Promise<void> {
    return this._tracker.run(() => this._write(events, options.signal));
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

  private async _write(events: readonly KubeEvent[], signal: AbortSignal): Promise<void> {
    if (events.length === 0) return;
    const target = await this._session.targetForWrite();
    const now = this._settings.clock.now();
    const entries = events.map(event => entryOf(event, this._firstSeen.timeOf(event, now)));
    let oversized = 0;
    const batches = entryBatches(entries, this._config.batchSize, MAX_REQUEST_BYTES, entry => {
      oversized++;
      this._causes.report('ENTRY_TOO_LARGE', 'event larger than 256 KiB as a log entry', {
        sink: this.name,
        insert_id: entry.insertId,
      });
    });
    const logName = logNameOf(target.project, this._config.logName);
    const totals = await writeAll(
      batches,
      this._config.workers,
      batch => this._send({ logName, resource: target.resource, entries: batch }, signal),
      signal,
    );
    throwIfLost(totals, oversized, events.length);
  }

  private async _send(
    request: Parameters<LoggingClient['writeLogEntries']>[0],
    signal: AbortSignal,
  ): Promise<RequestOutcome> {
    const outcome = await sendWithRetries(
      writeEntriesRequest(this._session.client(), request),
      this._retry,
      signal,
    );
    if (outcome.failed > 0 && !isTransient(outcome.code)) {
      this._causes.report(grpcStatusName(outcome.code), grpcMessageOf(outcome.error), {
        sink: this.name,
        entries: outcome.failed,
      });
    }
    return outcome;
  }
}

/**
 * Unavailable anywhere → RetryableError: the eventer sends the whole batch again, and the
 * entries already stored are recognised by their insertIds. Otherwise refused entries are a
 * PartialWriteError (some stored) or a PermanentError (none stored).
 */
function throwIfLost(totals: WriteTotals, oversized: number, total: number): void {
  const failure = totals.firstFailure;
  const reason =
    failure === undefined
      ? 'entries larger than 256 KiB'
      : `${grpcStatusName(failure.code)}: ${grpcMessageOf(failure.error)}`;
  if (totals.unavailable > 0) {
    throw new RetryableError(
      `${totals.unavailable} of ${total} events not written yet (${reason})`,
      {
        cause: failure?.error,
      },
    );
  }
  const lost = totals.refused + oversized;
  if (lost === 0) return;
  if (totals.written > 0) {
    throw new PartialWriteError(`${lost} of ${total} events refused (${reason})`, lost, {
      cause: failure?.error,
    });
  }
  throw new PermanentError(`all ${total} events refused (${reason})`, { cause: failure?.error });
}
