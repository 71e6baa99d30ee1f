import type { DuckDBConnection } from '@duckdb/node-api';
import {
  DAY_MS,
  SAMPLE_COLUMNS,
  SAMPLE_ORDER,
  dateSql,
  dayOf,
  partitionTable,
  timestampSql,
} from './schema.js';
import { inTransaction } from './in-transaction.js';
import { EVICT_AFTER_MS } from './series-dictionary.js';
import { trimSpans } from './week-spans.js';

/** What a maintenance pass did (for logs and tests). */
export interface MaintenanceReport {
  readonly compactedRows: number;
  readonly finalizedDays: readonly number[];
  /** Start days of the weeks whose day tables were merged into a span table. */
  readonly mergedWeeks: readonly number[];
  readonly droppedDays: readonly number[];
  readonly deletedSeries: number;
  readonly deletedEvents: number;
}

export async function scalar(connection: DuckDBConnection, sql: string): Promise<number> {
  const rows = (await connection.runAndReadAll(sql)).getRowsJS();
  return Number(rows[0]?.[0] ?? 0);
}

/** Rows in the unsorted tail and the UTC days they belong to. */
export async function hotState(connection: DuckDBConnection): Promise<Map<number, number>> {
  const rows = await connection.runAndReadAll(
    `SELECT (epoch_ms(ts) // ${DAY_MS})::BIGINT AS day, count(*) FROM hot GROUP BY day`,
  );
  return new Map(rows.getRowsJS().map(([day, count]) => [Number(day), Number(count)]));
}

/**
 * Moves the unsorted tail into its day partitions as one sorted run per day, in one
 * transaction: a crash leaves either the tail or the runs, never both or neither.
 */
export async function compactHot(connection: DuckDBConnection): Promise<number> {
  const days = await hotState(connection);
  if (days.size === 0) return 0;
  return inTransaction(connection, async () => {
    let moved = 0;
    for (const [day, rows] of [...days].sort((a, b) => a[0] - b[0])) {
      const table = partitionTable(day);
      await connection.run(`CREATE TABLE IF NOT EXISTS ${table} ${SAMPLE_COLUMNS}`);
      await connection.run(
        `INSERT INTO ${table} SELECT * FROM hot
         WHERE ts >= ${timestampSql(day * DAY_MS)} AND ts < ${timestampSql((day + 1) * DAY_MS)}
         ORDER BY ${SAMPLE_ORDER}`,
      );
      await connection.run(
        `INSERT INTO partitions VALUES (${dateSql(day)}, 1, ${rows})
         ON CONFLICT (day) DO UPDATE SET runs = runs + 1, rows = rows + excluded.rows`,
      );
      moved += rows;
    }
    await connection.run(`DROP TABLE hot; CREATE TABLE hot ${SAMPLE_COLUMNS};`);
    return moved;
  });
}

/**
 * Re-sorts every closed day that holds more than one run into a single run: a one-series scan
 * then touches one or two row groups of the day instead of one per run.
 */
export async function finalizeClosedDays(
  connection: DuckDBConnection,
  today: number,
): Promise<number[]> {
  const rows = await connection.runAndReadAll(
    `SELECT (day - DATE '1970-01-01')::INTEGER FROM partitions
     WHERE runs > 1 AND day < ${dateSql(today)} ORDER BY day`,
  );
  const finalized: number[] = [];
  for (const [day] of rows.getRowsJS()) {
    const table = partitionTable(Number(day));
    await inTransaction(connection, async () => {
      await connection.run(`DROP TABLE IF EXISTS ${table}_sorting`);
      await connection.run(
        `CREATE TABLE ${table}_sorting AS SELECT * FROM ${table} ORDER BY ${SAMPLE_ORDER}`,
      );
      await connection.run(`DROP TABLE ${table}`);
      await connection.run(`ALTER TABLE ${table}_sorting RENAME TO ${table}`);
      await connection.run(`UPDATE partitions SET runs = 1 WHERE day = ${dateSql(Number(day))}`);
    });
    finalized.push(Number(day));
  }
  return finalized;
}

/**
 * Drops whole day partitions (and the days of span tables) that ended before
 * `now - retention`, then series not seen since (with the writer's eviction window as a margin,
 * so no id it still uses disappears) and events that happened before it.
 */
export async function enforceRetention(
  connection: DuckDBConnection,
  now: number,
  retentionMs: number,
): Promise<Pick<MaintenanceReport, 'droppedDays' | 'deletedSeries' | 'deletedEvents'>> {
  if (retentionMs <= 0) return { droppedDays: [], deletedSeries: 0, deletedEvents: 0 };
  const cutoff = now - retentionMs;
  const lastDroppable = dayOf(cutoff) - 1; // a day is dropped once all of it is older than cutoff
  const rows = await connection.runAndReadAll(
    `SELECT (day - DATE '1970-01-01')::INTEGER FROM partitions
     WHERE day <= ${dateSql(lastDroppable)} ORDER BY day`,
  );
  const droppedDays: number[] = [];
  for (const [day] of rows.getRowsJS()) {
    await inTransaction(connection, async () => {
      await connection.run(`DROP TABLE IF EXISTS ${partitionTable(Number(day))}`);
      await connection.run(`DELETE FROM partitions WHERE day = ${dateSql(Number(day))}`);
    });
    droppedDays.push(Number(day));
  }
  droppedDays.push(...(await trimSpans(connection, lastDroppable)));
  const dropped = [...new Set(droppedDays)].sort((a, b) => a - b);
  const seriesCutoff = timestampSql(cutoff - EVICT_AFTER_MS);
  const deletedSeries = await inTransaction(connection, async () => {
    const deleted = await connection.run(`DELETE FROM series WHERE last_seen < ${seriesCutoff}`);
    await connection.run(
      'DELETE FROM series_metrics WHERE series_id NOT IN (SELECT series_id FROM series)',
    );
    return deleted.rowsChanged;
  });
  const deletedEvents = (
    await connection.run(
      `DELETE FROM events WHERE coalesce(event_time, stored_at) < ${timestampSql(cutoff)}`,
    )
  ).rowsChanged;
  return { droppedDays: dropped, deletedSeries, deletedEvents };
}
