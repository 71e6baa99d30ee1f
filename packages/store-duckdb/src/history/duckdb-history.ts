import type { DuckDBConnection } from '@duckdb/node-api';
import { classifyDuckDbError } from '../duckdb-errors.js';
import { partitionsBetween } from '../maintenance.js';
import { partitionTable, timestampSql } from '../schema.js';
import type { DuckDbStore } from '../store.js';
import { aggregateColumns, bucketExpression, checkAggregation } from './aggregation-sql.js';
import { shapeAggregates, shapePoints } from './buckets.js';
import type {
  AggregationRequest,
  AggregationResult,
  EntityField,
  HistoricalStore,
  MetricInfo,
  MetricQuery,
  PointsResult,
  QueryOptions,
  SeriesSelector,
  TimeRange,
} from './historical-store.js';
import { QueryError, seriesFilter, type SqlFilter } from './series-filter.js';

const ENTITY_COLUMNS: Readonly<Record<EntityField, string>> = {
  node: 'node',
  namespace: 'namespace',
  pod: 'pod',
  pod_id: 'pod_id',
  container: 'container',
};
/** Up to this many series ids are inlined into the sample scans (their zonemaps prune on it). */
const INLINE_IDS = 10_000;

/** The series and groups one metric query reads. */
interface QueryPlan {
  readonly groups: readonly (string | undefined)[];
  /** FROM clause yielding (grp, ts, value) rows of the query's samples. */
  readonly source: string | undefined;
  readonly params: SqlFilter['params'];
}

/**
 * Historical queries over a DuckDB store: the series dictionary picks the series ids, then one
 * scan per day partition (plus the unsorted tail) reads only those ids' rows, which the sorted
 * partitions' zonemaps narrow to a row group or two per series and day.
 */
export class DuckDbHistory implements HistoricalStore {
  readonly name: string;
  private readonly _store: DuckDbStore;

  constructor(store: DuckDbStore) {
    this._store = store;
    this.name = `duckdb(${store.path})`;
  }

  async ping(options?: QueryOptions): Promise<void> {
    await this._read(options, connection => connection.run('SELECT 1 FROM store_info LIMIT 1'));
  }

  async metricNames(
    selector: SeriesSelector,
    range: TimeRange,
    options?: QueryOptions,
  ): Promise<string[]> {
    const filter = seriesFilter(selector, range);
    return this._read(options, async connection => {
      const result = await connection.runAndReadAll(
        `SELECT DISTINCT m.name FROM series s JOIN series_metrics sm ON sm.series_id = s.series_id
         JOIN metrics m ON m.metric_id = sm.metric_id WHERE ${filter.sql} ORDER BY 1`,
        filter.params,
      );
      return result.getRowsJS().map(([name]) => String(name));
    });
  }

  async entities(
    field: EntityField,
    selector: SeriesSelector,
    range: TimeRange,
    options?: QueryOptions,
  ): Promise<string[]> {
    const column = ENTITY_COLUMNS[field];
    if (column === undefined) throw new QueryError('field', `"${String(field)}" is not listable`);
    const filter = seriesFilter(selector, range);
    return this._read(options, async connection => {
      const result = await connection.runAndReadAll(
        `SELECT DISTINCT s.${column} FROM series s WHERE ${filter.sql} AND s.${column} <> ''
         ORDER BY 1`,
        filter.params,
      );
      return result.getRowsJS().map(([value]) => String(value));
    });
  }

  metricInfo(name: string, options?: QueryOptions): Promise<MetricInfo | undefined> {
    return this._read(options, async connection => {
      const result = await connection.runAndReadAll(
        'SELECT name, type, value_type, units FROM metrics WHERE name = $1',
        [name],
      );
      const row = result.getRowsJS()[0];
      if (row === undefined) return undefined;
      const [metric, type, valueType, units] = row.map(String);
      return {
        name: metric ?? name,
        type: type ?? '',
        valueType: valueType ?? '',
        units: units ?? '',
      };
    });
  }

  async points(
    query: MetricQuery,
    range: TimeRange,
    options?: QueryOptions,
  ): Promise<PointsResult[]> {
    const filter = seriesFilter(query, range);
    return this._read(options, async connection => {
      const plan = await this._plan(connection, query, filter, range);
      if (plan.source === undefined) return shapePoints([], plan.groups);
      const result = await connection.runAndReadAll(
        `SELECT grp, epoch_ms(ts)::DOUBLE, value FROM ${plan.source} ORDER BY grp, ts, series_id`,
        plan.params,
      );
      return shapePoints(result.getRowsJS(), plan.groups);
    });
  }

