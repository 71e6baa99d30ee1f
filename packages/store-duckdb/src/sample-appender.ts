import type {
  DuckDBDoubleVector,
  DuckDBIntegerVector,
  DuckDBSmallIntVector,
  DuckDBTimestampVector,
} from '@duckdb/node-api';
import {
  DOUBLE,
  DuckDBDataChunk,
  DuckDBTimestampValue,
  INTEGER,
  SMALLINT,
  TIMESTAMP,
  type DuckDBAppender,
} from '@duckdb/node-api';

/** Rows per data chunk: DuckDB's vector size, the most one chunk can hold. */
export const CHUNK_ROWS = 2048;

interface Vectors {
  readonly metric: DuckDBSmallIntVector;
  readonly series: DuckDBIntegerVector;
  readonly ts: DuckDBTimestampVector;
  readonly value: DuckDBDoubleVector;
}

/**
 * Appends (metric_id, series_id, ts, value) rows in data chunks of 2,048 rows: the values go
 * into typed arrays and each chunk costs one native call, where the row-at-a-time appender API
 * costs four calls per row. All rows of a batch share its timestamp, so the ts vector is filled
 * when the timestamp changes, not per row.
 */
export class SampleAppender {
  private readonly _appender: DuckDBAppender;
  private readonly _chunk = DuckDBDataChunk.create(
    [SMALLINT, INTEGER, TIMESTAMP, DOUBLE],
    CHUNK_ROWS,
  );
  private _vectors: Vectors;
  private _timestamp = new DuckDBTimestampValue(0n);
  private _n = 0;
  private _rows = 0;
  private _chunks = 0;

  constructor(appender: DuckDBAppender) {
    this._appender = appender;
    this._vectors = this._fetchVectors();
  }

  /** The time of the rows pushed from now on (a batch's timestamp). */
  setTimestamp(ms: number): void {
    const micros = BigInt(Math.round(ms)) * 1000n;
    if (micros === this._timestamp.micros) return;
    this._timestamp = new DuckDBTimestampValue(micros);
    const ts = this._vectors.ts;
    for (let i = this._n; i < CHUNK_ROWS; i++) ts.setItem(i, this._timestamp);
  }

  /** Rows appended so far. */
  get rows(): number {
    return this._rows;
  }

  /** Chunks handed to DuckDB so far (the writer yields to the event loop every few). */
  get chunks(): number {
    return this._chunks;
  }

  push(metricId: number, seriesId: number, value: number): void {
    const n = this._n;
    const vectors = this._vectors;
    vectors.metric.setItem(n, metricId);
    vectors.series.setItem(n, seriesId);
    vectors.value.setItem(n, value);
    this._n = n + 1;
    if (this._n === CHUNK_ROWS) this._emit();
  }

  /** Appends the last partial chunk and closes the appender (its rows join the transaction). */
  finish(): number {
    if (this._n > 0) this._emit();
    this._appender.closeSync();
    return this._rows;
  }

  /** Drops the appender without flushing (the transaction is being rolled back anyway). */
  abandon(): void {
    try {
      this._appender.clear();
      this._appender.closeSync();
    } catch {
      // The rollback discards whatever the appender held.
    }
  }

  private _emit(): void {
    const n = this._n;
    const { metric, series, ts, value } = this._vectors;
    metric.flush();
    series.flush();
    ts.flush();
    value.flush();
    const partial = n < CHUNK_ROWS;
    // A partial chunk: set the row count after flushing (it resets the cached vectors).
    if (partial) this._chunk.rowCount = n;
    this._appender.appendDataChunk(this._chunk);
    this._rows += n;
    this._chunks++;
    this._n = 0;
    if (partial) {
      this._chunk.rowCount = CHUNK_ROWS;
      this._vectors = this._fetchVectors();
    }
  }

  private _fetchVectors(): Vectors {
    const vectors: Vectors = {
      metric: this._chunk.getColumnVector(0) as DuckDBSmallIntVector,
      series: this._chunk.getColumnVector(1) as DuckDBIntegerVector,
      ts: this._chunk.getColumnVector(2) as DuckDBTimestampVector,
      value: this._chunk.getColumnVector(3) as DuckDBDoubleVector,
    };
    for (let i = 0; i < CHUNK_ROWS; i++) vectors.ts.setItem(i, this._timestamp);
    return vectors;
  }
}

/** Appends (series_id, metric_id) rows of series_metrics in data chunks. */
export class PairAppender {
  private readonly _appender: DuckDBAppender;
  private readonly _chunk = DuckDBDataChunk.create([INTEGER, SMALLINT], CHUNK_ROWS);
  private _series = this._chunk.getColumnVector(0) as DuckDBIntegerVector;
  private _metric = this._chunk.getColumnVector(1) as DuckDBSmallIntVector;
  private _n = 0;

  constructor(appender: DuckDBAppender) {
    this._appender = appender;
  }

  push(seriesId: number, metricId: number): void {
    this._series.setItem(this._n, seriesId);
    this._metric.setItem(this._n, metricId);
    if (++this._n === CHUNK_ROWS) this._emit();
  }

  finish(): void {
    if (this._n > 0) this._emit();
    this._appender.closeSync();
  }

  private _emit(): void {
    this._series.flush();
    this._metric.flush();
    if (this._n < CHUNK_ROWS) this._chunk.rowCount = this._n;
    this._appender.appendDataChunk(this._chunk);
    this._n = 0;
  }
}
