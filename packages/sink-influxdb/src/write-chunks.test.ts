import { describe, expect, it } from '@jest/globals';
import { PartialWriteError, PermanentError, RetryableError } from '@heapster/runtime';
import type { LineChunk } from './serializer.js';
import { writeChunks } from './write-chunks.js';

function* chunks(sizes: number[]): Generator<LineChunk> {
  for (const lines of sizes) yield { body: new Uint8Array(0), lines };
}

const signal = () => new AbortController().signal;

describe('writeChunks', () => {
  it('should keep writing after a partial write and report the total dropped', async () => {
    let call = 0;
    const write = writeChunks(
      chunks([10, 10, 10]),
      1,
      async () => {
        if (call++ !== 2) throw new PartialWriteError('field type conflict', 3);
      },
      signal(),
    );
    await expect(write).rejects.toMatchObject({ failed: 6 });
    expect(call).toBe(3);
  });

  it('should throw the error itself when the first request fails (backend down)', async () => {
    const down = new RetryableError('ECONNREFUSED');
    let calls = 0;
    const write = writeChunks(
      chunks([10, 10, 10]),
      1,
      async () => {
        calls++;
        throw down;
      },
      signal(),
    );
    await expect(write).rejects.toBe(down);
    expect(calls).toBe(1);
  });

  it('should count what was lost when a failure stops a write half way', async () => {
    let call = 0;
    const write = writeChunks(
      chunks([10, 10, 10, 10]),
      1,
      async () => {
        if (call++ === 1) throw new PermanentError('401 unauthorized');
      },
      signal(),
    );
    await expect(write).rejects.toBeInstanceOf(PartialWriteError);
    await expect(write).rejects.toMatchObject({ failed: 30 });
  });

  it('should never have more than `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    await writeChunks(
      chunks(Array.from({ length: 20 }, () => 1)),
      3,
      async () => {
        peak = Math.max(peak, ++inFlight);
        await new Promise(resolve => setImmediate(resolve));
        inFlight--;
      },
      signal(),
    );
    expect(peak).toBe(3);
  });

  it('should throw the failure itself for a resendable (idempotent) write, even half way', async () => {
    const down = new RetryableError('ECONNRESET');
    let call = 0;
    const write = writeChunks(
      chunks([10, 10, 10]),
      1,
      async () => {
        if (call++ === 1) throw down;
      },
      signal(),
      true,
    );
    await expect(write).rejects.toBe(down);
  });
});
