import { backoffDelay, sleep } from '@heapster/runtime';
import { GrpcCode, grpcCodeOf, isRetriedInCall } from './grpc-codes.js';
import type { TimeSeries } from './time-series.js';

/** The one call the sink makes; the production one wraps MetricServiceClient (monitoring-client.ts). */
export interface TimeSeriesClient {
  createTimeSeries(
    request: { readonly name: string; readonly timeSeries: readonly TimeSeries[] },
    timeoutMs: number,
  ): Promise<void>;
}

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly requestTimeoutMs: number;
  readonly random?: () => number;
}

/** What became of one request's series. */
export interface RequestOutcome {
  readonly written: number;
  readonly failed: number;
  /** The final status (OK when everything was written). */
  readonly code: number;
  readonly error?: unknown;
}

/** Called after every attempt (self-metrics: one request per attempt). */
export type AttemptObserver = (code: number, latencyMs: number) => void;

/**
 * Sends one CreateTimeSeries request, again after Unavailable or DeadlineExceeded with capped,
 * jittered backoff, until it succeeds, fails otherwise, runs out of attempts, or `signal`
 * aborts (then the abort reason is thrown). Re-sending is safe: Cloud Monitoring refuses a
 * second point at the same time for a series instead of storing it twice.
 *
 * A partial failure (some series refused, reported as a CreateTimeSeriesSummary in the error
 * details) is final: re-sending would only repeat the refused series.
 */
export async function sendWithRetries(
  client: TimeSeriesClient,
  request: { readonly name: string; readonly timeSeries: readonly TimeSeries[] },
  policy: RetryPolicy,
  signal: AbortSignal,
  observe: AttemptObserver,
  now: () => number,
): Promise<RequestOutcome> {
  const total = request.timeSeries.length;
  for (let attempt = 0; ; attempt++) {
    if (signal.aborted) throw signal.reason;
    const started = now();
    try {
      await untilAborted(client.createTimeSeries(request, policy.requestTimeoutMs), signal);
      observe(GrpcCode.Ok, now() - started);
      return { written: total, failed: 0, code: GrpcCode.Ok };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const code = grpcCodeOf(error);
      observe(code, now() - started);
      const summary = summaryOf(error);
      if (summary !== undefined) {
        const written = Math.min(total, Math.max(0, summary.successPointCount));
        return { written, failed: total - written, code, error };
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

/** The CreateTimeSeriesSummary the client decodes into `statusDetails`, if the error has one. */
function summaryOf(error: unknown): { successPointCount: number } | undefined {
  const details = (error as { statusDetails?: unknown } | null)?.statusDetails;
  if (!Array.isArray(details)) return undefined;
  for (const detail of details as unknown[]) {
    const summary = detail as { totalPointCount?: unknown; successPointCount?: unknown } | null;
    if (summary !== null && typeof summary === 'object' && 'totalPointCount' in summary) {
      return { successPointCount: Number(summary.successPointCount ?? 0) };
    }
  }
  return undefined;
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
