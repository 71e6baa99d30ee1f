import { DuckDBTimestampValue, type DuckDBConnection } from '@duckdb/node-api';
import type { DataBatch, EntityType } from '@heapster/model';
import { throwIfAborted, yieldToEventLoop } from './duckdb-errors.js';
import { MetricDictionary, type MetricPlan } from './metric-dictionary.js';
import { PairAppender, SampleAppender } from './sample-appender.js';
import { dayOf, timestampSql } from './schema.js';
import {
  EVICT_AFTER_MS,
  SeriesDictionary,
  PLAIN,
  setMetric,
  type SeriesEntry,
  type SeriesPlan,
  type SeriesRow,
} from './series-dictionary.js';
import { RowLabelCache, type RowLabels } from './row-label-cache.js';
import { describeRow, labelSetJson } from './series-keys.js';

/** What one batch write stored. */
export interface SampleWriteResult {
  readonly rows: number;
  /** The UTC days (since the epoch) the batches belong to. */
  readonly days: readonly number[];
  readonly newSeries: number;
}

/** Values handled between two yields to the event loop (and two looks at the deadline). */
const YIELD_EVERY = 1 << 16;

/**
 * Writes DataBatches into the `hot` table, one transaction per batch: samples through the
 * data-chunk appender, new series / metric names / (series, metric) pairs, and last_seen
 * touches. Any failure or an aborted signal rolls the whole batch back.
 */
export class SampleWriter {
  private readonly _connection: DuckDBConnection;
  private readonly _series = new SeriesDictionary();
  private readonly _metrics = new MetricDictionary();
  private readonly _rowLabels = new RowLabelCache();
  private _latest = Number.NEGATIVE_INFINITY;

  constructor(connection: DuckDBConnection) {
    this._connection = connection;
  }

  get seriesInMemory(): number {
    return this._series.size;
  }

  /** Loads the dictionaries: every metric name and the series seen in the last hours. */
  async load(now: number): Promise<void> {
    const connection = this._connection;
    await connection.run('CREATE TEMP TABLE IF NOT EXISTS touch_ids (id INTEGER)');
    const metrics = await connection.runAndReadAll('SELECT metric_id, name FROM metrics');
    for (const [id, name] of metrics.getRowsJS()) this._metrics.load(Number(id), String(name));
    const max = await connection.runAndReadAll('SELECT coalesce(max(series_id), 0) FROM series');
    this._series.setMaxId(Number(max.getRowsJS()[0]?.[0] ?? 0));
    const recent = await connection.runAndReadAll(
      `SELECT s.series_id, s.labels, s.metric_labels, epoch_ms(s.last_seen)::DOUBLE,
              list(m.metric_id) FILTER (WHERE m.metric_id IS NOT NULL)
       FROM series s LEFT JOIN series_metrics m USING (series_id)
       WHERE s.last_seen >= ${timestampSql(now - EVICT_AFTER_MS)} GROUP BY ALL`,
    );
    for (const [id, labels, metricLabels, lastSeen, metricIds] of recent.getRowsJS()) {
      const entry: SeriesEntry = { id: Number(id), lastTouch: Number(lastSeen), metrics: [] };
      for (const metricId of (metricIds as number[] | null) ?? []) setMetric(entry, metricId);
      this._series.load(String(labels), String(metricLabels), entry);
    }
  }

  /** Forgets series not seen for a while (their return gets a fresh id: harmless). */
  /**
   * Forgets series not seen for a while, by data time (the newest batch written), so a
   * backfill of old batches does not evict what it is writing. Run it in the writer's lane:
   * the dictionary belongs to the write in progress.
   */
  evict(): number {
    return Number.isFinite(this._latest) ? this._series.evict(this._latest) : 0;
  }

