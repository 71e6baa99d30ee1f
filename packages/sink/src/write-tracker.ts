import { PermanentError } from '@heapster/runtime';

/**
 * The shutdown rules of the sink contract in one place, for every sink to share: after
 * `close()` every write rejects permanently, and `idle()` waits for the writes still in
 * flight (or for the deadline, whichever is first).
 *
 *   write(batch, options) { return this._tracker.run(() => this._write(batch, options.signal)); }
 *   flush(options)        { return this._tracker.idle(options.signal); }
 */
export class WriteTracker {
  private readonly _name: string;
  private readonly _inFlight = new Set<Promise<unknown>>();
  private _closed = false;

  /** `name` is the sink's name, quoted by the rejection of writes after shutdown. */
  constructor(name: string) {
    this._name = name;
  }

  get closed(): boolean {
    return this._closed;
  }

  /** Runs one write, unless the sink is shut down (then rejects with PermanentError). */
  run<T>(operation: () => Promise<T>): Promise<T> {
    if (this._closed) return Promise.reject(new PermanentError(`${this._name} is shut down`));
    return this.track(operation());
  }

  /** Counts a background task (e.g. preparing the database) as work in flight. */
  track<T>(promise: Promise<T>): Promise<T> {
    this._inFlight.add(promise);
    const forget = (): void => {
      this._inFlight.delete(promise);
    };
    promise.then(forget, forget);
    return promise;
  }

  /** Refuses every later write; work already in flight goes on (await `idle` for it). */
  close(): void {
    this._closed = true;
  }

  /** Resolves when no write is in flight, or when `signal` aborts (the deadline), whichever is first. */
  async idle(signal: AbortSignal): Promise<void> {
    if (this._inFlight.size === 0 || signal.aborted) return;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<void>(resolve => {
      onAbort = () => resolve();
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([Promise.allSettled([...this._inFlight]), aborted]);
    } finally {
      if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
    }
  }
}
