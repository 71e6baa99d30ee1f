import { entityKey, type EntityKeyParts, type EntityType } from './entity-type.js';
import {
  grow,
  nanArray,
  presentIds,
  recycledFits,
  setColumn,
  type TakenColumns,
} from './column-arrays.js';
import type { StringTable } from './string-table.js';

/** The identity parts of a metric set, stored as string ids in dedicated columns. */
export type IdentityPart = 'namespace' | 'pod' | 'container' | 'node';
const IDENTITY_PARTS: readonly IdentityPart[] = ['namespace', 'pod', 'container', 'node'];

const INITIAL_CAPACITY = 16;

/**
 * All metric sets of one entity type in a batch, stored column-wise ("struct of arrays").
 *
 * Why columns: a batch of 500,000 pods holds ~1.5 million metric sets and ~30 million values.
 * One JavaScript object per value (Heapster's `map[string]MetricValue`) would cost ~50 bytes of
 * heap each plus GC pressure; here a value is 8 bytes in a Float64Array owned by its metric's
 * column, a label is 4 bytes (an interned string id) in a Uint32Array, and a metric set is a
 * row index. Absent values are NaN; absent labels are string id 0 (""). Columns are created on
 * first use, so a metric no row of this type carries costs nothing.
 */
export class EntityTable {
  readonly type: EntityType;
  private readonly _strings: StringTable;
  private _size = 0;
  private _capacity: number;
  private _identity: Record<IdentityPart, Uint32Array>;
  // Columns by metric id and by label id: arrays, not Maps, because a decoder sets sixty values
  // a pod and an indexed load is several times cheaper than a hash lookup per value.
  private _values: (Float64Array | undefined)[] = [];
  private _labels: (Uint32Array | undefined)[] = [];
  // Columns taken from a recycled table, handed out when their metric or label is first set;
  // rows below `_spareRows` still hold the old table's cells and are cleared then.
  private _spareValues: (Float64Array | undefined)[] = [];
  private _spareLabels: (Uint32Array | undefined)[] = [];
  private _spareRows = 0;
  private _createTime: Float64Array;
  private _collectionStartTime: Float64Array;
  private _scrapeTime: Float64Array;
  private _index: Map<string, number> | undefined;

  /**
   * `recycle`: a table of the same type that nobody reads any more (see DataBatchOptions.reuse).
   * Its columns are taken when they fit `capacity` (see recycledFits), and it is
   * left empty.
   */
  constructor(
    type: EntityType,
    strings: StringTable,
    capacity = INITIAL_CAPACITY,
    recycle?: EntityTable,
  ) {
    this.type = type;
    this._strings = strings;
    this._capacity = Math.max(1, capacity);
    if (recycle !== undefined && recycle.type === type) {
      const fits = recycledFits(recycle._capacity, this._capacity);
      if (fits) this._capacity = recycle._capacity;
      const taken = recycle._release();
      if (fits) {
        this._identity = taken.identity;
        this._createTime = taken.createTime;
        this._collectionStartTime = taken.collectionStartTime;
        this._scrapeTime = taken.scrapeTime;
        this._spareValues = taken.values;
        this._spareLabels = taken.labels;
        this._spareRows = taken.rows;
        return;
      }
    }
    this._identity = {
      namespace: new Uint32Array(this._capacity),
      pod: new Uint32Array(this._capacity),
      container: new Uint32Array(this._capacity),
      node: new Uint32Array(this._capacity),
    };
    this._createTime = nanArray(this._capacity);
    this._collectionStartTime = nanArray(this._capacity);
    this._scrapeTime = nanArray(this._capacity);
  }

  get size(): number {
    return this._size;
  }

  /** Grows the columns so that `rows` more rows fit without reallocation. */
  reserve(rows: number): void {
    this._ensureCapacity(this._size + rows);
  }

  /** Appends a metric set; returns its row. Parts not meaningful for the type may be omitted. */
  addRow(parts: EntityKeyParts): number {
    this._ensureCapacity(this._size + 1);
    const row = this._size++;
    for (const part of IDENTITY_PARTS) {
      const value = parts[part];
      if (value !== undefined && value !== '')
        this._identity[part][row] = this._strings.intern(value);
    }
    this._index?.set(this.key(row), row);
    return row;
  }

