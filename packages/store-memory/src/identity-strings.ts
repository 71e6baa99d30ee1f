const INITIAL_IDS = 1024;

/**
 * The store's own interner for identity parts (namespace, pod, container and node names),
 * reference-counted so that the names of churned pods go when their last series does.
 *
 * Why not the batches' StringTable: its owner may replace it to shed old names, and it never
 * forgets one; the store outlives any one table and must forget. The strings themselves are the
 * batch's string objects, so a name held by both costs one copy. Id 0 is the empty string.
 */
export class IdentityStrings {
  private readonly _ids = new Map<string, number>([['', 0]]);
  private readonly _values: (string | undefined)[] = [''];
  private _refs = new Int32Array(INITIAL_IDS);
  private readonly _free: number[] = [];

  /** Distinct non-empty strings held. */
  get size(): number {
    return this._ids.size - 1;
  }

  /** The id of a string, or -1 when the store holds no series naming it. */
  idOf(value: string): number {
    return this._ids.get(value) ?? -1;
  }

  get(id: number): string {
    return this._values[id] ?? '';
  }

  /** Interns a string for one more holder; returns its id. */
  acquire(value: string): number {
    if (value === '') return 0;
    let id = this._ids.get(value);
    if (id === undefined) {
      id = this._free.pop() ?? this._values.length;
      if (id === this._values.length) this._values.push(value);
      else this._values[id] = value;
      this._ids.set(value, id);
      if (id >= this._refs.length) {
        const refs = new Int32Array(this._refs.length * 2);
        refs.set(this._refs);
        this._refs = refs;
      }
    }
    this._refs[id] = (this._refs[id] as number) + 1;
    return id;
  }

  /** Drops one holder of an id; the string is forgotten with its last holder. */
  release(id: number): void {
    if (id === 0) return;
    const refs = (this._refs[id] as number) - 1;
    this._refs[id] = refs;
    if (refs > 0) return;
    const value = this._values[id];
    if (value !== undefined) this._ids.delete(value);
    this._values[id] = undefined;
    this._free.push(id);
  }

  /** Typed arrays plus an estimate of ~48 bytes per map entry and array cell (characters not counted: shared). */
  byteSize(): number {
    return this._refs.byteLength + this._values.length * 8 + this._ids.size * 40;
  }
}
