import { describe, expect, it } from '@jest/globals';
import { waitFor } from './wait-for.js';

describe('waitFor', () => {
  it('returns the first truthy value of the condition', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : undefined), {
      description: 'three calls',
      intervalMs: 1,
    });
    expect(value).toEqual({ calls: 3 });
  });

  it('names what it waited for and the last error when it times out', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('connection refused');
        },
        { description: 'the server to answer', timeoutMs: 50, intervalMs: 5 },
      ),
    ).rejects.toThrow(
      'timed out after 50 ms waiting for the server to answer (last error: connection refused)',
    );
  });

  it('gives up at once when giveUpIf returns a reason', async () => {
    let calls = 0;
    await expect(
      waitFor(() => ++calls > 100, {
        description: 'never',
        timeoutMs: 60_000,
        giveUpIf: () => (calls >= 2 ? 'the process exited' : undefined),
      }),
    ).rejects.toThrow('gave up waiting for never: the process exited');
    expect(calls).toBe(2);
  });

  it('rejects a non-positive timeout, naming it', async () => {
    await expect(waitFor(() => true, { description: 'x', timeoutMs: 0 })).rejects.toThrow(
      /timeoutMs must be > 0, got 0/,
    );
  });
});
