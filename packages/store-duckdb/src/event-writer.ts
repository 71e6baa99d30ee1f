import { DuckDBTimestampValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { eventTime, eventVersionKey, type KubeEvent } from '@heapster/model';
import { throwIfAborted } from './duckdb-errors.js';

const INT64_MAX = (1n << 63n) - 1n;

/**
 * A resourceVersion as a number, when it is one. Kubernetes calls resourceVersions opaque, but
 * every API server backed by etcd hands out etcd's global revision, a decimal int64 that only
 * grows; the newest stored event is the one with the largest. Anything else is stored with a
 * NULL `rv_num` and never chosen by `lastStoredResourceVersion`.
 */
export function numericResourceVersion(rv: string): bigint | undefined {
  if (!/^\d{1,19}$/.test(rv)) return undefined;
  const value = BigInt(rv);
  return value <= INT64_MAX ? value : undefined;
}

function timestamp(text: string | null | undefined): DuckDBTimestampValue | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : msTimestamp(ms);
}

function msTimestamp(ms: number): DuckDBTimestampValue {
  return new DuckDBTimestampValue(BigInt(Math.round(ms)) * 1000n);
}

function appendOptional(appender: DuckDBAppender, value: string | undefined): void {
  if (value === undefined) appender.appendNull();
  else appender.appendVarchar(value);
}

function appendOptionalTime(appender: DuckDBAppender, value: DuckDBTimestampValue | undefined) {
  if (value === undefined) appender.appendNull();
  else appender.appendTimestamp(value);
}

/** One event as a row of the `events` table (column order of the schema). */
function appendEvent(
  appender: DuckDBAppender,
  event: KubeEvent,
  rv: bigint | undefined,
  storedAt: number,
): void {
  const { metadata, involvedObject: object } = event;
  appender.appendVarchar(metadata.uid);
  appender.appendVarchar(metadata.resourceVersion);
  if (rv === undefined) appender.appendNull();
  else appender.appendBigInt(rv);
  appendOptional(appender, metadata.namespace);
  appendOptional(appender, metadata.name);
  appendOptional(appender, object.kind);
  appendOptional(appender, object.namespace);
  appendOptional(appender, object.name);
  appendOptional(appender, object.uid);
  appendOptional(appender, event.reason);
  appendOptional(appender, event.message);
  appendOptional(appender, event.type);
  appendOptional(appender, event.source?.component);
  appendOptional(appender, event.source?.host);
  const count = event.count ?? event.series?.count;
  if (count === undefined || !Number.isSafeInteger(count) || Math.abs(count) > 0x7fff_ffff) {
    appender.appendNull();
  } else appender.appendInteger(count);
  appendOptionalTime(appender, timestamp(event.firstTimestamp));
  appendOptionalTime(appender, timestamp(event.lastTimestamp));
  const when = eventTime(event);
  appendOptionalTime(appender, Number.isNaN(when) ? undefined : msTimestamp(when));
  appender.appendVarchar(JSON.stringify(event));
  appender.appendTimestamp(msTimestamp(storedAt));
  appender.endRow();
}

/**
 * DuckDB keeps memory freed by large operations (a checkpoint, a big insert) for reuse, up to
 * 512 MB by default, whatever its memory_limit; an events store frees a few MB at every
 * checkpoint and never needs it back, so it hands it to the operating system instead.
 * Measured over 300,000 events written 1,000 at a time (memory_limit=32MB): resident memory
 * outside DuckDB's files 170–300 MB by default, 4MB: 135–195 MB, 2MB: 86–126 MB, for about
 * 4 µs more CPU per event.
 */
const EVENTS_ALLOCATOR_SETTING = "SET allocator_bulk_deallocation_flush_threshold = '2MB'";

/**
 * Events written per transaction. A transaction holds its rows (about 1 KB each) twice until it
 * commits, staged and appended to `events`, inside memory_limit: under an events store's 32MB
 * (event-store-tuning.ts) batches of 5,000 and 10,000 in one transaction failed with "Out of
 * Memory"; in slices of 2,000, batches of 10,000 and 50,000 were stored at the same CPU per event.
 */
export const EVENTS_PER_TRANSACTION = 2_000;

/** A batch's resourceVersions: the numeric range, and whether any is not a number. */
export interface VersionSpan {
  min: bigint | undefined;
  max: bigint | undefined;
  opaque: boolean;
}

/**
 * Writes event batches idempotently on (uid, resource_version): rows go through a
 * per-connection staging table into `events`, minus those already stored (an anti-join), so a
 * retried batch stores nothing twice while a count bump (a new resourceVersion) is a new row.
 *
 * No index backs the check: an ART index on the key costs about 190 bytes of memory per stored
 * event, held for as long as the events are kept. The anti-join reads only stored rows whose
 * `rv_num` lies in the batch's range, and DuckDB skips every row group whose min/max `rv_num`
 * is outside it; events arrive in resourceVersion order while watching, so that is the last
 * row group or two. (A relisted batch, in name order, spans more.) Files made before keep their
 * primary key, and INSERT OR IGNORE on it.
 */
