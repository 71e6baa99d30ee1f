import type { StringTable } from '@heapster/model';
import type { IdentityStrings } from './identity-strings.js';

const UNTRANSLATED = -2;
const UNKNOWN = -1;

/**
 * Batch string ids → the store's identity ids, cached across batches that share a StringTable
 * (as the core's do), so that a steady cluster is filed without a single string lookup.
 *
 * A cached id is trusted only while the store still holds the same string under it (its last
 * series may have gone and the id been reused): checking costs two array reads and a pointer
 * comparison. "Unknown to the store" is cached for one batch only, since the batch itself may
 * create the series that makes it known.
 */
export class StringTranslation {
  private _table: StringTable | undefined;
  private _ids = new Int32Array(0);

  constructor(private readonly _store: IdentityStrings) {}

  /** Prepares for a batch over `table`. */
  begin(table: StringTable): void {
    if (table !== this._table) {
      this._table = table;
      this._ids = new Int32Array(table.size).fill(UNTRANSLATED);
      return;
    }
    const ids = this._ids;
    for (let i = 0; i < ids.length; i++) if (ids[i] === UNKNOWN) ids[i] = UNTRANSLATED;
    if (table.size > ids.length) {
      this._ids = new Int32Array(Math.ceil(table.size * 1.25)).fill(UNTRANSLATED);
      this._ids.set(ids);
    }
  }

  /** The store's id of batch string `id`, or -1 when the store holds no series naming it. */
  storeId(id: number): number {
    if (id === 0) return 0;
    const table = this._table as StringTable;
    const cached = this._ids[id] as number;
    if (cached === UNKNOWN) return UNKNOWN;
    const value = table.get(id);
    if (cached >= 0 && this._store.get(cached) === value) return cached;
    const translated = this._store.idOf(value);
    this._ids[id] = translated;
    return translated;
  }

  byteSize(): number {
    return this._ids.byteLength;
  }
}
