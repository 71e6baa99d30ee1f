import { PermanentError } from '@heapster/runtime';

/**
 * The shutdown rules of the sink contract: after `close()` every write rejects permanently,
 * and `idle()` waits for the writes still in flight (or for the deadline, whichever is first).
 */
export class WriteTracker {
  private readonly _inFlight = new Set<Promise<unknown>>();
  private _closed = false;

  constructor(private readonly _name: string) {}

  get closed(): boolean {
    return this._closed;
  }

  run<T>(operation: () => Promise<T>): Promise<T> {
    if (this._closed) return Promise.reject(new PermanentError(`${this._name} is shut down`));
    const promise = operation();
    this._inFlight.add(promise);
    const forget = (): void => {
      this._inFlight.delete(promise);
    };
    promise.then(forget, forget);
    return promise;
  }

  close(): void {
    this._closed = true;
  }

  async idle(signal: AbortSignal): Promise<void> {
    if (this._inFlight.size === 0 || signal.aborted) return;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<void>(resolve => {
      onAbort = resolve;
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([Promise.allSettled([...this._inFlight]), aborted]);
    } finally {
      if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
    }
  }
}
