import { readFileSync } from 'node:fs';
import { isSharedArrayBuffer } from 'node:util/types';
import { afterEach, describe, expect, it } from '@jest/globals';
import { DataBatch } from '@heapster/model';
import { dumpBatch } from '../testing/dump-batch.js';
import { decodeSummary, decodeSummaryTape } from '../summary/decode-summary.js';
import { SummaryReadWorkers } from './summary-read-workers.js';

// The worker runs the built script (turbo builds this package before its tests).
const entry = new URL('../../dist/read-worker/read-worker-main.js', import.meta.url);
const golden = readFileSync(new URL('../../testdata/summary-golden.json', import.meta.url));
const context = { nodeName: 'n', hostname: 'n', hostId: '', scrapeStartMs: 1_714_564_800_000 };

/** A body as the kubelet client hands it out: in a pooled SharedArrayBuffer, at an offset. */
function sharedBody(bytes: Uint8Array, offset = 16): Buffer {
  const body = Buffer.from(new SharedArrayBuffer(offset + bytes.length), offset, bytes.length);
  body.set(bytes);
  return body;
}

const dump = (write: (batch: DataBatch) => void): string[] => {
  const batch = new DataBatch({ timestamp: 0 });
  write(batch);
  return dumpBatch(batch);
};

let workers: SummaryReadWorkers | undefined;
afterEach(async () => {
  await workers?.close();
  workers = undefined;
});

describe('SummaryReadWorkers', () => {
  it('reads shared bodies on a worker thread into tapes that write the same rows', async () => {
    workers = new SummaryReadWorkers({ workers: 1, timeoutMs: 10_000, entry });
    const body = sharedBody(golden);
    const tape = await workers.tryRead(body);
    expect(tape).toBeDefined();
    expect(workers.counts).toEqual({ read: 1, failed: 0 });
    const taped = dump(batch => decodeSummaryTape(tape!, body, batch, context));
    expect(taped.length).toBeGreaterThan(20);
    expect(taped).toEqual(dump(batch => decodeSummary(golden, batch, context)));
  });

  it('writes tapes into shared memory it takes back, so a scrape makes no buffer per body', async () => {
    workers = new SummaryReadWorkers({ workers: 1, timeoutMs: 10_000, entry });
    const body = sharedBody(golden);
    // Each message wraps shared memory in a new object: the memory is told by a mark past the tape.
    const marked = (numbers: Float64Array<ArrayBufferLike> | undefined): boolean => {
      const memory = new Uint8Array(numbers?.buffer ?? new ArrayBuffer(1));
      return memory[memory.length - 1] === 0x7f;
    };
    const first = await workers.tryRead(body);
    expect(isSharedArrayBuffer(first?.numbers.buffer)).toBe(true);
    const memory = new Uint8Array(first!.numbers.buffer);
    memory[memory.length - 1] = 0x7f;
    const expected = Array.from(first!.numbers);
    workers.release(first!);
    const second = await workers.tryRead(body);
    expect(marked(second?.numbers)).toBe(true);
    expect(Array.from(second!.numbers)).toEqual(expected);
    // Not given back: the next read gets other memory.
    const third = await workers.tryRead(body);
    expect(marked(third?.numbers)).toBe(false);
    expect(Array.from(third!.numbers)).toEqual(expected);
  });

  it('answers undefined for a body the fast reader refuses, to be decoded here', async () => {
    workers = new SummaryReadWorkers({ workers: 1, timeoutMs: 10_000, entry });
    expect(await workers.tryRead(sharedBody(Buffer.from('{"node": 3}')))).toBeUndefined();
    expect(workers.counts).toEqual({ read: 0, failed: 0 });
  });

  it('takes no body that is not shared, and none beyond maxQueued a worker', async () => {
    workers = new SummaryReadWorkers({ workers: 2, maxQueued: 1, timeoutMs: 10_000, entry });
    expect(workers.tryRead(Buffer.from(golden))).toBeUndefined();
    const first = workers.tryRead(sharedBody(golden));
    const second = workers.tryRead(sharedBody(golden));
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(workers.tryRead(sharedBody(golden))).toBeUndefined();
    await Promise.all([first, second]);
    expect(workers.counts.read).toBe(2);
    expect(workers.tryRead(sharedBody(golden))).toBeDefined();
  });

  it.each([
    ['crashes', 'process.exit(3)', 10_000],
    ['never answers', 'setInterval(() => {}, 1000)', 300],
  ])(
    'gives its bodies back to the main thread when the worker %s',
    async (_, script, timeoutMs) => {
      workers = new SummaryReadWorkers({
        workers: 1,
        timeoutMs,
        entry: new URL(`data:text/javascript,${encodeURIComponent(script)}`),
      });
      const read = workers.tryRead(sharedBody(golden));
      expect(read).toBeDefined();
      expect(await read).toBeUndefined();
      expect(workers.counts.failed).toBe(1);
      // Not restarted at once: the next bodies are read on the main thread.
      expect(workers.tryRead(sharedBody(golden))).toBeUndefined();
    },
  );
});
