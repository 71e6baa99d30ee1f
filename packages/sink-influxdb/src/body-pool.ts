/** How many request bodies a pool keeps and of what size. */
export interface BodyPoolOptions {
  /** Bodies kept for reuse (the sink's `concurrency`: that many are in flight at once). */
  readonly capacity: number;
  /** Every body is at least this large, so any kept body fits a typical chunk. */
  readonly minBytes: number;
  /** Larger bodies (grown for huge events) are not kept. */
  readonly maxBytes: number;
}

/**
 * Request bodies kept for reuse between writes. An event write body is about a megabyte; made
 * fresh for every write, the catch-up after an outage (`concurrency` of them in flight, one
 * after another) left the C allocator holding its high-water mark long after the V8 heap was
 * small again (RSS 108 MB until restart against 62–80 MB in steady state). With bodies reused,
 * a catch-up allocates no new ones.
 *
 * Bounded: at most `capacity` bodies of at most `maxBytes` each are kept; anything else is left
 * to the garbage collector. A body may come back only once nothing can read it any more (see
 * InfluxdbEventSink: after a successful write), since the next chunk overwrites it.
 */
export class BodyPool {
  private readonly _free: Buffer[] = [];
  /** The memory this pool handed out: only that is ever taken back. */
  private readonly _ours = new WeakSet<ArrayBufferLike>();
  private readonly _options: BodyPoolOptions;

  constructor(options: BodyPoolOptions) {
    const { capacity, minBytes, maxBytes } = options;
    if (!Number.isInteger(capacity) || capacity < 0)
      throw new RangeError(`BodyPool capacity ${capacity} is not a non-negative integer`);
    if (!(minBytes >= 0 && maxBytes >= minBytes))
      throw new RangeError(
        `BodyPool sizes min=${minBytes} max=${maxBytes} are not 0 <= min <= max`,
      );
    this._options = { capacity, minBytes, maxBytes };
  }

  /** Bodies waiting to be reused. */
  get size(): number {
    return this._free.length;
  }

  /** A buffer of at least `bytes` (holding old bytes: write before reading). */
  acquire(bytes: number): Buffer {
    for (let i = this._free.length - 1; i >= 0; i--) {
      const buffer = this._free[i] as Buffer;
      if (buffer.length < bytes) continue;
      this._free.splice(i, 1);
      return buffer;
    }
    // allocUnsafeSlow: memory of its own, never a slice of Node's shared 8 KB pool, so that
    // taking it back can never take bytes that something else still uses.
    const fresh = Buffer.allocUnsafeSlow(Math.max(bytes, this._options.minBytes));
    this._ours.add(fresh.buffer);
    return fresh;
  }

  /** Takes back a body made by `acquire` (the buffer or any view of it); ignores anything else. */
  release(body: Uint8Array): void {
    const whole = body.buffer;
    if (this._free.length >= this._options.capacity || !this._ours.has(whole)) return;
    if (whole.byteLength > this._options.maxBytes) return;
    if (this._free.some(buffer => buffer.buffer === whole)) return;
    this._free.push(Buffer.from(whole, 0, whole.byteLength));
  }
}
