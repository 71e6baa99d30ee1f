import { isSharedArrayBuffer } from 'node:util/types';

/**
 * Reusable buffers for response bodies. A 1,000-node scrape reads ~200 MB of bodies every
 * resolution; joining each body's chunks into a fresh buffer made that 200 MB of new external
 * memory per cycle, which is what drives V8 into repeated full collections. Bodies are decoded
 * as soon as they arrive and never kept (decoders copy what they keep), so the same few dozen
 * buffers can carry every body of every scrape.
 *
 * Buffers come in power-of-two sizes from 64 KiB. At most `maxFreeBytes` wait in the pool; a
 * released buffer beyond that is left to the garbage collector. Their memory is shared
 * (SharedArrayBuffer), so that a read worker can read a body where it is, without a copy.
 */
export class BodyBufferPool {
  private readonly _free = new Map<number, SharedArrayBuffer[]>();
  /** Buffers handed out and not yet released: only these are taken back. */
  private readonly _out = new WeakSet<SharedArrayBuffer>();
  private _freeBytes = 0;

  constructor(private readonly _maxFreeBytes = 32 * 1024 * 1024) {}

  /** A buffer of at least `bytes` bytes (its contents are garbage). */
  acquire(bytes: number): Buffer {
    const size = sizeClass(bytes);
    const stack = this._free.get(size);
    const reused = stack?.pop();
    let memory: SharedArrayBuffer;
    if (reused === undefined) {
      memory = new SharedArrayBuffer(size);
    } else {
      memory = reused;
      this._freeBytes -= size;
    }
    this._out.add(memory);
    return Buffer.from(memory);
  }

  /** Gives back a buffer from acquire (or a view of one); anything else is ignored. */
  release(body: Uint8Array): void {
    const memory = body.buffer;
    if (!isSharedArrayBuffer(memory) || !this._out.has(memory)) return;
    this._out.delete(memory);
    if (this._freeBytes + memory.byteLength > this._maxFreeBytes) return;
    let stack = this._free.get(memory.byteLength);
    if (stack === undefined) {
      stack = [];
      this._free.set(memory.byteLength, stack);
    }
    stack.push(memory);
    this._freeBytes += memory.byteLength;
  }

  /** Bytes waiting in the pool (for tests and self-metrics). */
  get freeBytes(): number {
    return this._freeBytes;
  }
}

const MIN_SIZE = 64 * 1024;

function sizeClass(bytes: number): number {
  let size = MIN_SIZE;
  while (size < bytes) size *= 2;
  return size;
}
