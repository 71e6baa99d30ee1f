import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction } from './in-transaction.js';
import {
  DAY_MS,
  SAMPLE_ORDER,
  SPAN_DAYS,
  dateSql,
  partitionTable,
  spanStart,
  spanTable,
  timestampSql,
} from './schema.js';

/** A span table as `spans` lists it: the days (UTC day numbers) it still holds. */
export interface Span {
  readonly startDay: number;
  readonly firstDay: number;
  readonly lastDay: number;
  readonly rows: number;
}

const SPANS_SQL = `SELECT (start_day - DATE '1970-01-01')::INTEGER, (first_day - DATE '1970-01-01')::INTEGER,
  (last_day - DATE '1970-01-01')::INTEGER, rows FROM spans`;

async function spans(connection: DuckDBConnection, where: string): Promise<Span[]> {
  const rows = await connection.runAndReadAll(`${SPANS_SQL} WHERE ${where} ORDER BY start_day`);
  return rows.getRowsJS().map(([startDay, firstDay, lastDay, count]) => ({
    startDay: Number(startDay),
    firstDay: Number(firstDay),
    lastDay: Number(lastDay),
    rows: Number(count),
  }));
}

/**
 * Merges the finalized day tables of every week that ended before `today` — with the week's
 * span table if it has one already (samples that arrived late for a merged day) — into one
 * span table sorted by (metric_id, series_id, ts): a series' week of samples becomes one
 * contiguous range, and a month-long query reads 4–5 tables instead of 30. Each week merges
 * in its own transaction, so a reader sees either its day tables or its span, never both.
 * Returns the start days of the weeks merged.
 */
export async function mergeClosedWeeks(
  connection: DuckDBConnection,
  today: number,
): Promise<number[]> {
  const rows = await connection.runAndReadAll(
    `SELECT (day - DATE '1970-01-01')::INTEGER, rows FROM partitions
     WHERE runs = 1 AND day < ${dateSql(today)} ORDER BY day`,
  );
  const weeks = new Map<number, { day: number; rows: number }[]>();
  for (const [day, count] of rows.getRowsJS()) {
    const start = spanStart(Number(day));
    if (start + SPAN_DAYS - 1 >= today) continue; // the week is still open
    const days = weeks.get(start) ?? [];
    days.push({ day: Number(day), rows: Number(count) });
    weeks.set(start, days);
  }
  const merged: number[] = [];
  for (const [start, days] of weeks) {
    const [existing] = await spans(connection, `start_day = ${dateSql(start)}`);
    if (days.length + (existing === undefined ? 0 : 1) < 2) continue; // already one table
    const table = spanTable(start);
    const sources = days.map(({ day }) => `SELECT * FROM ${partitionTable(day)}`);
    if (existing !== undefined) sources.unshift(`SELECT * FROM ${table}`);
    const dayNumbers = days.map(({ day }) => day);
    const span: Span = {
      startDay: start,
      firstDay: Math.min(...dayNumbers, existing?.firstDay ?? Number.POSITIVE_INFINITY),
      lastDay: Math.max(...dayNumbers, existing?.lastDay ?? Number.NEGATIVE_INFINITY),
      rows: days.reduce((sum, { rows: count }) => sum + count, existing?.rows ?? 0),
    };
    await inTransaction(connection, async () => {
      await connection.run(`DROP TABLE IF EXISTS ${table}_merging`);
      await connection.run(
        `CREATE TABLE ${table}_merging AS SELECT * FROM (${sources.join(' UNION ALL ')})
         ORDER BY ${SAMPLE_ORDER}`,
      );
      await connection.run(`DROP TABLE IF EXISTS ${table}`);
      for (const day of dayNumbers) await connection.run(`DROP TABLE ${partitionTable(day)}`);
      await connection.run(`ALTER TABLE ${table}_merging RENAME TO ${table}`);
      await connection.run(
        `DELETE FROM partitions WHERE day IN (${dayNumbers.map(dateSql).join(', ')})`,
      );
      await connection.run(
        `INSERT OR REPLACE INTO spans VALUES (${dateSql(span.startDay)}, ${dateSql(span.firstDay)},
         ${dateSql(span.lastDay)}, ${span.rows})`,
      );
    });
    merged.push(start);
  }
  return merged;
}

/**
 * Retention for span tables, with the day tables' rule: every day up to `lastDroppable` goes.
 * A span wholly before it is dropped; one reaching into it loses the rows of those days
 * (a DELETE: the table itself goes once all its days have). Returns the days dropped.
 */
export async function trimSpans(
  connection: DuckDBConnection,
  lastDroppable: number,
): Promise<number[]> {
  const dropped: number[] = [];
  for (const span of await spans(connection, `first_day <= ${dateSql(lastDroppable)}`)) {
    const table = spanTable(span.startDay);
    const whole = span.lastDay <= lastDroppable;
    await inTransaction(connection, async () => {
      if (whole) {
        await connection.run(`DROP TABLE IF EXISTS ${table}`);
        await connection.run(`DELETE FROM spans WHERE start_day = ${dateSql(span.startDay)}`);
        return;
      }
      const deleted = await connection.run(
        `DELETE FROM ${table} WHERE ts < ${timestampSql((lastDroppable + 1) * DAY_MS)}`,
      );
      await connection.run(
        `UPDATE spans SET first_day = ${dateSql(lastDroppable + 1)},
         rows = rows - ${deleted.rowsChanged} WHERE start_day = ${dateSql(span.startDay)}`,
      );
    });
    const last = whole ? span.lastDay : lastDroppable;
    for (let day = span.firstDay; day <= last; day++) dropped.push(day);
  }
  return dropped;
}
