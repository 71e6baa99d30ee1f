import type { StringTable } from './string-table.js';

/** One extra label pair of a labeled metric, e.g. resource_id="/" or accelerator_id="nvidia0". */
export interface LabelPair {
  readonly key: string;
  readonly value: string;
}

/** keyId * span + valueId stays an exact double while key ids are below 2^26. */
const PAIR_KEY_SPAN = 2 ** 26;

/**
 * Interns the small label sets that distinguish the series of a labeled metric
 * (filesystem/* by resource_id, accelerator/* by make/model/accelerator_id, custom metrics'
 * own labels). Most batches hold only a handful of distinct sets ("/", "logs", a few volume
 * names), so each value row stores a 32-bit set id instead of strings. Id 0 is the empty set.
 */
export class LabelSetTable {
  private readonly _ids = new Map<string, number>();
  private readonly _sets: (readonly LabelPair[])[] = [[]];
  private readonly _pairIds = new Map<number, number>();

  constructor(private readonly _strings: StringTable) {
    this._ids.set('', 0);
  }

  get size(): number {
    return this._sets.length;
  }

  /** The string table the sets' keys and values are interned in. */
  get strings(): StringTable {
    return this._strings;
  }

  /** Interns the set; pairs are sorted by key so that order of construction does not matter. */
  intern(pairs: readonly LabelPair[]): number {
    if (pairs.length === 0) return 0;
    if (pairs.length === 1) {
      const [pair] = pairs as [LabelPair];
      return this.internPair(pair.key, pair.value);
    }
    return this._internSorted(
      [...pairs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    );
  }

  private _internSorted(sorted: readonly LabelPair[]): number {
    let canonical = '';
    for (const pair of sorted) {
      // Interning through the string table keeps one copy of each key and value.
      canonical += `${this._strings.intern(pair.key)}=${this._strings.intern(pair.value)};`;
    }
    const known = this._ids.get(canonical);
    if (known !== undefined) return known;
    const id = this._sets.length;
    this._sets.push(sorted.map(pair => Object.freeze({ key: pair.key, value: pair.value })));
    this._ids.set(canonical, id);
    return id;
  }

  /**
   * The commonest case, a single pair. Found by its two string ids (a number key), so that the
   * hundred thousand volume sets of a large cluster cost no canonical string per lookup.
   */
  internPair(key: string, value: string): number {
    const valueId = this._strings.intern(value);
    const keyId = this._strings.intern(key);
    if (valueId >= PAIR_KEY_SPAN) return this._internSorted([{ key, value }]);
    const pairKey = keyId * PAIR_KEY_SPAN + valueId;
    const known = this._pairIds.get(pairKey);
    if (known !== undefined) return known;
    // Single pairs live in the number-keyed map only, without a canonical string of their own.
    const id = this._sets.length;
    this._sets.push([
      Object.freeze({ key: this._strings.get(keyId), value: this._strings.get(valueId) }),
    ]);
    this._pairIds.set(pairKey, id);
    return id;
  }

  get(id: number): readonly LabelPair[] {
    const set = this._sets[id];
    if (set === undefined) throw new RangeError(`label set id ${id} is not in this table`);
    return set;
  }

  /** The value of `key` in set `id`, or undefined. */
  valueOf(id: number, key: string): string | undefined {
    for (const pair of this.get(id)) if (pair.key === key) return pair.value;
    return undefined;
  }
}
