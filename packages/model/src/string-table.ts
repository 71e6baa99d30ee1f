import { AsciiStringIndex, NOT_ASCII } from './ascii-string-index.js';

/**
 * Interns strings (label values, names) so that a batch stores each distinct string once and
 * refers to it by a 32-bit id. Id 0 is always the empty string, which doubles as "absent":
 * freshly allocated Uint32Array columns are therefore all-empty without any filling.
 *
 * A table may be shared by consecutive batches (ids then compare across them), or be made
 * per batch; `compact()`-style reuse is the owner's choice, not this class's.
 *
 * Decoders reading names straight from response bytes ask `findAscii` first: a name the table
 * already holds comes back as the table's own string, so no new string is built and hashed for
 * each of the hundreds of thousands of names a scrape repeats.
 */
export class StringTable {
  private readonly _values: string[] = [''];
  // ASCII strings (all names and label values of a real cluster) are found through the byte
  // index alone: a Map of every string cost ≈ 15 MB more at 100,000 pods. Others sit in a Map.
  private readonly _ascii = new AsciiStringIndex();
  private readonly _nonAscii = new Map<string, number>();

  /** Number of distinct strings, the empty string included. */
  get size(): number {
    return this._values.length;
  }

  intern(value: string): number {
    const known = this._find(value);
    if (known >= 0) return known;
    const id = this._values.length;
    this._values.push(value);
    if (known === NOT_ASCII) this._nonAscii.set(value, id);
    else this._ascii.add(value, id);
    return id;
  }

  /** The id of a string already interned, or -1. Never adds. */
  idOf(value: string): number {
    const id = this._find(value);
    return id === NOT_ASCII ? -1 : id;
  }

  get(id: number): string {
    const value = this._values[id];
    if (value === undefined) throw new RangeError(`string id ${id} is not in this table`);
    return value;
  }

  /**
   * The interned string whose characters are the ASCII bytes `bytes[start, end)`, or undefined.
   * `hash` must be `asciiHash` of those bytes (readers compute it while scanning). Never adds.
   */
  findAscii(bytes: Uint8Array, start: number, end: number, hash: number): string | undefined {
    const id = this.findAsciiId(bytes, start, end, hash);
    return id < 0 ? undefined : this._values[id];
  }

  /** findAscii's id instead of its string: -1 when the table does not hold those bytes. */
  findAsciiId(bytes: Uint8Array, start: number, end: number, hash: number): number {
    if (start === end) return 0;
    return this._ascii.find(this._values, bytes, start, end, hash);
  }

  /**
   * Whether `id` is this table's id of `value`: a check by index, where `intern` would hash and
   * probe a map of every string (cache misses, at hundreds of thousands of names). Callers that
   * remember an id from earlier (a reader, a per-pod cache) confirm it with this.
   */
  holds(id: number, value: string): boolean {
    return this._values[id] === value;
  }

  /** The id of `value`, -1 when absent, or NOT_ASCII when absent and not ASCII. */
  private _find(value: string): number {
    if (value === '') return 0;
    const id = this._ascii.findString(this._values, value);
    if (id !== NOT_ASCII) return id;
    return this._nonAscii.get(value) ?? NOT_ASCII;
  }
}
