import {
  ENTITY_TYPES,
  type DataBatch,
  type EntityKeyParts,
  type EntityType,
} from '@heapster/model';
import { SeriesIndex } from './series-index.js';
import { SeriesRing } from './series-ring.js';
import type { LongWindowPrecision } from './store-options.js';
import { StringTranslation } from './string-translation.js';

/**
 * The long-window series: which metric set each ring slot holds (`SeriesIndex`) and its
 * values (`SeriesRing`). `ingest` files one batch: it finds or creates the series of every row
 * and writes the kept metrics' columns into the ring.
 */
export class LongWindow {
  readonly ring: SeriesRing;
  private readonly _index = new SeriesIndex();
  private readonly _translation = new StringTranslation(this._index.strings);

  constructor(
    metricIds: readonly number[],
    pointsPerSeries: number,
    precision: LongWindowPrecision,
  ) {
    this.ring = new SeriesRing(metricIds, pointsPerSeries, precision);
  }

  /** Live series. */
  get size(): number {
    return this.ring.size;
  }

  /** Files a batch; returns the slot of every row, per entity type. */
  ingest(batch: DataBatch): Int32Array[] {
    const ring = this.ring;
    ring.begin(batch.timestamp);
    const slotsByType = this._assignSlots(batch);
    for (const type of ENTITY_TYPES) {
      const table = batch.table(type);
      const slots = slotsByType[type] as Int32Array;
      ring.metricIds.forEach((metricId, metric) => {
        const column = table.column(metricId);
        if (column === undefined) return;
        for (let row = 0; row < table.size; row++) {
          const value = column[row] as number;
          if (!Number.isNaN(value)) ring.set(slots[row] as number, metric, value);
        }
      });
    }
    return slotsByType;
  }

  /** Drops the series last seen at or before `cutoff`; returns how many. */
  release(cutoff: number): number {
    return this.ring.release(cutoff, slot => this._index.remove(slot));
  }

  slotOf(type: EntityType, parts: EntityKeyParts): number {
    return this._index.findNamed(
      type,
      parts.namespace ?? '',
      parts.pod ?? '',
      parts.container ?? '',
      parts.node ?? '',
    );
  }

  /** Keys of the series last seen at `timestamp` (the newest batch's metric sets). */
  keysSeenAt(timestamp: number): string[] {
    const keys: string[] = [];
    for (let slot = 0; slot < this.ring.used; slot++) {
      if (this.ring.lastSeen(slot) !== timestamp) continue;
      const key = this._index.key(slot);
      if (key !== undefined) keys.push(key);
    }
    return keys;
  }

  byteSize(): number {
    return this.ring.byteSize() + this._index.byteSize() + this._translation.byteSize();
  }

  /**
   * Existing series are found by integer ids (batch string ids translated to the store's, see
   * `StringTranslation`). New series are counted first so that the ring grows at most once,
   * then filed by name.
   */
  private _assignSlots(batch: DataBatch): Int32Array[] {
    const { ring } = this;
    const index = this._index;
    const translation = this._translation;
    translation.begin(batch.strings);
    const storeId = (batchId: number): number => translation.storeId(batchId);
    const missingTypes: EntityType[] = [];
    const missingRows: number[] = [];
    const slotsByType = ENTITY_TYPES.map(type => {
      const table = batch.table(type);
      const slots = new Int32Array(table.size);
      for (let row = 0; row < table.size; row++) {
        const slot = index.find(
          type,
          storeId(table.identityId(row, 'namespace')),
          storeId(table.identityId(row, 'pod')),
          storeId(table.identityId(row, 'container')),
          storeId(table.identityId(row, 'node')),
        );
        slots[row] = slot;
        if (slot >= 0) ring.markSeen(slot);
        else {
          missingTypes.push(type);
          missingRows.push(row);
        }
      }
      return slots;
    });
    ring.reserve(missingRows.length);
    index.reserveSlots(ring.slotCapacity);
    missingRows.forEach((row, i) => {
      const type = missingTypes[i] as EntityType;
      const table = batch.table(type);
      const ns = table.identity(row, 'namespace');
      const pod = table.identity(row, 'pod');
      const container = table.identity(row, 'container');
      const node = table.identity(row, 'node');
      // Looked up again by name: an earlier row of this batch may have created the series.
      let slot = index.findNamed(type, ns, pod, container, node);
      if (slot >= 0) ring.markSeen(slot);
      else {
        slot = ring.allocate();
        index.insert(type, slot, ns, pod, container, node);
      }
      (slotsByType[type] as Int32Array)[row] = slot;
    });
    return slotsByType;
  }
}
