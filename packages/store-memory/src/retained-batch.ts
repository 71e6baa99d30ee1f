import { ENTITY_TYPES, type DataBatch, type EntityType } from '@heapster/model';
import { LabeledIndex } from './labeled-index.js';
import type { LatestBatch, RateWindowOf } from './metric-store.js';

/**
 * A batch of the short window, with what the store needs to query it without touching the
 * batch's own lazy indices (which would grow every batch held): the row of each ring slot, the
 * rate windows while it is the newest, and a labeled-value index built on first use.
 */
export class RetainedBatch implements LatestBatch {
  readonly batch: DataBatch;
  private readonly _rowBySlot: Int32Array;
  private _windows: Float64Array[] | undefined;
  private _labeled: LabeledIndex | undefined;

  /** `slotsByType[type][row]` is the ring slot of each row; `slotCapacity` bounds the slots. */
  constructor(
    batch: DataBatch,
    slotsByType: readonly Int32Array[],
    slotCapacity: number,
    windows: RateWindowOf | undefined,
  ) {
    this.batch = batch;
    this._rowBySlot = new Int32Array(slotCapacity).fill(-1);
    for (const slots of slotsByType) {
      for (let row = 0; row < slots.length; row++) this._rowBySlot[slots[row] as number] = row;
    }
    if (windows !== undefined)
      this._windows = ENTITY_TYPES.map(type => windowColumn(batch, type, windows));
  }

  get timestamp(): number {
    return this.batch.timestamp;
  }

  /** The row of the series in this batch, or -1 (a slot newer than the batch is absent from it). */
  rowOf(slot: number): number {
    return slot >= 0 && slot < this._rowBySlot.length ? (this._rowBySlot[slot] as number) : -1;
  }

  rateWindowMs(type: EntityType, row: number): number {
    return this._windows?.[type]?.[row] ?? Number.NaN;
  }

  /** Rate windows are served for the newest batch only; older batches let them go. */
  releaseWindows(): void {
    this._windows = undefined;
  }

  labeledIndex(): LabeledIndex {
    this._labeled ??= new LabeledIndex(this.batch);
    return this._labeled;
  }

  /** Bytes of the store's own arrays for this batch (the batch itself not included). */
  indexBytes(): number {
    let bytes = this._rowBySlot.byteLength + (this._labeled?.byteSize() ?? 0);
    for (const column of this._windows ?? []) bytes += column.byteLength;
    return bytes;
  }
}

function windowColumn(batch: DataBatch, type: EntityType, windows: RateWindowOf): Float64Array {
  const size = batch.table(type).size;
  const column = new Float64Array(size);
  for (let row = 0; row < size; row++) {
    const ms = windows(type, row);
    column[row] = typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : Number.NaN;
  }
  return column;
}
