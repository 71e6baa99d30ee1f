import type {
  DataBatch,
  EntityType,
  IdentityPart,
  LabelRegistry,
  StringTable,
} from '@heapster/model';
import type { NodeHint } from './series-dictionary.js';
import { rowLabelsJson } from './series-keys.js';

const PARTS: readonly IdentityPart[] = ['namespace', 'pod', 'container', 'node'];
/** Past this many remembered rows the cache starts afresh (it is a cache, not a registry). */
const MAX_ROWS = 4_000_000;

/** A row's labels, and where the writer keeps the series node of that metric set. */
export interface RowLabels extends NodeHint {
  readonly json: string;
}

interface Slot extends RowLabels {
  readonly type: EntityType;
  /** The four identity string ids, then (label id, value string id) pairs. */
  readonly ids: readonly number[];
  readonly json: string;
}

/**
 * Remembers each row's canonical label JSON by the row's label *string ids*. The core shares
 * one StringTable across consecutive batches, so a metric set has the same ids batch after
 * batch: one integer Map probe and a few comparisons replace building, sorting and hashing a
 * 200-character JSON per row (the approach of the processors' SeriesState). The JSON returned
 * is the same string object each time, so its hash is cached for the series dictionary's
 * lookup. A batch with another StringTable or label catalogue starts the cache afresh.
 */
export class RowLabelCache {
  private _strings: StringTable | undefined;
  private _labels: LabelRegistry | undefined;
  private _chains = new Map<number, Slot[]>();
  private _size = 0;
  private _scratch = new Int32Array(16);

  labelsOf(
    batch: DataBatch,
    type: EntityType,
    row: number,
    labelIds: readonly number[],
  ): RowLabels {
    if (batch.strings !== this._strings || batch.labels !== this._labels || this._size > MAX_ROWS) {
      this._strings = batch.strings;
      this._labels = batch.labels;
      this._chains = new Map();
      this._size = 0;
    }
    const table = batch.table(type);
    const length = 4 + 2 * labelIds.length;
    if (this._scratch.length < length) this._scratch = new Int32Array(2 * length);
    const ids = this._scratch;
    for (let i = 0; i < 4; i++) ids[i] = table.identityId(row, PARTS[i] as IdentityPart);
    for (let i = 0; i < labelIds.length; i++) {
      const labelId = labelIds[i] as number;
      ids[4 + 2 * i] = labelId;
      ids[5 + 2 * i] = batch.strings.idOf(table.label(row, labelId));
    }
    // The most selective part present: pod, else node, else namespace (cluster: 0).
    const primary = (ids[1] || ids[3] || ids[0]) as number;
    let chain = this._chains.get(primary);
    if (chain !== undefined) {
      for (const slot of chain) if (slot.type === type && same(slot.ids, ids, length)) return slot;
    } else {
      chain = [];
      this._chains.set(primary, chain);
    }
    const slot: Slot = {
      type,
      ids: Array.from(ids.subarray(0, length)),
      json: rowLabelsJson(batch, type, row),
      node: undefined,
    };
    chain.push(slot);
    this._size++;
    return slot;
  }
}

function same(stored: readonly number[], ids: Int32Array, length: number): boolean {
  if (stored.length !== length) return false;
  for (let i = 0; i < length; i++) if (stored[i] !== ids[i]) return false;
  return true;
}
