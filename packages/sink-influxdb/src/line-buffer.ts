/**
 * A growable byte buffer for line protocol. Serializing straight into bytes keeps a
 * 3-million-point batch from creating millions of short-lived strings and rope nodes, which
 * (measured) made the garbage collector the largest cost of a string-concatenating serializer.
 */
export class LineBuffer {
  private _buf: Buffer;
  private _pos = 0;
  private readonly _initial: number;

  constructor(initialBytes = 1 << 20) {
    this._initial = initialBytes;
    this._buf = Buffer.allocUnsafe(initialBytes);
  }

  /** Bytes written since the last take(). */
  get length(): number {
    return this._pos;
  }

  bytes(source: Uint8Array): void {
    if (this._pos + source.length > this._buf.length) this._grow(source.length);
    this._buf.set(source, this._pos);
    this._pos += source.length;
  }

  /** Appends an ASCII-only string (numbers, our own punctuation) without encoding. */
  ascii(text: string): void {
    if (this._pos + text.length > this._buf.length) this._grow(text.length);
    const buf = this._buf;
    let pos = this._pos;
    for (let i = 0; i < text.length; i++) buf[pos++] = text.charCodeAt(i);
    this._pos = pos;
  }

  byte(value: number): void {
    if (this._pos + 1 > this._buf.length) this._grow(1);
    this._buf[this._pos++] = value;
  }

  /** Forgets everything after `position` (a line that turned out to have no fields). */
  truncate(position: number): void {
    this._pos = Math.min(this._pos, position);
  }

  /** Hands over the bytes written so far and starts a fresh buffer. */
  take(): Buffer {
    const out = this._buf.subarray(0, this._pos);
    this._buf = Buffer.allocUnsafe(Math.max(this._initial, this._pos));
    this._pos = 0;
    return out;
  }

  private _grow(extra: number): void {
    let size = this._buf.length * 2;
    while (size < this._pos + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this._buf.copy(next, 0, 0, this._pos);
    this._buf = next;
  }
}