  async aggregate(
    query: MetricQuery,
    range: TimeRange,
    request: AggregationRequest,
    options?: QueryOptions,
  ): Promise<AggregationResult[]> {
    const filter = seriesFilter(query, range);
    const fractions = checkAggregation(request, range.start, range.end);
    return this._read(options, async connection => {
      const plan = await this._plan(connection, query, filter, range);
      if (plan.source === undefined) {
        return shapeAggregates([], plan.groups, request, range.start, range.end);
      }
      const result = await connection.runAndReadAll(
        `SELECT grp, ${bucketExpression(request.bucketMs, range.start)} AS bucket,
                ${aggregateColumns(request, fractions)}
         FROM ${plan.source} GROUP BY grp, bucket`,
        plan.params,
      );
      return shapeAggregates(result.getRowsJS(), plan.groups, request, range.start, range.end);
    });
  }

  private async _plan(
    connection: DuckDBConnection,
    query: MetricQuery,
    filter: SqlFilter,
    range: TimeRange,
  ): Promise<QueryPlan> {
    const groups = groupsOf(query);
    const metric = await connection.runAndReadAll('SELECT metric_id FROM metrics WHERE name = $1', [
      query.metric,
    ]);
    const metricId = metric.getRowsJS()[0]?.[0];
    if (metricId === undefined || metricId === null)
      return { groups, source: undefined, params: [] };
    const groupColumn = query.groupBy === 'pod_id' ? 's.pod_id' : 's.pod';
    const series = await connection.runAndReadAll(
      `SELECT s.series_id, ${groupColumn} FROM series s WHERE ${filter.sql}
       AND s.series_id IN (SELECT series_id FROM series_metrics WHERE metric_id = ${Number(metricId)})`,
      filter.params,
    );
    const rows = series.getRowsJS();
    if (rows.length === 0) return { groups, source: undefined, params: [] };
    const days = await partitionsBetween(connection, range.start, range.end);
    const tables = [...days.map(partitionTable), 'hot'];
    const inline = rows.length <= INLINE_IDS;
    const ids = inline
      ? rows.map(([id]) => Number(id)).join(',')
      : `SELECT s.series_id FROM series s WHERE ${filter.sql}`;
    const where = `metric_id = ${Number(metricId)} AND series_id IN (${ids})
      AND ts BETWEEN ${timestampSql(range.start)} AND ${timestampSql(range.end)}`;
    const scans = tables.map(t => `SELECT series_id, ts, value FROM ${t} WHERE ${where}`);
    let samples = `(${scans.join(' UNION ALL ')})`;
    if (query.groupBy === undefined) {
      samples = `(SELECT 0 AS grp, series_id, ts, value FROM ${samples})`;
    } else {
      const index = new Map(groups.map((group, i) => [group, i]));
      const mapping = rows
        .map(([id, key]) => `(${Number(id)}, ${index.get(String(key)) ?? -1})`)
        .join(',');
      samples = `(SELECT g.grp, x.series_id, x.ts, x.value FROM ${samples} x
                  JOIN (VALUES ${mapping}) g(series_id, grp) ON g.series_id = x.series_id)`;
    }
    return { groups, source: samples, params: inline ? [] : filter.params };
  }

  /** One read transaction (a consistent catalog: no partition vanishes mid-query). */
  private _read<T>(
    options: QueryOptions | undefined,
    job: (connection: DuckDBConnection) => Promise<T>,
  ): Promise<T> {
    return this._store.read(async connection => {
      const signal = options?.signal;
      signal?.throwIfAborted();
      const interrupt = (): void => connection.interrupt();
      signal?.addEventListener('abort', interrupt, { once: true });
      await connection.run('BEGIN TRANSACTION');
      try {
        return await job(connection);
      } catch (error) {
        throw error instanceof QueryError
          ? error
          : classifyDuckDbError(error, `historical query on ${this._store.path}`);
      } finally {
        signal?.removeEventListener('abort', interrupt);
        await connection.run('ROLLBACK').catch(() => undefined);
      }
    });
  }
}

function groupsOf(query: MetricQuery): (string | undefined)[] {
  if (query.groupBy === undefined) return [undefined];
  const list = query.groupBy === 'pod' ? query.pods : query.podIds;
  if (list === undefined || list.length === 0) {
    throw new QueryError('groupBy', `grouping by ${query.groupBy} needs the list of them`);
  }
  return [...list];
}
