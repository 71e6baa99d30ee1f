import { backoffDelay, sleep } from '@heapster/runtime';
import { GrpcCode, grpcCodeOf } from './grpc-codes.js';

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly requestTimeoutMs: number;
  readonly random?: () => number;
}

/** What became of one request's items (time series, log entries). */
export interface RequestOutcome {
  readonly written: number;
  readonly failed: number;
  /** The final status (OK when everything was written). */
  readonly code: number;
  readonly error?: unknown;
}

/** Called after every attempt (self-metrics: one request per attempt). */
export type AttemptObserver = (code: number, latencyMs: number) => void;

/** One request as the sender sees it; the service-specific parts are the sink's. */
export interface RetriedRequest {
  /** Items the request carries. */
  readonly items: number;
  /** One attempt; rejects with the client's error (a gRPC status). */
  send(timeoutMs: number): Promise<void>;
  /** Codes worth sending the same request again at once. */
  retriedInCall(code: number): boolean;
  /**
   * Items written despite `error`, when it reports a partial failure (a summary in the error
   * details). Such a failure is final: sending again would only repeat the refused items.
   */
  writtenDespite(error: unknown): number | undefined;
}

/** Optional timing of each attempt. */
export interface AttemptTiming {
  readonly observe: AttemptObserver;
  readonly now: () => number;
}

/**
 * Sends one request, again after the codes `retriedInCall` names with capped, jittered
 * backoff, until it succeeds, fails otherwise, runs out of attempts, or `signal` aborts (then
 * the abort reason is thrown). Re-sending must be safe: the sinks send requests the service
 * recognises as already stored (same points, same insertIds).
 */
export async function sendWithRetries(
  request: RetriedRequest,
  policy: RetryPolicy,
  signal: AbortSignal,
  timing?: AttemptTiming,
): Promise<RequestOutcome> {
  const total = request.items;
  for (let attempt = 0; ; attempt++) {
    if (signal.aborted) throw signal.reason;
    const started = timing?.now() ?? 0;
    try {
      await untilAborted(request.send(policy.requestTimeoutMs), signal);
      timing?.observe(GrpcCode.Ok, timing.now() - started);
      return { written: total, failed: 0, code: GrpcCode.Ok };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const code = grpcCodeOf(error);
      timing?.observe(code, timing.now() - started);
      const partial = request.writtenDespite(error);
      if (partial !== undefined) {
        const written = Math.min(total, Math.max(0, partial));
        return { written, failed: total - written, code, error };
      }
      if (!request.retriedInCall(code) || attempt + 1 >= policy.maxAttempts) {
        return { written: 0, failed: total, code, error };
      }
      await sleep(
        backoffDelay(attempt, policy.baseDelayMs, policy.maxDelayMs, policy.random),
        signal,
      );
    }
  }
}

/**
 * Settles with `promise`, or rejects with the abort reason as soon as `signal` aborts. The call
 * itself then ends at its own timeout; its late outcome is ignored.
 */
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
