import { ByteWriter } from './byte-writer.js';

export interface WriterPool {
  /** A reset writer: from the idle list, or a new one when every writer is in flight. */
  acquire(): ByteWriter;
  /** Returns a writer whose bytes are no longer referenced (the response was flushed). */
  release(writer: ByteWriter): void;
}

/**
 * Reusable writers for response bodies. A body handed to res.end() is not copied: the socket
 * holds it until it is flushed, so a writer comes back only on the response's 'finish' (a
 * response whose connection died is simply dropped, and its writer left to the GC). At most
 * `maxIdle` writers are kept; a writer grown past `maxIdleBytes` is not kept.
 */
export class ByteWriterPool implements WriterPool {
  private readonly idle: ByteWriter[] = [];
  private readonly maxIdle: number;
  private readonly maxIdleBytes: number;
  private readonly initialBytes: number;

  constructor(options: { readonly maxIdle?: number; readonly maxIdleBytes?: number; readonly initialBytes?: number } = {}) {
    this.maxIdle = options.maxIdle ?? 32;
    this.maxIdleBytes = options.maxIdleBytes ?? 16 * 1_048_576;
    this.initialBytes = options.initialBytes ?? 262_144;
  }

  /** Writers waiting to be reused. */
  get idleCount(): number {
    return this.idle.length;
  }

  acquire(): ByteWriter {
    const writer = this.idle.pop() ?? new ByteWriter(this.initialBytes);
    writer.reset();
    return writer;
  }

  release(writer: ByteWriter): void {
    if (this.idle.length < this.maxIdle && writer.capacity <= this.maxIdleBytes) this.idle.push(writer);
  }
}
