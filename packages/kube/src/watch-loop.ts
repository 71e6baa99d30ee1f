import { backoffDelay, sleep, type Logger } from '@heapster/runtime';
import { KubeApiError, WatchInactiveError } from './api-client.js';

export interface BackoffOptions {
  /** First retry waits up to this long (full jitter), doubling per failure. */
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000 };

/** What one list-or-watch cycle ended with. */
export type CycleOutcome = 'ended' | 'expired';

export interface WatchLoopOptions {
  readonly what: string;
  readonly logger: Logger;
  readonly signal: AbortSignal;
  readonly backoff: BackoffOptions;
  readonly random: () => number;
  /**
   * One cycle: list when needed, then watch until the stream ends. It calls `healthy` after a
   * successful list and on watch messages, which ends a failure streak (and logs the recovery).
   */
  readonly cycle: (
    healthy: () => void,
  ) => Promise<{ outcome: CycleOutcome; messages: number; durationMs: number }>;
  /** 410: the caller decides (relist in place, or stop and report). Return false to stop the loop. */
  readonly onExpired: () => boolean;
  readonly onError: (error: unknown) => void;
}

/**
 * The retry policy shared by the informers and the event watch, after client-go's reflector:
 * a stream the server ends (or a silent one we time out) is resumed at once from the last
 * resourceVersion; a 410 goes to onExpired; any other failure waits a capped exponential
 * backoff with full jitter. A stream that ends at once with nothing in it counts as a failure,
 * so a server that closes every watch immediately cannot spin us. Logs once per state change.
 */
export async function runWatchLoop(options: WatchLoopOptions): Promise<void> {
  const { logger, signal } = options;
  let failures = 0;
  let expiredStreak = 0;
  let failing = false;
  const healthy = (): void => {
    if (!failing) return;
    failing = false;
    logger.info(`${options.what}: recovered`, { failures });
    failures = 0;
  };
  while (!signal.aborted) {
    let delayAttempt: number | undefined;
    try {
      const result = await options.cycle(healthy);
      if (result.outcome === 'expired') {
        expiredStreak += 1;
        if (!options.onExpired()) return;
        // A relist that is itself expired again and again (compaction racing us) backs off.
        if (expiredStreak > 1) delayAttempt = expiredStreak - 2;
      } else {
        expiredStreak = 0;
        failures = result.messages === 0 && result.durationMs < 1000 ? failures + 1 : 0;
        if (failures > 0) delayAttempt = failures - 1;
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof KubeApiError && error.expired) {
        expiredStreak += 1;
        if (!options.onExpired()) return;
        if (expiredStreak > 1) delayAttempt = expiredStreak - 2;
      } else if (error instanceof WatchInactiveError) {
        // A watch silent past the inactivity limit: reconnect, it is not a failure.
      } else {
        options.onError(error);
        if (!failing) {
          failing = true;
          logger.warn(`${options.what}: failed, retrying with backoff`, { error: describe(error) });
        } else {
          logger.debug(`${options.what}: still failing`, { failures, error: describe(error) });
        }
        failures += 1;
        delayAttempt = failures - 1;
      }
    }
    if (delayAttempt !== undefined) {
      const ms = backoffDelay(
        delayAttempt,
        options.backoff.baseMs,
        options.backoff.maxMs,
        options.random,
      );
      await sleep(ms, signal).catch(() => undefined);
    }
  }
}

export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}

/** A random server-side watch timeout in [5, 10) minutes, as client-go picks one, to spread reconnects. */
export function watchTimeoutSeconds(random: () => number): string {
  return String(300 + Math.floor(random() * 300));
}
