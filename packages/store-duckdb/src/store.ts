import type { DuckDBConnection } from '@duckdb/node-api';
import type { DataBatch, KubeEvent } from '@heapster/model';
import { PermanentError, type Clock, type Logger } from '@heapster/runtime';
import { MEMORY_PATH, type DuckDbConfig } from './config.js';
import { closeDatabase, openDatabase, type Database } from './database.js';
import type { StoreProfile } from './event-store-tuning.js';
import { Generations } from './generations.js';
import { classifyDuckDbError } from './duckdb-errors.js';
import { Lane } from './lane.js';
import type { Reader } from './reader-pool.js';
import {
  compactHot,
  enforceRetention,
  finalizeClosedDays,
  type MaintenanceReport,
} from './maintenance.js';
import type { SampleWriteResult } from './sample-writer.js';
import { dayOf } from './schema.js';
import { writeSnapshot } from './snapshot.js';
import { mergeClosedWeeks } from './week-spans.js';

export interface StoreSettings {
  readonly logger: Logger;
  readonly clock: Clock;
  /** Read-only stores: how often to look whether the file was replaced (default 5 s). */
  readonly reopenCheckMs?: number;
}

const MAINTENANCE_EVERY_MS = 3_600_000;
/** A read-only store looks at most this often whether its file was replaced (a new snapshot). */
const REOPEN_CHECK_MS = 5_000;

/**
 * One DuckDB database of this process, shared by its metric sink, event sink and historical
 * reader (see `acquireStore`). Writes go through lanes: samples (batch appends and compaction of
 * the tail), events, and maintenance (finalizing closed days, retention, snapshots).
 */
export class DuckDbStore {
  readonly path: string;
  readonly config: DuckDbConfig;
  readonly profile: StoreProfile;
  private readonly _logger: Logger;
  private readonly _clock: Clock;
  private readonly _samplesLane = new Lane();
  private readonly _eventsLane = new Lane();
  private readonly _maintenanceLane = new Lane();
  private readonly _generations: Generations;
  private _hotRows = 0;
  private _hotDays = new Set<number>();
  private _latestDay = Number.NEGATIVE_INFINITY;
  private _compactionQueued = false;
  private readonly _timers: NodeJS.Timeout[] = [];
  private _closed = false;

  constructor(
    path: string,
    config: DuckDbConfig,
    settings: StoreSettings,
    profile: StoreProfile = 'default',
  ) {
    this.path = path;
    this.config = config;
    this.profile = profile;
    this._logger = settings.logger;
    this._clock = settings.clock;
    this._generations = new Generations({
      path,
      follow: config.readOnly && path !== MEMORY_PATH,
      open: () => this._open(),
      checkMs: settings.reopenCheckMs ?? REOPEN_CHECK_MS,
      logger: settings.logger,
    });
  }

  get readOnly(): boolean {
    return this.config.readOnly;
  }

  /** Opens the database on first use; a failed open is retried by the next call. */
  database(): Promise<Database> {
    if (this._closed)
      return Promise.reject(new PermanentError(`duckdb store ${this.path} is closed`));
    return this._generations.database();
  }

  async writeBatch(batch: DataBatch, signal: AbortSignal): Promise<SampleWriteResult> {
    return this.writeBatches([batch], signal);
  }

  /** Several batches in one transaction: backfills and benchmarks (one commit, not many). */
  async writeBatches(
    batches: readonly DataBatch[],
    signal: AbortSignal,
  ): Promise<SampleWriteResult> {
    const database = await this._writable();
    const samples = database.samples as NonNullable<Database['samples']>;
    const result = await this._samplesLane
      .run(() => samples.write(batches, signal))
      .catch((error: unknown) => {
        throw classifyDuckDbError(error, `writing batch to ${this.path}`);
      });
    this._hotRows += result.rows;
    for (const day of result.days) {
      this._hotDays.add(day);
      this._latestDay = Math.max(this._latestDay, day);
    }
    const staleDay = [...this._hotDays].some(day => day < this._latestDay);
    if (this._hotRows >= this.config.compactRows || staleDay) this._scheduleCompaction(database);
    return result;
  }

  async writeEvents(events: readonly KubeEvent[], signal: AbortSignal): Promise<number> {
    const database = await this._writable();
    const writer = database.events as NonNullable<Database['events']>;
    return this._eventsLane
      .run(() => writer.write(events, this._clock.now(), signal))
      .catch((error: unknown) => {
        throw classifyDuckDbError(error, `writing events to ${this.path}`);
      });
  }

  async lastStoredResourceVersion(): Promise<string | undefined> {
    const database = await this._writable();
    const writer = database.events as NonNullable<Database['events']>;
    return this._eventsLane
      .run(() => writer.lastStoredResourceVersion())
      .catch((error: unknown) => {
        throw classifyDuckDbError(error, `reading events of ${this.path}`);
      });
  }

  /** Runs a read on its own connection (concurrent readers each get one; they are cheap). */
  async read<T>(job: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    await this.database().catch((error: unknown) => {
      throw classifyDuckDbError(error, `opening ${this.path}`);
    });
    return this._generations.use(async database => {
      const connection = await database.connect();
      try {
        return await job(connection);
      } finally {
        connection.closeSync();
      }
    });
  }

  /**
   * Runs a read on a pooled connection of the current database, whose prepared statements are
   * kept for later reads (the historical queries). The job must leave the connection as it
   * found it (no open transaction, no settings changed) or call `reader.discard()`.
   */
  async withReader<T>(job: (reader: Reader) => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.database().catch((error: unknown) => {
      throw classifyDuckDbError(error, `opening ${this.path}`);
    });
    return this._generations.use(database => database.readers.use(job, signal));
  }

