import { isSharedArrayBuffer } from 'node:util/types';
import { Worker } from 'node:worker_threads';
import { noopLogger, type Logger } from '@heapster/runtime';
import type { ReadReply, ReadRequest } from './read-protocol.js';
import type { SummaryTape } from './summary-tape.js';

/** After a worker failed, bodies are read on the main thread for this long before a restart. */
const RESTART_AFTER_MS = 10_000;
/** A tape buffer's first size: a 100-pod node's tape is ≈ 80 KB. */
const TAPE_BYTES = 128 * 1024;

export interface SummaryReadWorkersOptions {
  /** Worker threads (≥ 1). */
  readonly workers: number;
  /** A read not answered within this restarts the worker (the body is read on the main thread). */
  readonly timeoutMs: number;
  /** Bodies waiting at one worker at most (default 2); the others are read on the main thread. */
  readonly maxQueued?: number;
  readonly logger?: Logger;
  /** The worker's script (default: read-worker-main.js beside this module, as built). */
  readonly entry?: URL;
}

/**
 * Worker threads that run the Summary fast reader, to share the reading of a scrape with the
 * main thread: the scraper offers each body to `tryRead` and reads it itself when every worker
 * has its `maxQueued` waiting. Reading is about 2/3 of decoding a body; the main thread keeps the
 * rest (the writer, from the tape), the processors and the APIs (docs/performance.md, session 9).
 *
 * Never rejects: a worker that fails, crashes or hangs answers undefined for its bodies — the
 * main thread reads them — and is restarted RESTART_AFTER_MS later. Logged once a state change.
 */
export class SummaryReadWorkers {
  private readonly _threads: ReadWorkerThread[];
  private readonly _maxQueued: number;
  /**
   * Shared memory for the tapes' numbers, given back by release(): a fresh buffer for each of
   * a scrape's tapes was up to 80 MB of external memory a cycle for the collector to chase.
   * Bounded by the reads that can be in flight.
   */
  private readonly _tapeBuffers: SharedArrayBuffer[] = [];
  private readonly _maxTapeBuffers: number;
  private _closed = false;

  constructor(options: SummaryReadWorkersOptions) {
    const { workers, timeoutMs } = options;
    if (!(Number.isInteger(workers) && workers > 0))
      throw new RangeError(`workers must be a positive integer, got ${workers}`);
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0))
      throw new RangeError(`timeoutMs must be a positive number, got ${timeoutMs}`);
    const maxQueued = options.maxQueued ?? 2;
    if (!(Number.isInteger(maxQueued) && maxQueued > 0))
      throw new RangeError(`maxQueued must be a positive integer, got ${maxQueued}`);
    this._maxQueued = maxQueued;
    this._maxTapeBuffers = 2 * workers * maxQueued;
    const entry = options.entry ?? new URL('./read-worker-main.js', import.meta.url);
    const logger = (options.logger ?? noopLogger).child({ component: 'summary-read-worker' });
    this._threads = Array.from(
      { length: workers },
      (_, index) => new ReadWorkerThread(entry, timeoutMs, logger.child({ worker: index })),
    );
  }

  /**
   * The tape of `body` read on a worker (undefined: read it here), or undefined at once when no
   * worker has room or the body is not in shared memory.
   */
  tryRead(body: Uint8Array): Promise<SummaryTape | undefined> | undefined {
    if (this._closed || !isSharedArrayBuffer(body.buffer)) return undefined;
    let chosen: ReadWorkerThread | undefined;
    for (const thread of this._threads) {
      if (!thread.available || thread.queued >= this._maxQueued) continue;
      if (chosen === undefined || thread.queued < chosen.queued) chosen = thread;
    }
    return chosen?.read(body, this._tapeBuffers.pop() ?? new SharedArrayBuffer(TAPE_BYTES));
  }

  /** Gives back a tape's memory once it is written into the batch (optional, but saves garbage). */
  release(tape: SummaryTape): void {
    const memory = tape.numbers.buffer;
    // (instanceof would miss memory from another realm, as under jest's vm)
    if (isSharedArrayBuffer(memory) && this._tapeBuffers.length < this._maxTapeBuffers)
      this._tapeBuffers.push(memory);
  }

  /** Bodies the workers answered with a tape, and reads that failed (for tests). */
  get counts(): { readonly read: number; readonly failed: number } {
    let read = 0;
    let failed = 0;
    for (const thread of this._threads) {
      read += thread.answered;
      failed += thread.failed;
    }
    return { read, failed };
  }

  async close(): Promise<void> {
    this._closed = true;
    await Promise.all(this._threads.map(thread => thread.stop()));
  }
}

