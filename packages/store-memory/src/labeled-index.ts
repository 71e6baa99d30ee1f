import { ENTITY_TYPES, type DataBatch, type EntityType } from '@heapster/model';

/**
 * The labeled values of a batch grouped by metric set: for each entity type, an offsets array
 * (rows + 1) into one `order` array of value indices (compressed sparse rows).
 *
 * Why not `LabeledValues.indicesOf`: that index holds a JavaScript array per metric set, and it
 * would live inside every batch the store keeps. This one is two typed arrays, 4 bytes per
 * labeled value plus 4 per row, built on the first labeled query of a batch.
 */
export class LabeledIndex {
  private readonly _offsets: Uint32Array[];
  private readonly _order: Uint32Array;

  constructor(batch: DataBatch) {
    const labeled = batch.labeled;
    this._offsets = ENTITY_TYPES.map(type => new Uint32Array(batch.table(type).size + 1));
    let valid = 0;
    for (let i = 0; i < labeled.size; i++) {
      const offsets = this._offsets[labeled.entityType(i)];
      const row = labeled.row(i);
      if (offsets === undefined || row + 1 >= offsets.length) continue;
      offsets[row + 1] = (offsets[row + 1] as number) + 1;
      valid++;
    }
    // Prefix sums per type, continuing across types so that all share one `order` array.
    let total = 0;
    for (const offsets of this._offsets) {
      offsets[0] = total;
      for (let row = 1; row < offsets.length; row++) {
        total += offsets[row] as number;
        offsets[row] = total;
      }
    }
    this._order = new Uint32Array(valid);
    const cursor = this._offsets.map(offsets => offsets.slice(0, -1));
    for (let i = 0; i < labeled.size; i++) {
      const next = cursor[labeled.entityType(i)];
      const row = labeled.row(i);
      if (next === undefined || row >= next.length) continue;
      const at = next[row] as number;
      this._order[at] = i;
      next[row] = at + 1;
    }
  }

  /** Visits the indices (into `batch.labeled`) of one metric set's labeled values, in insertion order. */
  forEachIndex(type: EntityType, row: number, visit: (index: number) => void): void {
    const offsets = this._offsets[type];
    if (offsets === undefined || row < 0 || row + 1 >= offsets.length) return;
    const end = offsets[row + 1] as number;
    for (let at = offsets[row] as number; at < end; at++) visit(this._order[at] as number);
  }

  byteSize(): number {
    let bytes = this._order.byteLength;
    for (const offsets of this._offsets) bytes += offsets.byteLength;
    return bytes;
  }
}
