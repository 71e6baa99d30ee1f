import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { DAY_MS, dayOf, partitionTable, spanTable } from '../schema.js';
import type { MetricQuery, TimeRange } from './historical-store.js';
import { timestampParam, type SqlFilter } from './series-filter.js';

/**
 * Up to this many series ids go into the sample scans as parameters of an IN list, which the
 * sorted partitions' zonemaps prune on; more are selected by a subquery on `series`.
 */
export const MAX_ID_PARAMS = 10_000;

/** The series one query reads, with what the planning statement found about them. */
export interface SeriesPlan {
  readonly metricId: number;
  readonly seriesIds: readonly number[];
  /** Per series id: the index of its group in `groups` (-1: in none). */
  readonly groupOf: readonly number[];
  /** The day partitions overlapping the range, ascending. */
  readonly days: readonly number[];
  /** The span tables (merged weeks) overlapping the range. */
  readonly spans: readonly SpanDays[];
  /** Whether to read the unsorted tail too (it may hold samples). */
  readonly hot: boolean;
}

/** A span table's start day (its name) and the first and last day it holds. */
export type SpanDays = readonly [startDay: number, firstDay: number, lastDay: number];

/** A statement plus its parameters ($1, $2, … in order). */
export interface Statement {
  readonly sql: string;
  readonly params: DuckDBValue[];
}

/**
 * What a read-only file holds that a plan needs: it cannot change while the file is open, so
 * it is read once per opening (a writable store's changes under every query).
 */
export interface Catalog {
  readonly metricIds: ReadonlyMap<string, number>;
  readonly days: readonly number[];
  readonly spans: readonly SpanDays[];
  readonly hot: boolean;
}

/** Whether the file has span tables (files of earlier builds have no `spans`). */
export const HAS_SPANS_SQL =
  "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'spans'";

const SPAN_DAYS_SQL = `[(start_day - DATE '1970-01-01')::INTEGER, (first_day - DATE '1970-01-01')::INTEGER,
  (last_day - DATE '1970-01-01')::INTEGER]`;

export function catalogSql(hasSpans: boolean): string {
  const spans = hasSpans ? `(SELECT list(${SPAN_DAYS_SQL} ORDER BY start_day) FROM spans)` : 'NULL';
  return `SELECT
  (SELECT list(name ORDER BY metric_id) FROM metrics),
  (SELECT list(metric_id ORDER BY metric_id) FROM metrics),
  (SELECT list((day - DATE '1970-01-01')::INTEGER ORDER BY day) FROM partitions),
  (SELECT count(*) FROM (SELECT 1 FROM hot LIMIT 1)),
  ${spans}`;
}

function spanDays(cell: unknown): SpanDays[] {
  return ((cell ?? []) as unknown[][]).map(
    ([start, first, last]) => [Number(start), Number(first), Number(last)] as const,
  );
}

export function readCatalog(row: readonly unknown[] | undefined): Catalog {
  const names = (row?.[0] ?? []) as unknown[];
  const ids = (row?.[1] ?? []) as unknown[];
  return {
    metricIds: new Map(names.map((name, i) => [String(name), Number(ids[i])])),
    days: ((row?.[2] ?? []) as unknown[]).map(Number),
    hot: Number(row?.[3] ?? 0) > 0,
    spans: spanDays(row?.[4]),
  };
}

/**
 * One round trip finding the series of a metric query with their group key, the metric id and
 * the span tables and day partitions overlapping the range (a writable store, whose catalog
 * changes under every query). Every value is a parameter, so the statement is prepared once per
 * selector shape and reused.
 */
export function planStatement(query: MetricQuery, filter: SqlFilter, range: TimeRange): Statement {
  const params = [...filter.params];
  const param = (value: DuckDBValue): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const group = query.groupBy === 'pod_id' ? 's.pod_id' : 's.pod';
  const carries = (id: string): string =>
    `s.series_id IN (SELECT series_id FROM series_metrics sm WHERE sm.metric_id = ${id})`;
  const [from, to] = [param(dayOf(range.start)), param(dayOf(range.end))];
  const sql = `
    SELECT s.series_id, ${group}, m.metric_id,
      (SELECT list((day - DATE '1970-01-01')::INTEGER ORDER BY day) FROM partitions
       WHERE day BETWEEN DATE '1970-01-01' + ${from}::INTEGER
                     AND DATE '1970-01-01' + ${to}::INTEGER),
      (SELECT list(${SPAN_DAYS_SQL} ORDER BY start_day) FROM spans
       WHERE last_day >= DATE '1970-01-01' + ${from}::INTEGER
         AND first_day <= DATE '1970-01-01' + ${to}::INTEGER)
    FROM series s, (SELECT metric_id FROM metrics WHERE name = ${param(query.metric)}) m
    WHERE ${filter.sql} AND ${carries('m.metric_id')}`;
  return { sql, params };
}

/**
 * The plan from the planning statement's rows (undefined: no series carries the metric);
 * `known` is what a catalog already told (then the rows hold only series and group key).
 */
