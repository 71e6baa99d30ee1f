/**
 * The store's tables (README "Schema" explains the choices):
 *
 * - `metrics`: the dictionary of metric names (a SMALLINT id per name, with type and units);
 * - `series`: one row per labelled metric set — entity type, identity columns, every label as
 *   canonical JSON, the labeled-metric label set (`{"resource_id":"/"}`) — with first/last seen;
 * - `series_metrics`: which metrics each series has carried (for metric listings);
 * - `hot`: the unsorted tail of samples, appended to by every batch;
 * - `samples_YYYYMMDD`: one table per UTC day, made of runs sorted by (metric_id, series_id, ts)
 *   and re-sorted into a single run once the day is over, so DuckDB's min/max zonemaps skip
 *   every row group that does not hold the series a query asks for;
 * - `partitions`: the day tables with their number of sorted runs;
 * - `samples_wYYYYMMDD` / `spans`: once a week (7 days from a day number divisible by 7) has
 *   passed, its day tables are merged into one table sorted the same way, so that a series'
 *   week is one contiguous range and a long-window query reads a few tables, not one per day;
 *   `spans` holds the days each still covers (retention trims it day by day);
 * - `events`: Kubernetes events, unique on (uid, resource_version) by the event writer's
 *   anti-join (no index: an ART index would hold ~190 bytes of memory per stored event).
 */
export const SCHEMA_VERSION = '1';

export const SAMPLE_COLUMNS =
  '(metric_id SMALLINT NOT NULL, series_id INTEGER NOT NULL, ts TIMESTAMP NOT NULL, value DOUBLE NOT NULL)';

/** The sort order of a compacted partition: one series' points are contiguous and in time order. */
export const SAMPLE_ORDER = 'metric_id, series_id, ts';

export const CREATE_SCHEMA = `
CREATE TABLE IF NOT EXISTS store_info (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS metrics (
  metric_id SMALLINT PRIMARY KEY, name VARCHAR NOT NULL UNIQUE,
  type VARCHAR NOT NULL, value_type VARCHAR NOT NULL, units VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS series (
  series_id INTEGER NOT NULL, type VARCHAR NOT NULL,
  namespace VARCHAR NOT NULL, pod VARCHAR NOT NULL, pod_id VARCHAR NOT NULL,
  container VARCHAR NOT NULL, node VARCHAR NOT NULL,
  labels JSON NOT NULL, metric_labels JSON NOT NULL,
  first_seen TIMESTAMP NOT NULL, last_seen TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS series_metrics (series_id INTEGER NOT NULL, metric_id SMALLINT NOT NULL);
CREATE TABLE IF NOT EXISTS partitions (day DATE PRIMARY KEY, runs INTEGER NOT NULL, rows BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS spans (
  start_day DATE PRIMARY KEY, first_day DATE NOT NULL, last_day DATE NOT NULL, rows BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS hot ${SAMPLE_COLUMNS};
CREATE TABLE IF NOT EXISTS events (
  uid VARCHAR NOT NULL, resource_version VARCHAR NOT NULL, rv_num BIGINT,
  namespace VARCHAR, name VARCHAR,
  object_kind VARCHAR, object_namespace VARCHAR, object_name VARCHAR, object_uid VARCHAR,
  reason VARCHAR, message VARCHAR, type VARCHAR,
  source_component VARCHAR, source_host VARCHAR, count INTEGER,
  first_timestamp TIMESTAMP, last_timestamp TIMESTAMP, event_time TIMESTAMP,
  event JSON NOT NULL, stored_at TIMESTAMP NOT NULL);
INSERT OR IGNORE INTO store_info VALUES ('schema_version', '${SCHEMA_VERSION}');
`;

export const DAY_MS = 86_400_000;

/** Days since the epoch (UTC) of an epoch-ms time. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** `samples_20240101` for the UTC day number `day`. */
export function partitionTable(day: number): string {
  const date = new Date(day * DAY_MS);
  const y = date.getUTCFullYear().toString().padStart(4, '0');
  const m = (date.getUTCMonth() + 1).toString().padStart(2, '0');
  const d = date.getUTCDate().toString().padStart(2, '0');
  return `samples_${y}${m}${d}`;
}

/** Days a span table covers: a week, starting on a day number divisible by it. */
export const SPAN_DAYS = 7;

/** The first day of the span holding `day`. */
export function spanStart(day: number): number {
  return day - (((day % SPAN_DAYS) + SPAN_DAYS) % SPAN_DAYS);
}

/** `samples_w20240101` for the span starting on the UTC day number `startDay`. */
export function spanTable(startDay: number): string {
  return partitionTable(startDay).replace('samples_', 'samples_w');
}

/** A timestamp literal for SQL from epoch ms (integers only, so nothing to escape). */
export function timestampSql(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`time ${ms} is not a finite epoch-ms value`);
  return `make_timestamp(${Math.round(ms) * 1000}::BIGINT)`;
}

/** A DATE literal for SQL from a UTC day number. */
export function dateSql(day: number): string {
  if (!Number.isInteger(day)) throw new RangeError(`day ${day} is not an integer`);
  return `(DATE '1970-01-01' + ${day}::INTEGER)`;
}
