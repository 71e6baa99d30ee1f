import { recycledFits } from './column-arrays.js';
import type { EntityType } from './entity-type.js';

const INITIAL_CAPACITY = 64;
/** Bytes a value costs (metric id, value) and a run costs (type, row, label set, start). */
const VALUE_BYTES = 2 + 8;
const RUN_BYTES = 1 + 4 + 4 + 4;

/** One labeled value, as handed to `forEach` callbacks (fields, not a stored object). */
export type LabeledValueVisitor = (
  entityType: EntityType,
  row: number,
  metricId: number,
  labelSetId: number,
  value: number,
) => void;

/**
 * The values of labeled metrics (filesystem/* per resource_id, accelerator/* per device,
 * custom metrics with their own labels), as runs: consecutive values of one metric set with one
 * label set share a run that holds their (entity type, row, label set) once. A filesystem's five
 * values are one run, so a value costs 10 bytes plus a fifth of the run's 13, not the 19 it cost
 * with the coordinates per value (at 100,000 pods, ≈ 2 million values a batch: 40 → 25 MB).
 *
 * Why not columns like EntityTable: a labeled metric's series per entity vary (one pod has
 * three volumes, the next none), so a column per (metric, label set) would be mostly empty and
 * unbounded in number. Runs refer to their metric set by (entity type, row).
 *
 * Access by index finds the index's run from the run of the previous access (the next one, or
 * a binary search), so loops over the indices in order cost no search.
 */
export class LabeledValues {
  private _size = 0;
  private _capacity: number;
  private _metric: Uint16Array;
  private _value: Float64Array;
  private _runs = 0;
  private _runCapacity: number;
  private _runType: Uint8Array;
  private _runRow: Uint32Array;
  private _runLabelSet: Uint32Array;
  private _runStart: Uint32Array;
  /** The run of the last index looked up. */
  private _cursor = 0;
  private _byEntity: Map<number, number[]> | undefined;

  /**
   * `capacity`: the values expected, `runCapacity` the runs (a quarter of the values when not
   * given), allocated once (growth doubles and copies). `recycle`: values nobody reads any more
   * (see DataBatchOptions.reuse), whose arrays are taken when they fit (every cell is written
   * again by `add`), leaving it empty.
   */
  constructor(capacity = INITIAL_CAPACITY, recycle?: LabeledValues, runCapacity?: number) {
    const initial = Math.max(1, Math.ceil(capacity));
    const initialRuns = Math.max(1, Math.ceil(runCapacity ?? initial / 4));
    const valuesFit = recycle !== undefined && recycledFits(recycle._capacity, initial);
    const runsFit = recycle !== undefined && recycledFits(recycle._runCapacity, initialRuns);
    this._capacity = valuesFit ? recycle._capacity : initial;
    this._metric = valuesFit ? recycle._metric : new Uint16Array(initial);
    this._value = valuesFit ? recycle._value : new Float64Array(initial);
    this._runCapacity = runsFit ? recycle._runCapacity : initialRuns;
    this._runType = runsFit ? recycle._runType : new Uint8Array(initialRuns);
    this._runRow = runsFit ? recycle._runRow : new Uint32Array(initialRuns);
    this._runLabelSet = runsFit ? recycle._runLabelSet : new Uint32Array(initialRuns);
    this._runStart = runsFit ? recycle._runStart : new Uint32Array(initialRuns);
    recycle?._release();
  }

  get size(): number {
    return this._size;
  }

  /** Runs held: what the next batch's `runCapacity` is sized from. */
  get runCount(): number {
    return this._runs;
  }

  reserve(rows: number): void {
    this._ensureCapacity(this._size + rows);
  }

  add(
    entityType: EntityType,
    row: number,
    metricId: number,
    labelSetId: number,
    value: number,
  ): number {
    if (metricId > 0xffff)
      throw new RangeError(`metric id ${metricId} does not fit a labeled value`);
    this._ensureCapacity(this._size + 1);
    const last = this._runs - 1;
    if (
      last < 0 ||
      this._runType[last] !== entityType ||
      this._runRow[last] !== row ||
      this._runLabelSet[last] !== labelSetId
    ) {
      this._newRun(entityType, row, labelSetId);
    }
    const index = this._size++;
    this._metric[index] = metricId;
    this._value[index] = value;
    if (this._byEntity !== undefined) appendTo(this._byEntity, entityRef(entityType, row), index);
    return index;
  }

