// Bounded polling: tests wait for a condition, never for a fixed time, and a timeout names
// what was awaited (and the last error seen) so a failure explains itself.

export interface WaitForOptions {
  /** What is awaited, in words: it goes into the timeout error. */
  readonly description: string;
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /** Checked before each attempt; a returned reason aborts the wait at once (e.g. "process exited"). */
  readonly giveUpIf?: () => string | undefined;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_INTERVAL_MS = 50;

/**
 * Polls `condition` until it returns a truthy value, which is then returned. Errors thrown by
 * the condition count as "not yet".
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: WaitForOptions,
): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  if (!(timeoutMs > 0)) throw new Error(`waitFor: timeoutMs must be > 0, got ${timeoutMs}`);
  if (!(intervalMs > 0)) throw new Error(`waitFor: intervalMs must be > 0, got ${intervalMs}`);
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const reason = options.giveUpIf?.();
    if (reason !== undefined) {
      throw new Error(`gave up waiting for ${options.description}: ${reason}`);
    }
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(intervalMs, Math.max(1, deadline - Date.now())));
  }
  const last = lastError === undefined ? '' : ` (last error: ${describeError(lastError)})`;
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.description}${last}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