export class EventWriter {
  private readonly _connection: DuckDBConnection;
  private _insert = 'INSERT INTO events';
  private _tuned = false;

  constructor(connection: DuckDBConnection) {
    this._connection = connection;
  }

  async load(): Promise<void> {
    // The event JSON is staged as VARCHAR: appending to a JSON column validates every value,
    // and the insert into `events` validates it again.
    await this._connection.run(
      'CREATE TEMP TABLE IF NOT EXISTS event_staging AS SELECT * REPLACE (event::VARCHAR AS event) FROM events LIMIT 0',
    );
    const keyed = await this._connection.runAndReadAll(
      `SELECT count(*)::INTEGER FROM duckdb_constraints()
       WHERE database_name = current_database() AND schema_name = 'main'
         AND table_name = 'events' AND constraint_type = 'PRIMARY KEY'`,
    );
    if (Number(keyed.getRowsJS()[0]?.[0] ?? 0) > 0) this._insert = 'INSERT OR IGNORE INTO events';
  }

  /**
   * Stores the events not stored yet; resolves with how many rows were new. Each slice of
   * `EVENTS_PER_TRANSACTION` is its own transaction: a failure part-way leaves the earlier
   * slices stored, and the retried batch stores only the rest (the anti-join skips them).
   */
  async write(events: readonly KubeEvent[], now: number, signal: AbortSignal): Promise<number> {
    throwIfAborted(signal);
    let inserted = 0;
    for (let start = 0; start < events.length; start += EVENTS_PER_TRANSACTION) {
      if (start > 0) throwIfAborted(signal);
      inserted += await this._writeSlice(
        events.slice(start, start + EVENTS_PER_TRANSACTION),
        now,
        signal,
      );
    }
    return inserted;
  }

  private async _writeSlice(
    events: readonly KubeEvent[],
    now: number,
    signal: AbortSignal,
  ): Promise<number> {
    const seen = new Set<string>();
    const unique: KubeEvent[] = [];
    const versions: (bigint | undefined)[] = [];
    const span: VersionSpan = { min: undefined, max: undefined, opaque: false };
    for (const event of events) {
      const key = eventVersionKey(event);
      if (seen.has(key)) continue;
      seen.add(key);
      const rv = numericResourceVersion(event.metadata.resourceVersion);
      unique.push(event);
      versions.push(rv);
      if (rv === undefined) span.opaque = true;
      else {
        if (span.min === undefined || rv < span.min) span.min = rv;
        if (span.max === undefined || rv > span.max) span.max = rv;
      }
    }
    if (unique.length === 0) return 0;
    const connection = this._connection;
    if (!this._tuned) {
      await connection.run(EVENTS_ALLOCATOR_SETTING);
      this._tuned = true;
    }
    await connection.run('BEGIN TRANSACTION');
    try {
      const appender = await connection.createAppender('event_staging', 'main', 'temp');
      try {
        for (let i = 0; i < unique.length; i++)
          appendEvent(appender, unique[i] as KubeEvent, versions[i], now);
      } finally {
        appender.closeSync();
      }
      throwIfAborted(signal);
      const inserted = await connection.run(
        `${this._insert} SELECT s.* FROM event_staging s ANTI JOIN
           (SELECT uid, resource_version FROM events WHERE ${storedCandidates(span)}) e
           ON e.uid = s.uid AND e.resource_version = s.resource_version`,
      );
      await connection.run('DELETE FROM event_staging');
      await connection.run('COMMIT');
      return inserted.rowsChanged;
    } catch (error) {
      await connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async lastStoredResourceVersion(): Promise<string | undefined> {
    const result = await this._connection.runAndReadAll(
      'SELECT resource_version FROM events WHERE rv_num IS NOT NULL ORDER BY rv_num DESC LIMIT 1',
    );
    const value = result.getRowsJS()[0]?.[0];
    return value === undefined || value === null ? undefined : String(value);
  }
}

/**
 * The stored rows that can equal one of the batch's: those with an rv_num in its range (equal
 * resourceVersions have equal rv_num) and, if it has non-numeric versions, those without one.
 * The bounds are bigints, so the SQL holds nothing but digits.
 */
export function storedCandidates(span: VersionSpan): string {
  const numeric =
    span.min === undefined || span.max === undefined
      ? undefined
      : `rv_num BETWEEN ${span.min} AND ${span.max}`;
  if (numeric === undefined) return span.opaque ? 'rv_num IS NULL' : 'false';
  return span.opaque ? `(${numeric} OR rv_num IS NULL)` : numeric;
}
