import type { ServerResponse } from 'node:http';

export interface WatchSessionOptions {
  /** Events queued behind a slow client before the watch is closed (the client re-watches). */
  readonly maxPendingEvents: number;
  /** Bytes buffered in the socket before the watch is closed. */
  readonly maxBacklogBytes: number;
  readonly onClose: () => void;
}

/**
 * The output side of one watch: a chunked HTTP response carrying one JSON event per line.
 * Events are queued as thunks and encoded when written, so encoders that depend on order (a
 * Table watch sends column definitions only with the first event) see them in stream order,
 * and a large initial snapshot is serialised lazily as the socket drains.
 */
export class WatchSession {
  private readonly queue: (() => string | undefined)[] = [];
  private head = 0;
  private source: Iterator<() => string | undefined> | undefined;
  private waitingForDrain = false;
  private finished = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: WatchSessionOptions,
  ) {
    res.on('close', () => this.finish());
  }

  get closed(): boolean {
    return this.finished;
  }

  /** Sends the 200 headers; the stream then stays open until end(), reset() or the client leaves. */
  open(): void {
    this.res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    this.res.flushHeaders();
  }

  /** Events produced lazily before anything queued with push() (the initial state). */
  prepend(events: Iterator<() => string | undefined>): void {
    this.source = events;
    this.pump();
  }

  /** Queues one event; `encode` returns the line without newline (undefined to skip it). */
  push(encode: () => string | undefined): void {
    if (this.finished) return;
    if (this.queue.length - this.head >= this.options.maxPendingEvents) {
      this.end();
      return;
    }
    this.queue.push(encode);
    this.pump();
  }

  /** Ends the stream cleanly after what is already written (like a server-side watch timeout). */
  end(): void {
    if (this.finished) return;
    this.finish();
    this.res.end();
  }

  /** Drops the connection without the terminating chunk (a network failure). */
  reset(): void {
    if (this.finished) return;
    this.finish();
    this.res.destroy();
  }

  private pump(): void {
    if (this.finished || this.waitingForDrain) return;
    for (;;) {
      const next = this.next();
      if (next === undefined) break;
      const line = next();
      if (line === undefined) continue;
      const flowing = this.res.write(`${line}\n`);
      if (this.res.writableLength > this.options.maxBacklogBytes) {
        this.end();
        return;
      }
      if (!flowing) {
        this.waitingForDrain = true;
        this.res.once('drain', () => {
          this.waitingForDrain = false;
          this.pump();
        });
        return;
      }
    }
    // Everything queued was written: reuse the array from the start.
    this.queue.length = 0;
    this.head = 0;
  }

  private next(): (() => string | undefined) | undefined {
    if (this.source !== undefined) {
      const step = this.source.next();
      if (step.done !== true) return step.value;
      this.source = undefined;
    }
    if (this.head < this.queue.length) {
      const item = this.queue[this.head];
      this.queue[this.head] = () => undefined;
      this.head += 1;
      return item;
    }
    return undefined;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.source = undefined;
    this.queue.length = 0;
    this.head = 0;
    this.options.onClose();
  }
}
