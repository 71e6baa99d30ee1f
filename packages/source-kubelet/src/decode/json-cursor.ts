/**
 * Strict JSON primitives read straight from response bytes, for the Summary fast path.
 *
 * Why not JSON.parse: a 1,000-node cluster sends ~200 MB of Summary JSON a cycle; turning bytes
 * into a string, parsing every field into objects and walking them again cost about half of the
 * core's CPU. The cursor reads only what the reader asks for, skips the rest (still checking its
 * syntax), and never decodes a number or a key into a string.
 *
 * It is deliberately narrow: anything unusual — a backslash escape, a number form other than
 * plain digits, a value of an unexpected type — throws BAIL, and the caller falls back to
 * JSON.parse and the validator, which give the same result or a precise error. So the cursor
 * needs no error messages of its own, and the general path stays the definition of behaviour.
 */

import { ASCII_HASH_SEED, asciiHashStep } from '@heapster/model';

/** Where readName looks a name up by its bytes: a batch's StringTable. */
export interface KnownStrings {
  /** The id of the known string equal to the ASCII bytes[start, end) (asciiHash `hash`), or -1. */
  findAsciiId(bytes: Uint8Array, start: number, end: number, hash: number): number;
  /** The known string of an id findAsciiId answered. */
  get(id: number): string;
}

/** Thrown (one preallocated instance, no stack) when the fast path cannot vouch for the input. */
export class Bail extends Error {}
export const BAIL = new Bail('not for the fast path');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

/** Integers of up to 15 digits are exact when accumulated digit by digit in a double. */
const EXACT_DIGITS = 15;

/** Buffer's undocumented but long-stable string slicers: the cheapest bytes → string in Node. */
interface SlicingBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** A key as bytes, for matching without building the key's string. */
export function keyBytes(key: string): Uint8Array {
  return new TextEncoder().encode(key);
}

export class JsonCursor {
  private _bytes: SlicingBuffer = Buffer.alloc(0) as SlicingBuffer;
  private _pos = 0;
  /** Start and end of the last string read by readStringRange/readKeyRange. */
  private _start = 0;
  private _end = 0;
  private _ascii = true;
  private _hash = 0;
  /**
   * The id the last readName found its name under in the known strings, or -1 (not known, or not
   * ASCII): the writer then has the id without looking the string up again.
   */
  lastNameId = -1;

  reset(bytes: Uint8Array): void {
    this._bytes = (
      Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    ) as SlicingBuffer;
    this._pos = 0;
  }