  /**
   * addRow with the parts already interned in this table's strings (0 = absent): a decoder that
   * writes a pod and its containers interns the pod's names once, not once per row.
   */
  addRowIds(namespace: number, pod: number, container: number, node: number): number {
    this._ensureCapacity(this._size + 1);
    const row = this._size++;
    const identity = this._identity;
    identity.namespace[row] = namespace;
    identity.pod[row] = pod;
    identity.container[row] = container;
    identity.node[row] = node;
    this._index?.set(this.key(row), row);
    return row;
  }

  identity(row: number, part: IdentityPart): string {
    return this._strings.get(this._identity[part][row] ?? 0);
  }

  /** The string id of an identity part (0 = empty); cheap to compare within one string table. */
  identityId(row: number, part: IdentityPart): number {
    return this._identity[part][row] ?? 0;
  }

  /** Sets an identity part after the fact (e.g. the pod enricher filling in a container's node). */
  setIdentity(row: number, part: IdentityPart, value: string): void {
    this._checkRow(row);
    const before = this._index !== undefined ? this.key(row) : undefined;
    this._identity[part][row] = this._strings.intern(value);
    if (before !== undefined) {
      this._index?.delete(before);
      this._index?.set(this.key(row), row);
    }
  }

  /** Heapster's metric-set key of a row, e.g. `namespace:kube-system/pod:dns/container:dns`. */
  key(row: number): string {
    return entityKey(this.type, {
      namespace: this.identity(row, 'namespace'),
      pod: this.identity(row, 'pod'),
      container: this.identity(row, 'container'),
      node: this.identity(row, 'node'),
    });
  }

  /** The row of the metric set with these identity parts, or -1. Builds a key index on first use. */
  rowOf(parts: EntityKeyParts): number {
    if (this._index === undefined) {
      this._index = new Map();
      for (let row = 0; row < this._size; row++) this._index.set(this.key(row), row);
    }
    return this._index.get(entityKey(this.type, parts)) ?? -1;
  }

  value(row: number, metricId: number): number {
    const column = this._values[metricId];
    return column === undefined || row >= this._size ? Number.NaN : (column[row] as number);
  }

  has(row: number, metricId: number): boolean {
    return !Number.isNaN(this.value(row, metricId));
  }

  setValue(row: number, metricId: number, value: number): void {
    this._checkRow(row);
    let column = this._values[metricId];
    if (column === undefined) {
      column = this._spareValues[metricId]?.fill(Number.NaN, 0, this._spareRows);
      column ??= nanArray(this._capacity);
      setColumn(this._values, metricId, column);
    }
    column[row] = value;
  }

  /** Adds to a value, treating absent as 0 (the aggregators' sum). */
  addValue(row: number, metricId: number, value: number): void {
    const current = this.value(row, metricId);
    this.setValue(row, metricId, Number.isNaN(current) ? value : current + value);
  }

  /** The raw column of a metric (valid for rows < size), or undefined when no row has it. */
  column(metricId: number): Float64Array | undefined {
    return this._values[metricId];
  }

  /** Ids of the metrics that have a column in this table, ascending. */
  metricIds(): number[] {
    return presentIds(this._values);
  }

  label(row: number, labelId: number): string {
    const column = this._labels[labelId];
    return column === undefined ? '' : this._strings.get(column[row] ?? 0);
  }

  /** The string id of a label (0 = empty); cheap to compare within one string table. */
  labelStringId(row: number, labelId: number): number {
    const column = this._labels[labelId];
    return column === undefined ? 0 : (column[row] ?? 0);
  }

  setLabel(row: number, labelId: number, value: string): void {
    this.setLabelStringId(row, labelId, this._strings.intern(value));
  }

  /** setLabel with the value already interned in this table's strings. */
  setLabelStringId(row: number, labelId: number, stringId: number): void {
    this._checkRow(row);
    let column = this._labels[labelId];
    if (column === undefined) {
      column = this._spareLabels[labelId]?.fill(0, 0, this._spareRows);
      column ??= new Uint32Array(this._capacity);
      setColumn(this._labels, labelId, column);
    }
    column[row] = stringId;
  }

