import { DuckDBTypeId, type DuckDBValue } from '@duckdb/node-api';
import { classifyDuckDbError } from '../duckdb-errors.js';
import type { Reader } from '../reader-pool.js';
import type { DuckDbStore } from '../store.js';
import { aggregateColumns, checkAggregation } from './aggregation-sql.js';
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
import {
  bucketIndexExpression,
  catalogSql,
  daysBetween,
  HAS_SPANS_SQL,
  groupIndex,
  groupMode,
  planStatement,
  readCatalog,
  readPlan,
  samplesSource,
  spansBetween,
  type Catalog,
  type GroupMode,
  type SeriesPlan,
} from './sample-query.js';
import { QueryError, seriesFilter, type SqlFilter } from './series-filter.js';
import { lookupStatement, readLookup, SeriesLookups, seenIn } from './series-lookups.js';

const ENTITY_COLUMNS: Readonly<Record<EntityField, string>> = {
  node: 'node',
  namespace: 'namespace',
  pod: 'pod',
  pod_id: 'pod_id',
  container: 'container',
};

/** The samples one metric query reads (undefined `plan`: no series carries the metric). */
interface Samples {
  readonly groups: readonly (string | undefined)[];
  readonly plan: SeriesPlan | undefined;
  readonly mode: GroupMode;
}

/**
 * Historical queries over a DuckDB store: one planning statement picks the metric, the series
 * ids and the span tables and day partitions; then one scan per table (plus the unsorted tail)
 * reads only those ids' rows, which the sorted tables' zonemaps narrow to a row group or two
 * per series and table. Statements run on pooled connections and are prepared once per shape
 * (every value a parameter), so a repeated shape skips parsing; DuckDB still plans a statement
 * with parameters again at each execution, with their values (that is what lets zonemaps prune).
 * A read-only file's catalog (metric ids, span tables and day partitions, whether the tail
 * holds rows) is read once per opening, and its series lookups once per selector (bounded).
 */
export class DuckDbHistory implements HistoricalStore {
  readonly name: string;
  private readonly _store: DuckDbStore;

  constructor(store: DuckDbStore) {
    this._store = store;
    this.name = `duckdb(${store.path})`;
  }

  async ping(options?: QueryOptions): Promise<void> {
    await this._read(options, reader => select(reader, 'SELECT 1 FROM store_info LIMIT 1', []));
  }

  async metricNames(
    selector: SeriesSelector,
    range: TimeRange,
    options?: QueryOptions,
  ): Promise<string[]> {
    const filter = seriesFilter(selector, range);
    const rows = await this._read(options, reader =>
      select(
        reader,
        `SELECT DISTINCT m.name FROM series s JOIN series_metrics sm ON sm.series_id = s.series_id
         JOIN metrics m ON m.metric_id = sm.metric_id WHERE ${filter.sql} ORDER BY 1`,
        filter.params,
      ),
    );
    return rows.map(([name]) => String(name));
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
    const rows = await this._read(options, reader =>
      select(
        reader,
        `SELECT DISTINCT s.${column} FROM series s WHERE ${filter.sql} AND s.${column} <> ''
         ORDER BY 1`,
        filter.params,
      ),
    );
    return rows.map(([value]) => String(value));
  }