  /**
   * Whitespace as JSON defines it (space, tab, LF, CR), then the next byte (or -1 at the end).
   * Bounded by the length instead of stopping at the `undefined` read past the end: that one
   * out-of-bounds read a body made the whole reader slower (real kubesim bodies in a loop: 13.5 →
   * 11.3 µs/pod), likely because V8 then compiles its buffer loads for out-of-bounds indices.
   */
  peek(): number {
    const b = this._bytes;
    const end = b.length;
    let p = this._pos;
    while (p < end) {
      const c = b[p] as number;
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
        this._pos = p;
        return c;
      }
      p++;
    }
    this._pos = p;
    return -1;
  }

  /** True at the end of the input, whitespace aside. */
  atEnd(): boolean {
    return this.peek() === -1;
  }

  expect(byte: number): void {
    if (this.peek() !== byte) throw BAIL;
    this._pos++;
  }

  /** Consumes `null` if it is next; true when it did. */
  readNull(): boolean {
    if (this.peek() !== 0x6e) return false;
    const b = this._bytes;
    const p = this._pos;
    if (b[p + 1] !== 0x75 || b[p + 2] !== 0x6c || b[p + 3] !== 0x6c) throw BAIL;
    this._pos = p + 4;
    return true;
  }

  /**
   * Enters an object or array member list: call after `{`/`[` was consumed. Returns false when
   * the list is empty (and consumes the closing bracket).
   */
  firstMember(close: number): boolean {
    if (this.peek() === close) {
      this._pos++;
      return false;
    }
    return true;
  }

  /** After a member: true if a comma follows (another member), false at the closing bracket. */
  nextMember(close: number): boolean {
    const c = this.peek();
    this._pos++;
    if (c === COMMA) return true;
    if (c === close) return false;
    throw BAIL;
  }

  /**
   * Reads `"key":` and returns the index of the key in `keys`, or -1 for any other key. `hint`
   * is the index to try first: kubelets write fields in their Go struct's order, so the caller
   * passes the index after the last key it saw and most keys match on the first comparison,
   * straight from the bytes and without scanning the key as a string.
   */
  readKey(keys: readonly Uint8Array[], hint = 0): number {
    if (this.peek() !== QUOTE) throw BAIL;
    const b = this._bytes;
    const start = this._pos + 1;
    const count = keys.length;
    for (let tried = 0, k = hint < count ? hint : 0; tried < count; tried++) {
      const key = keys[k] as Uint8Array;
      const length = key.length;
      // Known keys are plain ASCII, so equal bytes followed by a quote are that exact key.
      if (b[start + length] === QUOTE) {
        let i = 0;
        while (i < length && b[start + i] === key[i]) i++;
        if (i === length) {
          this._pos = start + length + 1;
          this.expect(COLON);
          return k;
        }
      }
      if (++k === count) k = 0;
    }
    this._readStringRange();
    this.expect(COLON);
    return -1;
  }

  /** A string value; `null` reads as undefined. */
  readOptionalString(): string | undefined {
    if (this.readNull()) return undefined;
    return this.readString();
  }

  readString(): string {
    this._readStringRange();
    return this.lastString();
  }

  /**
   * A name (pod, namespace, uid, container): the string `known` already holds for these bytes
   * when it has one — no new string to build, hash and intern again — else a new one.
   */
  readName(known: KnownStrings | undefined): string {
    this._readStringRange();
    if (this._ascii && known !== undefined) {
      const id = known.findAsciiId(this._bytes, this._start, this._end, this._hash);
      if (id >= 0) {
        this.lastNameId = id;
        return known.get(id);
      }
    }
    this.lastNameId = -1;
    return this.lastString();
  }

  /** readName, with `null` read as undefined. */
  readOptionalName(known: KnownStrings | undefined): string | undefined {
    if (this.readNull()) return undefined;
    return this.readName(known);
  }

  /**
   * Reads the next string and returns whether its bytes equal `known` — without building it.
   * False leaves the string readable through lastString().
   */
  readStringEquals(known: Uint8Array): boolean {
    this._readStringRange();
    return this.sameAsLast(known);
  }

  /** Whether the last string read has the bytes of `known`. */
  sameAsLast(known: Uint8Array): boolean {
    const b = this._bytes;
    const start = this._start;
    if (this._end - start !== known.length) return false;
    for (let i = 0; i < known.length; i++) if (b[start + i] !== known[i]) return false;
    return true;
  }

  /** Reads the next string without building it: lastString() and the sameAs… methods see it. */
  scanString(): void {
    this._readStringRange();
  }

  /** Whether the last string read has the characters of `known` (an ASCII string). */
  sameAsLastString(known: string): boolean {
    const b = this._bytes;
    const start = this._start;
    if (!this._ascii || this._end - start !== known.length) return false;
    for (let i = 0; i < known.length; i++) if (b[start + i] !== known.charCodeAt(i)) return false;
    return true;
  }

  /** The last string read, decoded. */
  lastString(): string {
    return this._ascii
      ? this._bytes.latin1Slice(this._start, this._end)
      : this._bytes.utf8Slice(this._start, this._end);
  }

  /** A copy of the last string's bytes, to compare later strings against. */
  lastStringBytes(): Uint8Array {
    // A copy (Buffer#slice would be a view): bodies live in recycled buffers.
    return Uint8Array.prototype.slice.call(this._bytes, this._start, this._end);
  }

  /** Whether the last string read was pure ASCII. */
  get lastStringAscii(): boolean {
    return this._ascii;
  }

  /**
   * An unsigned integer as the Summary API's uint64 fields carry it; `null` reads as NaN. Plain
   * digits of up to 15 are accumulated exactly; longer or other number forms go through Number(),
   * which rounds exactly as JSON.parse does. Anything but a whole number in [0, 2^64) bails.
   */
  readUint(): number {
    const b = this._bytes;
    let c = this.peek();
    if (c === 0x6e) {
      this.readNull();
      return Number.NaN;
    }
    const start = this._pos;
    let p = start;
    if (c === DIGIT_0) {
      c = b[++p] ?? -1;
      if (c >= DIGIT_0 && c <= DIGIT_9) throw BAIL; // leading zero: not JSON
      if (c !== DOT && c !== LOWER_E && c !== UPPER_E) {
        this._pos = p;
        return 0;
      }
      return this._numberSlow(start);
    }
    if (!(c >= DIGIT_0 && c <= DIGIT_9)) {
      if (c === MINUS) return this._numberSlow(start);
      throw BAIL;
    }
    let value = 0;
    while (c >= DIGIT_0 && c <= DIGIT_9) {
      value = value * 10 + (c - DIGIT_0);
      c = b[++p] ?? -1;
    }
    if (c === DOT || c === LOWER_E || c === UPPER_E || p - start > EXACT_DIGITS) {
      return this._numberSlow(start);
    }
    this._pos = p;
    return value;
  }

  /** Any finite JSON number (a float64 field); `null` reads as null. Anything else bails. */
  readOptionalFloat(): number | null {
    if (this.readNull()) return null;
    const start = this._pos;
    const end = this._scanNumber();
    const value = Number(this._bytes.latin1Slice(start, end));
    if (!Number.isFinite(value)) throw BAIL;
    return value;
  }

  /** Skips one value of any type, checking its syntax as strictly as JSON.parse would. */
  skipValue(): void {
    const c = this.peek();
    if (c === OPEN_BRACE) {
      this._pos++;
      if (!this.firstMember(CLOSE_BRACE)) return;
      do {
        this._readStringRange();
        this.expect(COLON);
        this.skipValue();
      } while (this.nextMember(CLOSE_BRACE));
    } else if (c === OPEN_BRACKET) {
      this._pos++;
      if (!this.firstMember(CLOSE_BRACKET)) return;
      do this.skipValue();
      while (this.nextMember(CLOSE_BRACKET));
    } else if (c === QUOTE) {
      this._readStringRange();
    } else if (c === 0x6e) {
      this.readNull();
    } else if (c === 0x74) {
      this._literal('true');
    } else if (c === 0x66) {
      this._literal('false');
    } else {
      this._scanNumber();
    }
  }

  private _literal(word: string): void {
    const b = this._bytes;
    for (let i = 0; i < word.length; i++) {
      if (b[this._pos + i] !== word.charCodeAt(i)) throw BAIL;
    }
    this._pos += word.length;
  }

  /**
   * A string's extent and hash. Escapes bail (the general path decodes them); control characters
   * are not JSON. Notes whether every byte was ASCII so the caller can decode it the cheap way.
   */
  private _readStringRange(): void {
    if (this.peek() !== QUOTE) throw BAIL;
    const b = this._bytes;
    let p = ++this._pos;
    let ascii = true;
    // Hashed on the way (a multiply a byte), for readName's lookup by bytes.
    let hash = ASCII_HASH_SEED;
    for (;;) {
      const c = b[p];
      if (c === QUOTE) break;
      if (c === undefined || c < 0x20 || c === BACKSLASH) throw BAIL;
      if (c >= 0x80) ascii = false;
      hash = asciiHashStep(hash, c);
      p++;
    }
    this._start = this._pos;
    this._end = p;
    this._ascii = ascii;
    this._hash = hash;
    this._pos = p + 1;
  }

  /** Checks JSON number syntax from the cursor; returns its end. */
  private _scanNumber(): number {
    const b = this._bytes;
    let p = this._pos;
    if (b[p] === MINUS) p++;
    let c = b[p] ?? -1;
    if (c === DIGIT_0) {
      c = b[++p] ?? -1;
    } else if (c >= DIGIT_0 + 1 && c <= DIGIT_9) {
      while (c >= DIGIT_0 && c <= DIGIT_9) c = b[++p] ?? -1;
    } else {
      throw BAIL;
    }
    if (c === DOT) {
      c = b[++p] ?? -1;
      if (!(c >= DIGIT_0 && c <= DIGIT_9)) throw BAIL;
      while (c >= DIGIT_0 && c <= DIGIT_9) c = b[++p] ?? -1;
    }
    if (c === LOWER_E || c === UPPER_E) {
      c = b[++p] ?? -1;
      if (c === PLUS || c === MINUS) c = b[++p] ?? -1;
      if (!(c >= DIGIT_0 && c <= DIGIT_9)) throw BAIL;
      while (c >= DIGIT_0 && c <= DIGIT_9) c = b[++p] ?? -1;
    }
    this._pos = p;
    return p;
  }

  /** Any JSON number form, converted by Number() and held to the uint64 contract. */
  private _numberSlow(start: number): number {
    this._pos = start;
    const end = this._scanNumber();
    const value = Number(this._bytes.latin1Slice(start, end));
    if (!(value >= 0 && value < 18_446_744_073_709_551_616 && Number.isInteger(value))) throw BAIL;
    return value;
  }
}
