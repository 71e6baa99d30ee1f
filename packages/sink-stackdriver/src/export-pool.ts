import { isTransient, type RequestOutcome } from '@heapster/gcp';

/** The sum of one batch's requests. */
export interface ExportTotals {
  readonly written: number;
  readonly failed: number;
  /** Series never sent because the deadline passed first. */
  readonly unsent: number;
  /** Every failure was worth retrying later (unreachable, overloaded, deadline). */
  readonly transientOnly: boolean;
  /** The first failed request, for the error message. */
  readonly firstFailure: RequestOutcome | undefined;
}

/** Cuts a stream of items into arrays of at most `size`, lazily. */
export function* chunksOf<T>(items: Iterable<T>, size: number): Generator<T[], void, undefined> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Sends requests with at most `workers` in flight, pulling the next one from the (lazy)
 * generator only when a worker is free, so memory holds `workers` requests. When `signal`
 * aborts, workers stop and the series not yet sent are counted as unsent (Heapster counted
 * them as DeadlineExceeded; `onUnsent` lets the caller do the same).
 */
export async function exportAll<T extends readonly unknown[]>(
  requests: Iterator<T>,
  workers: number,
  send: (request: T) => Promise<RequestOutcome>,
  signal: AbortSignal,
  onUnsent: (count: number) => void,
): Promise<ExportTotals> {
  let written = 0;
  let failed = 0;
  let unsent = 0;
  let transientOnly = true;
  let firstFailure: RequestOutcome | undefined;
  const worker = async (): Promise<void> => {
    while (!signal.aborted) {
      const next = requests.next();
      if (next.done === true) return;
      let outcome: RequestOutcome;
      try {
        outcome = await send(next.value);
      } catch (error) {
        if (!signal.aborted) throw error;
        unsent += next.value.length;
        return;
      }
      written += outcome.written;
      failed += outcome.failed;
      if (outcome.failed > 0) {
        firstFailure ??= outcome;
        if (!isTransient(outcome.code)) transientOnly = false;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  if (signal.aborted) {
    for (let next = requests.next(); next.done !== true; next = requests.next()) {
      unsent += next.value.length;
    }
  }
  if (unsent > 0) onUnsent(unsent);
  return { written, failed, unsent, transientOnly, firstFailure };
}
