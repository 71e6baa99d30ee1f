import { backoffDelay, sleep } from '@heapster/runtime';
import { GrpcCode, grpcCodeOf, isRetriedInCall } from './grpc-codes.js';
import type { LoggingClient, WriteRequest } from './logging-client.js';

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly requestTimeoutMs: number;
  readonly random?: () => number;
}

/** What became of one request's entries. */
export interface RequestOutcome {
  readonly written: number;
  readonly failed: number;
  /** The final status (OK when everything was written). */
  readonly code: number;
  readonly error?: unknown;
}

/**
 * Sends one WriteLogEntries request, again after Unavailable, DeadlineExceeded or Internal with
 * capped, jittered backoff, until it succeeds, fails otherwise, runs out of attempts, or
 * `signal` aborts (then the abort reason is thrown). The request is sent again unchanged: same
 * insertIds and timestamps, so entries a failed attempt did store are not stored twice.
 *
 * Refused entries (WriteLogEntriesPartialErrors in the error details; the others were stored
 * thanks to partialSuccess) are final: they would be refused again.
 */
export async function sendWithRetries(
  client: LoggingClient,
  request: WriteRequest,
  policy: RetryPolicy,
  signal: AbortSignal,
): Promise<RequestOutcome> {
  const total = request.entries.length;
  for (let attempt = 0; ; attempt++) {
    if (signal.aborted) throw signal.reason;
    try {
      await untilAborted(client.writeLogEntries(request, policy.requestTimeoutMs), signal);
      return { written: total, failed: 0, code: GrpcCode.Ok };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const code = grpcCodeOf(error);
      const refused = refusedEntries(error);
      if (refused !== undefined) {
        const failed = Math.min(total, refused);
        return { written: total - failed, failed, code, error };
      }
      if (!isRetriedInCall(code) || attempt + 1 >= policy.maxAttempts) {
        return { written: 0, failed: total, code, error };
      }
      await sleep(
        backoffDelay(attempt, policy.baseDelayMs, policy.maxDelayMs, policy.random),
        signal,
      );
    }
  }
}

/** How many entries WriteLogEntriesPartialErrors (decoded by the client into statusDetails) lists. */
function refusedEntries(error: unknown): number | undefined {
  const details = (error as { statusDetails?: unknown } | null)?.statusDetails;
  if (!Array.isArray(details)) return undefined;
  for (const detail of details as unknown[]) {
    const errors = (detail as { logEntryErrors?: unknown } | null)?.logEntryErrors;
    if (errors !== null && typeof errors === 'object') return Object.keys(errors).length;
  }
  return undefined;
}

/** Settles with `promise`, or rejects with the abort reason as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