  entityType(index: number): EntityType {
    return this._runType[this._runOf(index)] as EntityType;
  }
  row(index: number): number {
    return this._runRow[this._runOf(index)] as number;
  }
  metricId(index: number): number {
    return this._metric[index] as number;
  }
  labelSetId(index: number): number {
    return this._runLabelSet[this._runOf(index)] as number;
  }
  value(index: number): number {
    return this._value[index] as number;
  }

  forEach(visit: LabeledValueVisitor): void {
    for (let run = 0; run < this._runs; run++) {
      const type = this._runType[run] as EntityType;
      const row = this._runRow[run] as number;
      const labelSet = this._runLabelSet[run] as number;
      const end = run + 1 < this._runs ? (this._runStart[run + 1] as number) : this._size;
      for (let i = this._runStart[run] as number; i < end; i++) {
        visit(type, row, this._metric[i] as number, labelSet, this._value[i] as number);
      }
    }
  }

  /** Indices of the labeled values of one metric set (an index is built on first use). */
  indicesOf(entityType: EntityType, row: number): readonly number[] {
    if (this._byEntity === undefined) {
      const index = new Map<number, number[]>();
      this.forEachIndex((type, typeRow, i) => appendTo(index, entityRef(type, typeRow), i));
      this._byEntity = index;
    }
    return this._byEntity.get(entityRef(entityType, row)) ?? [];
  }

  byteSize(): number {
    return this._capacity * VALUE_BYTES + this._runCapacity * RUN_BYTES;
  }

  private forEachIndex(visit: (type: EntityType, row: number, index: number) => void): void {
    for (let run = 0; run < this._runs; run++) {
      const end = run + 1 < this._runs ? (this._runStart[run + 1] as number) : this._size;
      for (let i = this._runStart[run] as number; i < end; i++) {
        visit(this._runType[run] as EntityType, this._runRow[run] as number, i);
      }
    }
  }

  /**
   * The run holding `index` (< size): the cursor's run, the one after it, or a binary search.
   * An index past the values answers the last run.
   */
  private _runOf(index: number): number {
    const starts = this._runStart;
    const runs = this._runs;
    let run = this._cursor;
    if (run < runs && (starts[run] as number) <= index) {
      if (run + 1 >= runs || index < (starts[run + 1] as number)) return run;
      run++;
      if (run + 1 >= runs || index < (starts[run + 1] as number)) {
        this._cursor = run;
        return run;
      }
    }
    let low = 0;
    let high = runs - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((starts[middle] as number) <= index) low = middle;
      else high = middle - 1;
    }
    this._cursor = low;
    return low;
  }

  private _newRun(entityType: EntityType, row: number, labelSetId: number): void {
    if (this._runs >= this._runCapacity) {
      const capacity = this._runCapacity * 2;
      this._runType = copyInto(new Uint8Array(capacity), this._runType);
      this._runRow = copyInto(new Uint32Array(capacity), this._runRow);
      this._runLabelSet = copyInto(new Uint32Array(capacity), this._runLabelSet);
      this._runStart = copyInto(new Uint32Array(capacity), this._runStart);
      this._runCapacity = capacity;
    }
    const run = this._runs++;
    this._runType[run] = entityType;
    this._runRow[run] = row;
    this._runLabelSet[run] = labelSetId;
    this._runStart[run] = this._size;
  }

  // Left empty: a reader that kept these values finds none, never the next batch's.
  private _release(): void {
    this._size = 0;
    this._capacity = 1;
    this._metric = new Uint16Array(1);
    this._value = new Float64Array(1);
    this._runs = 0;
    this._runCapacity = 1;
    this._runType = new Uint8Array(1);
    this._runRow = new Uint32Array(1);
    this._runLabelSet = new Uint32Array(1);
    this._runStart = new Uint32Array(1);
    this._cursor = 0;
    this._byEntity = undefined;
  }

  private _ensureCapacity(needed: number): void {
    if (needed <= this._capacity) return;
    let capacity = this._capacity;
    while (capacity < needed) capacity *= 2;
    this._metric = copyInto(new Uint16Array(capacity), this._metric);
    this._value = copyInto(new Float64Array(capacity), this._value);
    this._capacity = capacity;
  }
}

// Entity type in the top bits of a safe integer: rows stay below 2^32.
function entityRef(entityType: EntityType, row: number): number {
  return entityType * 0x1_0000_0000 + row;
}

function appendTo(index: Map<number, number[]>, ref: number, value: number): void {
  const list = index.get(ref);
  if (list === undefined) index.set(ref, [value]);
  else list.push(value);
}

function copyInto<T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(
  target: T,
  source: T,
): T {
  target.set(source);
  return target;
}
