import type { DuckDBValue } from '@duckdb/node-api';
import type { MetricQuery, TimeRange } from './historical-store.js';
import type { Statement } from './sample-query.js';
import { seenSince, type SqlFilter } from './series-filter.js';

/** A series a selector found: its id, group key and sightings (epoch µs, as stored). */
export interface FoundSeries {
  readonly id: number;
  readonly group: string;
  readonly firstSeenUs: number;
  readonly lastSeenUs: number;
}

/** Series rows kept by one opening's lookups at most (whole lookups are evicted, oldest first). */
export const MAX_CACHED_SERIES = 100_000;

/**
 * The series of a metric query whatever the range (`filter` made with `seen` false): with
 * their sightings, so that one lookup serves every range (`seenIn`).
 */
export function lookupStatement(
  query: MetricQuery,
  filter: SqlFilter,
  metricId: number,
): Statement {
  const params: DuckDBValue[] = [...filter.params, metricId];
  const group = query.groupBy === 'pod_id' ? 's.pod_id' : 's.pod';
  const sql = `SELECT s.series_id, ${group}, epoch_us(s.first_seen)::DOUBLE,
      epoch_us(s.last_seen)::DOUBLE FROM series s
    WHERE ${filter.sql} AND s.series_id IN
      (SELECT series_id FROM series_metrics sm WHERE sm.metric_id = $${params.length})`;
  return { sql, params };
}

export function readLookup(rows: readonly (readonly unknown[])[]): FoundSeries[] {
  return rows.map(([id, group, first, last]) => ({
    id: Number(id),
    group: String(group),
    firstSeenUs: Number(first),
    lastSeenUs: Number(last),
  }));
}

/**
 * The series seen during `range`, by the rule of `seriesFilter` (first seen by its end, last
 * seen at most a touch interval before its start), compared in µs as the SQL compares them.
 */
export function seenIn(series: readonly FoundSeries[], range: TimeRange): FoundSeries[] {
  const endUs = Math.round(range.end) * 1000;
  const sinceUs = Math.round(seenSince(range.start)) * 1000;
  return series.filter(s => s.firstSeenUs <= endUs && s.lastSeenUs >= sinceUs);
}

/**
 * The series lookups of a file that cannot change (a read-only opening), kept per statement
 * and parameters: the dictionary part of a query's planning, done once per selector instead of
 * once per query. Bounded by the series rows held; least recently used lookups go first.
 */
export class SeriesLookups {
  private readonly _entries = new Map<string, Promise<FoundSeries[]>>();
  private readonly _sizes = new Map<string, number>();
  private _rows = 0;
  private readonly _maxRows: number;

  constructor(maxRows = MAX_CACHED_SERIES) {
    this._maxRows = maxRows;
  }

  async get(
    statement: Statement,
    run: (statement: Statement) => Promise<FoundSeries[]>,
  ): Promise<FoundSeries[]> {
    const key = `${statement.sql}\u0000${JSON.stringify(statement.params, plainValue)}`;
    const cached = this._entries.get(key);
    if (cached !== undefined) {
      this._entries.delete(key); // re-inserted: most recently used last
      this._entries.set(key, cached);
      return cached;
    }
    const pending = run(statement);
    this._entries.set(key, pending);
    try {
      const found = await pending;
      this._keep(key, found.length);
      return found;
    } catch (error) {
      this._entries.delete(key);
      throw error;
    }
  }

  private _keep(key: string, rows: number): void {
    if (!this._entries.has(key)) return;
    if (rows > this._maxRows) {
      this._entries.delete(key);
      return;
    }
    this._sizes.set(key, rows);
    this._rows += rows;
    for (const oldest of this._entries.keys()) {
      if (this._rows <= this._maxRows) break;
      if (oldest === key) continue;
      this._entries.delete(oldest);
      this._rows -= this._sizes.get(oldest) ?? 0;
      this._sizes.delete(oldest);
    }
  }
}

function plainValue(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
