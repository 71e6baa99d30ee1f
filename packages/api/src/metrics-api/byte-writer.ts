/**
 * UTF-8 text appended into one growing buffer: a large response is built in place rather
 * than as many chunks joined (and copied) at the end, and its pages are touched a chunk at a
 * time. Growth doubles the capacity, so a good initial size avoids copies altogether.
 */
export class ByteWriter {
  private _buffer: Buffer;
  private _length = 0;

  constructor(initialBytes: number) {
    this._buffer = Buffer.allocUnsafeSlow(Math.max(1024, Math.ceil(initialBytes)));
  }

  get length(): number {
    return this._length;
  }

  write(text: string): void {
    const bytes = Buffer.byteLength(text);
    const needed = this._length + bytes;
    if (needed > this._buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(needed, this._buffer.length * 2));
      this._buffer.copy(grown, 0, 0, this._length);
      this._buffer = grown;
    }
    this._length += this._buffer.write(text, this._length);
  }

  /** The bytes written (a view: the writer must not be written to afterwards). */
  bytes(): Buffer {
    return this._buffer.subarray(0, this._length);
  }
}