interface PendingRead {
  readonly resolve: (tape: SummaryTape | undefined) => void;
  readonly timer: NodeJS.Timeout;
}

/** One worker thread, started on first use and restarted after a failure. */
class ReadWorkerThread {
  /** Reads answered with a tape, and reads that failed. */
  answered = 0;
  failed = 0;
  private _worker: Worker | undefined;
  private readonly _pending = new Map<number, PendingRead>();
  private _nextId = 1;
  private _failedAt = Number.NEGATIVE_INFINITY;
  private _failing = false;

  constructor(
    private readonly _entry: URL,
    private readonly _timeoutMs: number,
    private readonly _logger: Logger,
  ) {}

  get queued(): number {
    return this._pending.size;
  }

  /** False for RESTART_AFTER_MS after a failure. */
  get available(): boolean {
    return this._worker !== undefined || Date.now() - this._failedAt >= RESTART_AFTER_MS;
  }

  read(body: Uint8Array, tape: SharedArrayBuffer): Promise<SummaryTape | undefined> {
    const worker = this._start();
    const id = this._nextId++;
    return new Promise(resolve => {
      const timer = setTimeout(
        () => this._fail(worker, `no answer within ${this._timeoutMs} ms`),
        this._timeoutMs,
      );
      this._pending.set(id, { resolve, timer });
      const request: ReadRequest = {
        id,
        buffer: body.buffer as SharedArrayBuffer,
        offset: body.byteOffset,
        length: body.byteLength,
        tape,
      };
      worker.postMessage(request);
    });
  }

  async stop(): Promise<void> {
    const worker = this._worker;
    this._worker = undefined;
    this._settleAll();
    if (worker !== undefined) await worker.terminate();
  }

  private _start(): Worker {
    if (this._worker !== undefined) return this._worker;
    const worker = new Worker(this._entry, {
      // The reader keeps a few recycled objects; a small young generation is enough.
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 },
    });
    worker.unref();
    worker.on('message', (reply: ReadReply) => this._answer(reply));
    worker.on('error', error => this._fail(worker, String(error)));
    worker.on('exit', code => this._fail(worker, `exited with code ${code}`));
    this._worker = worker;
    return worker;
  }

  private _answer(reply: ReadReply): void {
    const pending = this._pending.get(reply.id);
    if (pending === undefined) return;
    this._pending.delete(reply.id);
    clearTimeout(pending.timer);
    if ('error' in reply) {
      this.failed++;
      this._logger.warn('summary read worker could not read a body; read on the main thread', {
        error: reply.error,
      });
      pending.resolve(undefined);
      return;
    }
    if (reply.tape !== undefined) this.answered++;
    if (this._failing) {
      this._failing = false;
      this._logger.info('summary read worker is reading again');
    }
    pending.resolve(reply.tape);
  }

  /** The worker is gone or stuck: its bodies are read on the main thread. */
  private _fail(worker: Worker, reason: string): void {
    if (worker !== this._worker) return;
    this._worker = undefined;
    this._failedAt = Date.now();
    this.failed += this._pending.size;
    this._settleAll();
    void worker.terminate();
    if (!this._failing) {
      this._failing = true;
      this._logger.warn('summary read worker failed; bodies are read on the main thread', {
        reason,
        restartAfterMs: RESTART_AFTER_MS,
      });
    }
  }

  private _settleAll(): void {
    for (const pending of this._pending.values()) {
      clearTimeout(pending.timer);
      pending.resolve(undefined);
    }
    this._pending.clear();
  }
}
