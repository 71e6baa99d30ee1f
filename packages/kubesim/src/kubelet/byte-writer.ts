/**
 * An append-only byte buffer for writing JSON bodies without building strings: constant
 * fragments are copied in as bytes and numbers are written as ASCII digits. The buffer doubles
 * when full and is reused after reset(), so a warm writer renders without allocating.
 */

export interface ByteOutput {
  /** Bytes written since the last reset(). */
  readonly length: number;
  /** Appends pre-encoded bytes. */
  bytes(fragment: Uint8Array): void;
  /** Appends one byte (an ASCII character code). */
  byte(code: number): void;
  /** Appends a string as UTF-8. */
  text(s: string): void;
  /** Appends String(Math.max(0, Math.round(n))): the kubelet's whole uint64s. */
  int(n: number): void;
  /** Appends String(n), for numbers the JSON carries as they are. */
  num(n: number): void;
}

/** Below this many bytes a JS copy loop beats TypedArray.prototype.set (no native call). */
const SHORT_COPY = 32;
const LOW = 100_000_000;

export class ByteWriter implements ByteOutput {
  private buf: Buffer;
  private pos = 0;

  constructor(initialBytes = 65_536) {
    this.buf = Buffer.allocUnsafeSlow(Math.max(64, initialBytes));
  }

  get length(): number {
    return this.pos;
  }

  /** Capacity of the current buffer (it only grows). */
  get capacity(): number {
    return this.buf.length;
  }

  reset(): void {
    this.pos = 0;
  }

  /**
   * The bytes written so far, sharing memory with the writer: valid until the next reset() or
   * write, so a caller handing it to a socket must not reuse the writer before it is flushed.
   */
  view(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  toString(): string {
    return this.buf.toString('utf8', 0, this.pos);
  }

  private grow(extra: number): void {
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = Buffer.allocUnsafeSlow(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  bytes(fragment: Uint8Array): void {
    const n = fragment.length;
    if (this.pos + n > this.buf.length) this.grow(n);
    const buf = this.buf;
    const p = this.pos;
    if (n < SHORT_COPY) {
      for (let i = 0; i < n; i++) buf[p + i] = fragment[i] as number;
    } else {
      buf.set(fragment, p);
    }
    this.pos = p + n;
  }

  byte(code: number): void {
    if (this.pos + 1 > this.buf.length) this.grow(1);
    this.buf[this.pos++] = code;
  }

  text(s: string): void {
    const most = s.length * 3;
    if (this.pos + most > this.buf.length) this.grow(most);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  int(n: number): void {
    const v = Math.max(0, Math.round(n));
    // Math.round leaves integers (or NaN/±Infinity): no integer check needed, unlike num().
    if (v < LOW) this.low(v);
    else if (v <= Number.MAX_SAFE_INTEGER) this.high(v);
    else this.text(String(v));
  }

  num(n: number): void {
    // Integers in [0, 2^53) are written digit by digit; anything else (negative, fractional,
    // NaN, ±Infinity, 2^53 and beyond where String() may use exponents) goes through String().
    if (n >= 0 && n < LOW && n === Math.floor(n)) this.low(n);
    else if (n >= LOW && n <= Number.MAX_SAFE_INTEGER && n === Math.floor(n)) this.high(n);
    else this.text(String(n));
  }

  /** 0 ≤ n < 1e8, an integer: at most eight digits, int32 arithmetic. */
  private low(n: number): void {
    const v = n | 0;
    const digits = decimalDigits(v);
    if (this.pos + digits > this.buf.length) this.grow(digits);
    this.pos += digits;
    writeDigits(this.buf, v, this.pos);
  }

  /** 1e8 ≤ n < 2^53, an integer: up to eight leading digits, then exactly eight more. */
  private high(n: number): void {
    let top = Math.floor(n / LOW);
    let rest = n - top * LOW;
    // n / LOW is rounded: correct a quotient that came out one too high or too low.
    if (rest < 0) {
      top -= 1;
      rest += LOW;
    } else if (rest >= LOW) {
      top += 1;
      rest -= LOW;
    }
    const head = top | 0;
    const digits = decimalDigits(head) + 8;
    if (this.pos + digits > this.buf.length) this.grow(digits);
    this.pos += digits;
    const buf = this.buf;
    let p = this.pos;
    let v = rest | 0;
    for (let i = 0; i < 4; i++) {
      const next = (v / 100) | 0;
      const pair = (v - next * 100) << 1;
      buf[--p] = DIGIT_PAIRS[pair + 1] as number;
      buf[--p] = DIGIT_PAIRS[pair] as number;
      v = next;
    }
    writeDigits(buf, head, p);
  }
}

/** "00" "01" … "99" as ASCII: two digits per division. */
const DIGIT_PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  DIGIT_PAIRS[2 * i] = 48 + Math.floor(i / 10);
  DIGIT_PAIRS[2 * i + 1] = 48 + (i % 10);
}

/** Digits of 0 ≤ v < 1e8. */
function decimalDigits(v: number): number {
  return v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10_000 ? 4 : v < 100_000 ? 5 : v < 1_000_000 ? 6 : v < 10_000_000 ? 7 : 8;
}

/** Writes the digits of 0 ≤ v < 1e8 (int32) so that the last one lands just before `end`. */
function writeDigits(buf: Uint8Array, v: number, end: number): void {
  let p = end;
  while (v >= 100) {
    const next = (v / 100) | 0;
    const pair = (v - next * 100) << 1;
    buf[--p] = DIGIT_PAIRS[pair + 1] as number;
    buf[--p] = DIGIT_PAIRS[pair] as number;
    v = next;
  }
  if (v >= 10) {
    const pair = v << 1;
    buf[--p] = DIGIT_PAIRS[pair + 1] as number;
    buf[--p] = DIGIT_PAIRS[pair] as number;
  } else {
    buf[--p] = 48 + v;
  }
}

/** Pre-encodes a fragment (UTF-8). */
export function utf8(s: string): Uint8Array {
  return Buffer.from(s, 'utf8');
}
