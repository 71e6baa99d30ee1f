import { describe, expect, it } from '@jest/globals';
import { RetryableError, TimeoutError } from './errors.js';
import { backoffDelay, sleep, withTimeout } from './timeout.js';

describe('withTimeout', () => {
  it('should resolve with the operation result when it finishes in time', async () => {
    await expect(withTimeout('quick', 1000, async () => 42)).resolves.toBe(42);
  });

  it('should reject with a retryable TimeoutError and abort the signal when the deadline passes', async () => {
    let seen: AbortSignal | undefined;
    const never = (signal: AbortSignal) => {
      seen = signal;
      return new Promise<never>(() => undefined);
    };
    const result = withTimeout('scrape node-1', 20, never);
    await expect(result).rejects.toBeInstanceOf(TimeoutError);
    await expect(result).rejects.toThrow('scrape node-1 timed out after 20 ms');
    await expect(result).rejects.toBeInstanceOf(RetryableError);
    expect(seen?.aborted).toBe(true);
  });

  it('should abort the operation when the parent signal aborts', async () => {
    const parent = new AbortController();
    const result = withTimeout('write', 10_000, signal => sleep(10_000, signal), parent.signal);
    parent.abort(new Error('shutting down'));
    await expect(result).rejects.toThrow('shutting down');
  });
});

describe('sleep', () => {
  it('should reject at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(sleep(1000, controller.signal)).rejects.toThrow('gone');
  });
});

describe('backoffDelay', () => {
  it('should grow exponentially up to the cap, scaled by the jitter draw', () => {
    const top = () => 0.999999;
    expect(backoffDelay(0, 100, 10_000, top)).toBe(99);
    expect(backoffDelay(3, 100, 10_000, top)).toBe(799);
    expect(backoffDelay(20, 100, 10_000, top)).toBe(9999);
    expect(backoffDelay(5, 100, 10_000, () => 0)).toBe(0);
  });
});
