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
function appendEvent(appender: DuckDBAppender, event: KubeEvent, storedAt: number): void {
  const { metadata, involvedObject: object } = event;
  appender.appendVarchar(metadata.uid);
  appender.appendVarchar(metadata.resourceVersion);
  const rv = numericResourceVersion(metadata.resourceVersion);
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
 * Writes event batches idempotently: rows go through a per-connection staging table into
 * `events` with INSERT OR IGNORE on the primary key (uid, resource_version), so a retried batch
 * stores nothing twice while a count bump (a new resourceVersion) is a new row.
 */
export class EventWriter {
  private readonly _connection: DuckDBConnection;

  constructor(connection: DuckDBConnection) {
    this._connection = connection;
  }

  async load(): Promise<void> {
    await this._connection.run(
      'CREATE TEMP TABLE IF NOT EXISTS event_staging AS SELECT * FROM events LIMIT 0',
    );
  }

  /** Stores the events not stored yet; resolves with how many rows were new. */
  async write(events: readonly KubeEvent[], now: number, signal: AbortSignal): Promise<number> {
    throwIfAborted(signal);
    const seen = new Set<string>();
    const unique = events.filter(event => {
      const key = eventVersionKey(event);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (unique.length === 0) return 0;
    const connection = this._connection;
    await connection.run('BEGIN TRANSACTION');
    try {
      const appender = await connection.createAppender('event_staging', 'main', 'temp');
      try {
        for (const event of unique) appendEvent(appender, event, now);
      } finally {
        appender.closeSync();
      }
      throwIfAborted(signal);
      const inserted = await connection.run(
        'INSERT OR IGNORE INTO events SELECT * FROM event_staging',
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
