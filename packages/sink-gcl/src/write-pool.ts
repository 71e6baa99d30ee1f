import { isTransient, type RequestOutcome } from '@heapster/gcp';

/** The sum of one write's requests. */
export interface WriteTotals {
  readonly written: number;
  /** Entries refused for good (bad entry, permission): sending them again fails again. */
  readonly refused: number;
  /** Entries not stored because the service was unreachable or overloaded: worth a retry. */
  readonly unavailable: number;
  /** The first failed request, for messages. */
  readonly firstFailure: RequestOutcome | undefined;
}

/**
 * Sends requests with at most `workers` in flight, pulling the next one from the lazy generator
 * only when a worker is free. When `signal` aborts, the abort reason is thrown once the workers
 * stop: the eventer then retries the whole batch, which the insertIds make safe.
 */
export async function writeAll<T extends readonly unknown[]>(
  requests: Iterator<T>,
  workers: number,
  send: (request: T) => Promise<RequestOutcome>,
  signal: AbortSignal,
): Promise<WriteTotals> {
  let written = 0;
  let refused = 0;
  let unavailable = 0;
  let firstFailure: RequestOutcome | undefined;
  const worker = async (): Promise<void> => {
    while (!signal.aborted) {
      const next = requests.next();
      if (next.done === true) return;
      const outcome = await send(next.value);
      written += outcome.written;
      if (outcome.failed === 0) continue;
      firstFailure ??= outcome;
      if (isTransient(outcome.code)) unavailable += outcome.failed;
      else refused += outcome.failed;
    }
  };
  const results = await Promise.allSettled(Array.from({ length: workers }, worker));
  if (signal.aborted) throw signal.reason;
  for (const result of results) if (result.status === 'rejected') throw result.reason;
  return { written, refused, unavailable, firstFailure };
}