  async metricInfo(name: string, options?: QueryOptions): Promise<MetricInfo | undefined> {
    const rows = await this._read(options, reader =>
      select(reader, 'SELECT name, type, value_type, units FROM metrics WHERE name = $1', [name]),
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    const [metric, type, valueType, units] = row.map(String);
    return {
      name: metric ?? name,
      type: type ?? '',
      valueType: valueType ?? '',
      units: units ?? '',
    };
  }

  async points(
    query: MetricQuery,
    range: TimeRange,
    options?: QueryOptions,
  ): Promise<PointsResult[]> {
    const filter = seriesFilter(query, range);
    const groups = groupsOf(query);
    return this._read(options, async reader => {
      const { plan, mode } = await this._plan(reader, query, filter, range, groups);
      if (plan === undefined) return shapePoints([], groups);
      const source = samplesSource(plan, range, filter, mode);
      const rows = await select(
        reader,
        `SELECT grp, epoch_ms(ts)::DOUBLE, value FROM ${source.sql} ORDER BY grp, ts, series_id`,
        source.params,
      );
      const toGroup = groupIndex(plan, mode);
      return shapePoints(
        rows.map(row => [toGroup(row[0]), row[1], row[2]]),
        groups,
      );
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
    const groups = groupsOf(query);
    return this._read(options, async reader => {
      const { plan, mode } = await this._plan(reader, query, filter, range, groups);
      if (plan === undefined) {
        return shapeAggregates([], groups, request, range.start, range.end);
      }
      const source = samplesSource(plan, range, filter, mode);
      // Materialized first: the scans of every partition then feed one aggregation instead
      // of each building (and the end merging) its own partial hash table. A pooled query
      // has one group: no group key to hash per row.
      const [key, groupBy] = mode === 'pooled' ? ['0', 'bucket'] : ['grp', 'grp, bucket'];
      const rows = await select(
        reader,
        `WITH samples AS MATERIALIZED ${source.sql}
         SELECT ${key}, (${bucketIndexExpression(request.bucketMs)}) AS bucket,
                ${aggregateColumns(request, fractions)}
         FROM samples GROUP BY ${groupBy}`,
        source.params,
      );
      const toGroup = groupIndex(plan, mode);
      const bucketMs = request.bucketMs;
      const startOf = (bucket: unknown): number =>
        bucketMs === 0 ? range.start : Number(bucket) * bucketMs;
      return shapeAggregates(
        rows.map(row => [toGroup(row[0]), startOf(row[1]), ...row.slice(2)]),
        groups,
        request,
        range.start,
        range.end,
      );
    });
  }

  private async _plan(
    reader: Reader,
    query: MetricQuery,
    filter: SqlFilter,
    range: TimeRange,
    groups: readonly (string | undefined)[],
  ): Promise<Samples> {
    const seriesPlan = (plan: SeriesPlan | undefined): Samples => ({
      groups,
      plan,
      mode: plan === undefined ? 'pooled' : groupMode(query, plan),
    });
    if (!this._store.readOnly) {
      const statement = planStatement(query, filter, range);
      return seriesPlan(
        readPlan(await select(reader, statement.sql, statement.params), groups, undefined),
      );
    }
    // A read-only file cannot change: its catalog and series lookups are read once per opening.
    const catalog = await reader.memo<Catalog>('catalog', async () => {
      const hasSpans = Number((await select(reader, HAS_SPANS_SQL, []))[0]?.[0] ?? 0) > 0;
      return readCatalog((await select(reader, catalogSql(hasSpans), []))[0]);
    });
    const metricId = catalog.metricIds.get(query.metric);
    if (metricId === undefined) return seriesPlan(undefined);
    const lookups = await reader.memo('series-lookups', () => Promise.resolve(new SeriesLookups()));
    const lookup = lookupStatement(query, seriesFilter(query, range, false), metricId);
    const found = await lookups.get(lookup, async statement =>
      readLookup(await select(reader, statement.sql, statement.params)),
    );
    const known = {
      metricId,
      days: daysBetween(catalog, range),
      spans: spansBetween(catalog, range),
      hot: catalog.hot,
    };
    const rows = seenIn(found, range).map(series => [series.id, series.group]);
    return seriesPlan(readPlan(rows, groups, known));
  }

  /**
   * Runs `job` on a pooled connection. A writable store changes under the reader (compaction,
   * finalization, retention), so there the job runs in one read transaction: a consistent
   * catalog, no partition vanishing between planning and scanning. A read-only file never
   * changes, and needs none.
   */
  private _read<T>(
    options: QueryOptions | undefined,
    job: (reader: Reader) => Promise<T>,
  ): Promise<T> {
    const signal = options?.signal;
    const transaction = !this._store.readOnly;
    return this._store.withReader(async reader => {
      signal?.throwIfAborted();
      const interrupt = (): void => {
        // The connection's state after an interrupt is not worth trusting: it is not reused.
        reader.discard();
        reader.connection.interrupt();
      };
      signal?.addEventListener('abort', interrupt, { once: true });
      try {
        if (transaction) await reader.connection.run('BEGIN TRANSACTION');
        return await job(reader);
      } catch (error) {
        throw error instanceof QueryError
          ? error
          : classifyDuckDbError(error, `historical query on ${this._store.path}`);
      } finally {
        signal?.removeEventListener('abort', interrupt);
        if (transaction) await reader.connection.run('ROLLBACK').catch(() => reader.discard());
      }
    }, signal);
  }
}

/**
 * Runs a statement prepared once per connection, binding `params` as the types DuckDB inferred
 * for them (a JS number becomes the SMALLINT or INTEGER its column compares with).
 */
async function select(
  reader: Reader,
  sql: string,
  params: readonly DuckDBValue[],
): Promise<unknown[][]> {
  const statement = await reader.prepared(sql);
  params.forEach((value, i) => {
    const declared = statement.parameterType(i + 1);
    statement.bindValue(i + 1, value, declared.typeId === DuckDBTypeId.ANY ? undefined : declared);
  });
  const result = await statement.runAndReadAll();
  return result.getRowsJS();
}

function groupsOf(query: MetricQuery): (string | undefined)[] {
  if (query.groupBy === undefined) return [undefined];
  const list = query.groupBy === 'pod' ? query.pods : query.podIds;
  if (list === undefined || list.length === 0) {
    throw new QueryError('groupBy', `grouping by ${query.groupBy} needs the list of them`);
  }
  return [...list];
}