  /** Resolves once the writes and background maintenance queued so far have finished. */
  async idle(): Promise<void> {
    await this._samplesLane.idle();
    await this._eventsLane.idle();
    await this._maintenanceLane.idle();
  }

  /**
   * Compacts the tail, finalizes closed days, merges closed weeks and enforces retention now
   * (also hourly).
   */
  async maintain(): Promise<MaintenanceReport> {
    const database = await this._writable();
    const compactedRows = await this._samplesLane.run(() =>
      this._maintenanceLane.run(() => this._compact(database)),
    );
    return { compactedRows, ...(await this._maintenanceLane.run(() => this._closeDays(database))) };
  }

  /** Writes `<file>.snapshot` for readers in other processes (README "Concurrency"). */
  async snapshot(): Promise<string> {
    const database = await this._writable();
    if (this.path === MEMORY_PATH) throw new PermanentError('an in-memory store has no file');
    return this._samplesLane.run(() =>
      this._eventsLane.run(() =>
        this._maintenanceLane.run(() =>
          writeSnapshot(database.maintenance as DuckDBConnection, this.path),
        ),
      ),
    );
  }

  /** Waits for the lanes, then closes every connection and the file. Idempotent. */
  async close(): Promise<void> {
    if (this._closed) return;
    this._closed = true;
    for (const timer of this._timers.splice(0)) clearInterval(timer);
    const database = await this._generations.current();
    try {
      database?.maintenance?.interrupt();
    } catch {
      // Nothing running on the maintenance connection.
    }
    // In this order: a compaction still in the samples lane may hand a close to maintenance.
    await this._samplesLane.idle();
    await this._eventsLane.idle();
    await this._maintenanceLane.idle();
    if (database !== undefined) closeDatabase(database);
  }

  private async _writable(): Promise<Database> {
    const database = await this.database().catch((error: unknown) => {
      throw classifyDuckDbError(error, `opening ${this.path}`);
    });
    if (database.readOnly) throw new PermanentError(`${this.path} is open read-only`);
    return database;
  }

  private async _open(): Promise<Database> {
    const database = await openDatabase(
      this.path,
      this.config,
      this.readOnly,
      this._clock.now(),
      this.profile,
    );
    for (const [day, rows] of database.hot) {
      this._hotRows += rows;
      this._hotDays.add(day);
      this._latestDay = Math.max(this._latestDay, day);
    }
    if (!database.readOnly) this._startTimers(database);
    this._logger.info('duckdb store open', { path: this.path, readOnly: database.readOnly });
    return database;
  }

  private _startTimers(database: Database): void {
    const every = (ms: number, job: () => Promise<unknown>, what: string): void => {
      const timer = setInterval(() => {
        job().catch((error: unknown) =>
          this._logger.warn(`duckdb ${what} failed`, { path: this.path, error: String(error) }),
        );
      }, ms);
      timer.unref();
      this._timers.push(timer);
    };
    every(MAINTENANCE_EVERY_MS, () => this._scheduleClose(database), 'maintenance');
    const samples = database.samples as NonNullable<Database['samples']>;
    every(
      MAINTENANCE_EVERY_MS,
      () => this._samplesLane.run(async () => samples.evict()),
      'eviction',
    );
    if (this.config.snapshotMs > 0)
      every(this.config.snapshotMs, () => this.snapshot(), 'snapshot');
    void this._scheduleClose(database).catch((error: unknown) =>
      this._logger.warn('duckdb maintenance failed', { path: this.path, error: String(error) }),
    );
  }

  private _scheduleCompaction(database: Database): void {
    if (this._compactionQueued) return;
    this._compactionQueued = true;
    const now = this._clock.now(); // of the write that asked for it
    const compaction = this._samplesLane.run(async () => {
      this._compactionQueued = false;
      // Skip (and retry after a later batch) while a finalization holds the day tables.
      const job = this._maintenanceLane.tryRun(() => this._compact(database));
      if (job !== undefined) await job;
      // Closing days (sorting a day, merging a week) runs beside the writes, not in their lane:
      // batches keep landing in the tail meanwhile (`idle()` still waits for it).
      if (this._closed) return;
      void this._scheduleClose(database, now).catch((error: unknown) =>
        this._logger.warn('duckdb maintenance failed', { path: this.path, error: String(error) }),
      );
    });
    compaction.catch((error: unknown) =>
      this._logger.warn('duckdb compaction failed; the tail stays unsorted until the next try', {
        path: this.path,
        error: String(error),
      }),
    );
  }

  private async _compact(database: Database): Promise<number> {
    const moved = await compactHot(database.samplesConnection as DuckDBConnection);
    this._hotRows = 0;
    this._hotDays = new Set();
    return moved;
  }

  /** `now` is taken when the close is asked for, not when the lane gets to it. */
  private async _scheduleClose(database: Database, now = this._clock.now()): Promise<void> {
    const job = this._maintenanceLane.tryRun(() => this._closeDays(database, now));
    if (job !== undefined) await job;
  }

  private async _closeDays(database: Database, now = this._clock.now()) {
    const connection = database.maintenance as DuckDBConnection;
    const today = Math.min(dayOf(now), this._latestDay);
    const finalizedDays = Number.isFinite(today) ? await finalizeClosedDays(connection, today) : [];
    const retention = await enforceRetention(connection, now, this.config.retentionMs);
    // After retention: no merging of days about to be dropped.
    const mergedWeeks = Number.isFinite(today) ? await mergeClosedWeeks(connection, today) : [];
    if (finalizedDays.length + mergedWeeks.length + retention.droppedDays.length > 0) {
      this._logger.debug('duckdb maintenance', {
        path: this.path,
        finalizedDays,
        mergedWeeks,
        ...retention,
      });
    }
    return { finalizedDays, mergedWeeks, ...retention };
  }
}