  /** Ids of the (non-identity) labels that have a column in this table, ascending. */
  labelIds(): number[] {
    return presentIds(this._labels);
  }

  /** When the entity was created (pod start, container start, node boot): ms since epoch, NaN if unknown. */
  createTime(row: number): number {
    return this._createTime[row] ?? Number.NaN;
  }
  setCreateTime(row: number, ms: number): void {
    this._checkRow(row);
    this._createTime[row] = ms;
  }

  /** Start of the interval a cumulative value counts over (Heapster's CollectionStartTime). */
  collectionStartTime(row: number): number {
    return this._collectionStartTime[row] ?? Number.NaN;
  }
  setCollectionStartTime(row: number, ms: number): void {
    this._checkRow(row);
    this._collectionStartTime[row] = ms;
  }

  /** When the source sampled the values of this row (Heapster's ScrapeTime). */
  scrapeTime(row: number): number {
    return this._scrapeTime[row] ?? Number.NaN;
  }
  setScrapeTime(row: number, ms: number): void {
    this._checkRow(row);
    this._scrapeTime[row] = ms;
  }

  /** Bytes held by the typed columns (for the benchmark and self-metrics). */
  byteSize(): number {
    let bytes = this._capacity * (4 * 4 + 3 * 8);
    for (const column of this._values) bytes += column?.byteLength ?? 0;
    for (const column of this._labels) bytes += column?.byteLength ?? 0;
    return bytes;
  }

  private _checkRow(row: number): void {
    if (!Number.isInteger(row) || row < 0 || row >= this._size) {
      throw new RangeError(`row ${row} is outside the table (size ${this._size})`);
    }
  }

  /** Gives up every column (cleared where written) to a table that recycles this one. */
  private _release(): TakenColumns {
    const rows = this._size;
    const identity = this._identity;
    for (const part of IDENTITY_PARTS) identity[part].fill(0, 0, rows);
    const taken: TakenColumns = {
      rows,
      identity,
      createTime: this._createTime.fill(Number.NaN, 0, rows),
      collectionStartTime: this._collectionStartTime.fill(Number.NaN, 0, rows),
      scrapeTime: this._scrapeTime.fill(Number.NaN, 0, rows),
      // Columns this table never used leave with it: they are dropped, not passed on.
      values: this._values,
      labels: this._labels,
    };
    // Left empty: a reader that kept this table finds no rows, never the next batch's cells.
    this._size = 0;
    this._capacity = 1;
    this._identity = {
      namespace: new Uint32Array(1),
      pod: new Uint32Array(1),
      container: new Uint32Array(1),
      node: new Uint32Array(1),
    };
    this._createTime = nanArray(1);
    this._collectionStartTime = nanArray(1);
    this._scrapeTime = nanArray(1);
    this._values = [];
    this._labels = [];
    this._spareValues = [];
    this._spareLabels = [];
    this._index = undefined;
    return taken;
  }

  private _ensureCapacity(needed: number): void {
    if (needed <= this._capacity) return;
    // Spare columns are the old capacity: growing leaves them behind.
    this._spareValues = [];
    this._spareLabels = [];
    let capacity = this._capacity;
    while (capacity < needed) capacity *= 2;
    for (const part of IDENTITY_PARTS)
      this._identity[part] = grow(this._identity[part], capacity, 0);
    const values = this._values;
    for (let id = 0; id < values.length; id++) {
      const column = values[id];
      if (column !== undefined) values[id] = grow(column, capacity, Number.NaN);
    }
    const labels = this._labels;
    for (let id = 0; id < labels.length; id++) {
      const column = labels[id];
      if (column !== undefined) labels[id] = grow(column, capacity, 0);
    }
    this._createTime = grow(this._createTime, capacity, Number.NaN);
    this._collectionStartTime = grow(this._collectionStartTime, capacity, Number.NaN);
    this._scrapeTime = grow(this._scrapeTime, capacity, Number.NaN);
    this._capacity = capacity;
  }
}