export function readPlan(
  rows: readonly (readonly unknown[])[],
  groups: readonly (string | undefined)[],
  known: Pick<SeriesPlan, 'metricId' | 'days' | 'spans' | 'hot'> | undefined,
): SeriesPlan | undefined {
  const first = rows[0];
  if (first === undefined) return undefined;
  const index = new Map(groups.map((group, i) => [group, i]));
  const grouped = groups.length > 1 || groups[0] !== undefined;
  return {
    metricId: known?.metricId ?? Number(first[2]),
    seriesIds: rows.map(row => Number(row[0])),
    groupOf: rows.map(row => (grouped ? (index.get(String(row[1])) ?? -1) : 0)),
    days: known?.days ?? ((first[3] ?? []) as unknown[]).map(Number),
    spans: known?.spans ?? spanDays(first[4]),
    hot: known?.hot ?? true,
  };
}

/** The catalog's day partitions overlapping the range. */
export function daysBetween(catalog: Catalog, range: TimeRange): number[] {
  const [from, to] = [dayOf(range.start), dayOf(range.end)];
  return catalog.days.filter(day => day >= from && day <= to);
}

/** The catalog's span tables overlapping the range. */
export function spansBetween(catalog: Catalog, range: TimeRange): SpanDays[] {
  const [from, to] = [dayOf(range.start), dayOf(range.end)];
  return catalog.spans.filter(([, first, last]) => last >= from && first <= to);
}

/**
 * How rows reach their group: `pooled` — one group of every series; `series` — each group
 * holds at most one series, so rows group on the series id, mapped to its group afterwards
 * (no join); `joined` — groups of several series, the group index joined in from two list
 * parameters.
 */
export type GroupMode = 'pooled' | 'series' | 'joined';

export function groupMode(query: MetricQuery, plan: SeriesPlan): GroupMode {
  if (query.groupBy === undefined) return 'pooled';
  const seen = new Set<number>();
  for (const group of plan.groupOf) {
    if (seen.has(group)) return 'joined';
    seen.add(group);
  }
  return 'series';
}

/**
 * `(grp, series_id, ts, value)` rows of the plan's series within the range: one scan per span
 * table (merged week) and day partition plus the unsorted tail; `grp` as `mode` says (a series
 * id for `series`). Only the tables at the ends of the range and the tail need the time
 * condition: fewer conditions to plan and evaluate (DuckDB plans a statement with parameters
 * again at each execution).
 */
export function samplesSource(
  plan: SeriesPlan,
  range: TimeRange,
  filter: SqlFilter,
  mode: GroupMode,
): Statement {
  const params: DuckDBValue[] = [plan.metricId];
  const param = (value: DuckDBValue): string => {
    params.push(value);
    return `$${params.length}`;
  };
  let series: string;
  if (plan.seriesIds.length === 1) {
    series = `series_id = ${param(plan.seriesIds[0] as number)}`;
  } else if (plan.seriesIds.length <= MAX_ID_PARAMS) {
    series = `series_id IN (${plan.seriesIds.map(id => param(id)).join(', ')})`;
  } else {
    // The filter's own parameters, renumbered after the ones above.
    const offset = params.length;
    params.push(...filter.params);
    series = `series_id IN (SELECT s.series_id FROM series s WHERE ${filter.sql.replace(
      /\$(\d+)/g,
      (_m, n: string) => `$${Number(n) + offset}`,
    )})`;
  }
  let within: string | undefined; // parameters only when used: an unused one has no type
  const scan = (table: string, whole: boolean): string => {
    const sql = `SELECT series_id, ts, value FROM ${table} WHERE metric_id = $1 AND ${series}`;
    if (whole) return sql;
    within ??= `ts BETWEEN ${param(timestampParam(range.start))} AND ${param(timestampParam(range.end))}`;
    return `${sql} AND ${within}`;
  };
  const whole = (first: number, last: number): boolean =>
    first * DAY_MS >= range.start && (last + 1) * DAY_MS - 1 <= range.end;
  const scans = [
    ...plan.spans.map(([start, first, last]) => scan(spanTable(start), whole(first, last))),
    ...plan.days.map(day => scan(partitionTable(day), whole(day, day))),
  ];
  if (plan.hot || scans.length === 0) scans.push(scan('hot', false));
  const union = scans.join('\n UNION ALL ');
  if (mode === 'pooled') return { sql: `(SELECT 0 AS grp, * FROM (${union}))`, params };
  if (mode === 'series') return { sql: `(SELECT series_id AS grp, * FROM (${union}))`, params };
  const sql = `(SELECT g.grp, x.series_id, x.ts, x.value FROM (${union}) x
    JOIN (SELECT unnest(${param(listValue([...plan.seriesIds]))}::INTEGER[]) AS series_id,
                 unnest(${param(listValue([...plan.groupOf]))}::INTEGER[]) AS grp) g
      ON g.series_id = x.series_id)`;
  return { sql, params };
}

/** Maps a result row's `grp` to the index of its group. */
export function groupIndex(plan: SeriesPlan, mode: GroupMode): (grp: unknown) => number {
  if (mode !== 'series') return grp => Number(grp);
  const bySeries = new Map(plan.seriesIds.map((id, i) => [id, plan.groupOf[i] ?? -1]));
  return grp => bySeries.get(Number(grp)) ?? -1;
}

/** The bucket of `ts` as an integer: its index since the epoch (0 for one bucket of the range). */
export function bucketIndexExpression(bucketMs: number): string {
  if (bucketMs === 0) return '0';
  return `epoch_us(ts) // ${bucketMs * 1000}`;
}
