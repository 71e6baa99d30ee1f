/**
 * Interns strings (label values, names) so that a batch stores each distinct string once and
 * refers to it by a 32-bit id. Id 0 is always the empty string, which doubles as "absent":
 * freshly allocated Uint32Array columns are therefore all-empty without any filling.
 *
 * A table may be shared by consecutive batches (ids then compare across them), or be made
 * per batch; `compact()`-style reuse is the owner's choice, not this class's.
 */
export class StringTable {
  private readonly _ids = new Map<string, number>();
  private readonly _values: string[] = [''];

  constructor() {
    this._ids.set('', 0);
  }

  /** Number of distinct strings, the empty string included. */
  get size(): number {
    return this._values.length;
  }

  intern(value: string): number {
    const known = this._ids.get(value);
    if (known !== undefined) return known;
    const id = this._values.length;
    this._values.push(value);
    this._ids.set(value, id);
    return id;
  }

  /** The id of a string already interned, or -1. Never adds. */
  idOf(value: string): number {
    return this._ids.get(value) ?? -1;
  }

  get(id: number): string {
    const value = this._values[id];
    if (value === undefined) throw new RangeError(`string id ${id} is not in this table`);
    return value;
  }
}
