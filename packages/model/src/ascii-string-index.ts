// FNV-1a, 32-bit: cheap to compute one byte at a time while a reader scans a string's bytes.
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** The hash `StringTable.findAscii` expects: FNV-1a over the bytes (= char codes) of an ASCII string. */
export function asciiHash(bytes: ArrayLike<number>, start = 0, end = bytes.length): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), FNV_PRIME);
  return hash;
}

/** The first step of asciiHash, for readers that hash as they scan: `h = asciiHashStep(h, byte)`. */
export const ASCII_HASH_SEED = FNV_OFFSET;
export function asciiHashStep(hash: number, byte: number): number {
  return Math.imul(hash ^ byte, FNV_PRIME);
}

/**
 * An open-addressing index from the FNV-1a hash of a pure-ASCII string to its id in a string
 * table, so that a string can be found from its bytes without being built. Lookups compare the
 * candidate's char codes with the bytes, so a hash collision never returns a wrong string.
 * Strings with any non-ASCII character are not indexed (their bytes are not their char codes).
 */
/** findString's answer for a string with a non-ASCII character. */
export const NOT_ASCII = -2;

export class AsciiStringIndex {
  /** Slot → id + 1 (0 = empty). Kept at most half full. */
  private _slots = new Int32Array(1024);
  /** Id → hash (ids not indexed hold 0 and are never in a slot). */
  private _hashes = new Int32Array(1024);
  private _count = 0;

  add(value: string, id: number): void {
    let hash = FNV_OFFSET;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) return;
      hash = Math.imul(hash ^ c, FNV_PRIME);
    }
    if (id >= this._hashes.length) {
      const grown = new Int32Array(Math.max(id + 1, this._hashes.length * 2));
      grown.set(this._hashes);
      this._hashes = grown;
    }
    this._hashes[id] = hash;
    if (++this._count * 2 > this._slots.length) this._rehash(this._slots.length * 2);
    this._insert(hash, id);
  }

  /**
   * The id of the indexed string equal to `value`, -1 when none is, or NOT_ASCII when `value`
   * has a character the index does not hold (the caller looks those up elsewhere).
   */
  findString(values: readonly string[], value: string): number {
    let hash = FNV_OFFSET;
    const length = value.length;
    for (let i = 0; i < length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) return NOT_ASCII;
      hash = Math.imul(hash ^ c, FNV_PRIME);
    }
    const slots = this._slots;
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot] as number;
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this._hashes[id] === hash && values[id] === value) return id;
    }
  }

  /** The id of the indexed string equal to bytes[start, end), or -1. */
  find(
    values: readonly string[],
    bytes: Uint8Array,
    start: number,
    end: number,
    hash: number,
  ): number {
    const slots = this._slots;
    const mask = slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot] as number;
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this._hashes[id] !== hash) continue;
      const value = values[id] as string;
      if (value.length !== length) continue;
      let i = 0;
      while (i < length && value.charCodeAt(i) === bytes[start + i]) i++;
      if (i === length) return id;
    }
  }

  private _insert(hash: number, id: number): void {
    const slots = this._slots;
    const mask = slots.length - 1;
    let slot = hash & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = id + 1;
  }

  private _rehash(size: number): void {
    const old = this._slots;
    this._slots = new Int32Array(size);
    for (const entry of old)
      if (entry !== 0) this._insert(this._hashes[entry - 1] as number, entry - 1);
  }
}
