import { HeapsterError, PermanentError, RetryableError } from '@heapster/runtime';

/** Stable code of "another process holds the database file" (README "Concurrency"). */
export const DUCKDB_LOCKED_CODE = 'HEAPSTER_ERR_DUCKDB_LOCKED';

/**
 * DuckDB reports errors as `<Class> Error: <message>`. The class decides whether the same
 * write can succeed later: I/O (disk full, a lock held by another process), memory and
 * transaction conflicts can; constraint, conversion, binder or catalog errors cannot.
 */
export function classifyDuckDbError(error: unknown, what: string): HeapsterError {
  if (error instanceof HeapsterError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/Could not set lock on file|Conflicting lock is held/i.test(message)) {
    return new RetryableError(
      `${what}: the database file is held by another process (DuckDB allows one writer process; ` +
        `see the store-duckdb README, "Concurrency"): ${message}`,
      { cause: error, code: DUCKDB_LOCKED_CODE },
    );
  }
  if (/^(IO|Out of Memory|TransactionContext|Interrupt|Connection|Fatal) Error/i.test(message)) {
    return new RetryableError(`${what}: ${message}`, { cause: error });
  }
  return new PermanentError(`${what}: ${message}`, { cause: error });
}

/** Throws the signal's reason (the manager's TimeoutError) when the write was cancelled. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) {
    throw signal.reason instanceof Error ? signal.reason : new RetryableError('write aborted');
  }
}

/** Lets the event loop run (and a deadline fire) during long synchronous loops. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve));
}