  /** Writes batches in one transaction (one batch in normal operation; many to backfill). */
  async write(batches: readonly DataBatch[], signal: AbortSignal): Promise<SampleWriteResult> {
    throwIfAborted(signal);
    const connection = this._connection;
    const seriesPlan = this._series.begin();
    const metricPlan = this._metrics.begin();
    await connection.run('BEGIN TRANSACTION');
    let samples: SampleAppender | undefined;
    try {
      samples = new SampleAppender(await connection.createAppender('hot'));
      for (const batch of batches) {
        seriesPlan.at(batch.timestamp);
        samples.setTimestamp(batch.timestamp);
        await appendBatch(this._rowLabels, batch, seriesPlan, metricPlan, samples, signal);
      }
      const rows = samples.finish();
      samples = undefined;
      await this._writeDictionaries(seriesPlan, metricPlan);
      throwIfAborted(signal);
      await connection.run('COMMIT');
      this._metrics.commit(metricPlan);
      this._latest = Math.max(this._latest, seriesPlan.latest);
      const days = [...new Set(batches.map(batch => dayOf(batch.timestamp)))];
      return { rows, days, newSeries: seriesPlan.newSeries.length };
    } catch (error) {
      seriesPlan.rollback();
      samples?.abandon();
      await connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async _writeDictionaries(series: SeriesPlan, metrics: MetricPlan) {
    const connection = this._connection;
    for (const metric of metrics.newMetrics) {
      await connection.run('INSERT INTO metrics VALUES ($1, $2, $3, $4, $5)', [
        metric.id,
        metric.name,
        metric.type,
        metric.valueType,
        metric.units,
      ]);
    }
    if (series.newSeries.length > 0) {
      const appender = await connection.createAppender('series');
      for (const row of series.newSeries) appendSeriesRow(appender, row);
      appender.closeSync();
    }
    if (series.newPairs.length > 0) {
      const pairs = new PairAppender(await connection.createAppender('series_metrics'));
      for (let i = 0; i < series.newPairs.length; i += 2) {
        pairs.push(series.newPairs[i] as number, series.newPairs[i + 1] as number);
      }
      pairs.finish();
    }
    if (series.touched.length > 0) {
      const appender = await connection.createAppender('touch_ids', 'main', 'temp');
      for (const id of new Set(series.touched)) {
        appender.appendInteger(id);
        appender.endRow();
      }
      appender.closeSync();
      await connection.run(
        `UPDATE series SET last_seen = greatest(last_seen, ${timestampSql(series.latest)})
         FROM touch_ids WHERE series.series_id = touch_ids.id;
         DELETE FROM touch_ids;`,
      );
    }
  }
}

type RowAppender = Awaited<ReturnType<DuckDBConnection['createAppender']>>;

function appendSeriesRow(appender: RowAppender, row: SeriesRow) {
  const time = new DuckDBTimestampValue(BigInt(Math.round(row.seen)) * 1000n);
  appender.appendInteger(row.id);
  appender.appendVarchar(row.type);
  appender.appendVarchar(row.namespace);
  appender.appendVarchar(row.pod);
  appender.appendVarchar(row.podId);
  appender.appendVarchar(row.container);
  appender.appendVarchar(row.node);
  appender.appendVarchar(row.labels);
  appender.appendVarchar(row.metricLabels);
  appender.appendTimestamp(time);
  appender.appendTimestamp(time);
  appender.endRow();
}

/** Walks the batch column by column (every set value, then every labeled value). */
async function appendBatch(
  rowLabels: RowLabelCache,
  batch: DataBatch,
  series: SeriesPlan,
  metrics: MetricPlan,
  samples: SampleAppender,
  signal: AbortSignal,
): Promise<void> {
  const labelIds = new Map<EntityType, number[]>();
  const memo = new Map<EntityType, (RowLabels | undefined)[]>();
  const labelsOf = (type: EntityType, row: number): RowLabels => {
    let rows = memo.get(type);
    if (rows === undefined) {
      memo.set(type, (rows = []));
      labelIds.set(type, batch.table(type).labelIds());
    }
    return (rows[row] ??= rowLabels.labelsOf(batch, type, row, labelIds.get(type) ?? []));
  };
  let work = 0;
  for (const table of batch.tables()) {
    const type = table.type;
    const entries: (SeriesEntry | undefined)[] = [];
    for (const metricId of table.metricIds()) {
      const descriptor = batch.metrics.byId(metricId);
      const column = table.column(metricId);
      if (descriptor === undefined || column === undefined) continue;
      const storedId = metrics.resolve(descriptor);
      for (let row = 0; row < table.size; row++) {
        const value = column[row] as number;
        if (value !== value) continue; // NaN: not set
        let entry = entries[row];
        if (entry === undefined) {
          const labels = labelsOf(type, row);
          entry = series.resolve(
            labels.json,
            PLAIN,
            id => describeRow(batch, type, row, id, labels.json, PLAIN),
            labels,
          );
          entries[row] = entry;
        }
        series.addMetric(entry, storedId);
        samples.push(storedId, entry.id, value);
        if (++work % YIELD_EVERY === 0) {
          await yieldToEventLoop();
          throwIfAborted(signal);
        }
      }
    }
  }
  const labelSets = new Map<number, string>();
  const labeled = batch.labeled;
  for (let i = 0; i < labeled.size; i++) {
    const value = labeled.value(i);
    if (value !== value) continue;
    const descriptor = batch.metrics.byId(labeled.metricId(i));
    if (descriptor === undefined) continue;
    const type = labeled.entityType(i);
    const row = labeled.row(i);
    const setId = labeled.labelSetId(i);
    let metricLabels = labelSets.get(setId);
    if (metricLabels === undefined) {
      metricLabels = labelSetJson(batch.labelSets.get(setId));
      labelSets.set(setId, metricLabels);
    }
    const labels = labelsOf(type, row);
    const ml = metricLabels;
    const entry = series.resolve(
      labels.json,
      ml,
      id => describeRow(batch, type, row, id, labels.json, ml),
      labels,
    );
    const storedId = metrics.resolve(descriptor);
    series.addMetric(entry, storedId);
    samples.push(storedId, entry.id, value);
    if (++work % YIELD_EVERY === 0) {
      await yieldToEventLoop();
      throwIfAborted(signal);
    }
  }
}
