import { describe, expect, it } from '@jest/globals';
import { PermanentError } from '@heapster/runtime';
import { WriteTracker } from './write-tracker.js';

/** A promise the test settles by hand. */
function deferred<T = void>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Whether `promise` has settled by the time queued microtasks and one macrotask have run. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise(resolve => setImmediate(resolve));
  return settled;
}

const never = (): AbortSignal => new AbortController().signal;

describe('WriteTracker', () => {
  it('passes a write through and its result back', async () => {
    const tracker = new WriteTracker('log');
    await expect(tracker.run(async () => 42)).resolves.toBe(42);
    await expect(tracker.run(async () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
  });

  it('after close() rejects every write permanently, naming the sink, without running it', async () => {
    const tracker = new WriteTracker('influxdb(http://influx:8086, db=k8s)');
    tracker.close();
    expect(tracker.closed).toBe(true);
    let ran = false;
    const write = tracker.run(async () => {
      ran = true;
    });
    await expect(write).rejects.toBeInstanceOf(PermanentError);
    await expect(write).rejects.toThrow('influxdb(http://influx:8086, db=k8s) is shut down');
    expect(ran).toBe(false);
  });

  it('idle() resolves at once when nothing is in flight', async () => {
    const tracker = new WriteTracker('log');
    expect(await isSettled(tracker.idle(never()))).toBe(true);
  });

  it('idle() waits for writes in flight, failed ones included, also those started before close()', async () => {
    const tracker = new WriteTracker('log');
    const first = deferred();
    const second = deferred();
    const a = tracker.run(() => first.promise);
    const b = tracker.run(() => second.promise);
    b.catch(() => undefined);
    tracker.close();
    const idle = tracker.idle(never());
    expect(await isSettled(idle)).toBe(false);
    first.resolve();
    await a;
    expect(await isSettled(idle)).toBe(false);
    second.reject(new Error('refused'));
    expect(await isSettled(idle)).toBe(true);
  });

  it('idle() counts tracked background work and stops waiting when the deadline aborts', async () => {
    const tracker = new WriteTracker('duckdb');
    const setup = deferred<string>();
    await expect(Promise.race([tracker.track(setup.promise), 'pending'])).resolves.toBe('pending');
    const deadline = new AbortController();
    const idle = tracker.idle(deadline.signal);
    expect(await isSettled(idle)).toBe(false);
    deadline.abort();
    expect(await isSettled(idle)).toBe(true);
    expect(await isSettled(tracker.idle(deadline.signal))).toBe(true);
    setup.resolve('ready');
    expect(await isSettled(tracker.idle(never()))).toBe(true);
  });

  it('forgets finished writes, so a later idle() does not wait for them', async () => {
    const tracker = new WriteTracker('log');
    const write = deferred();
    const run = tracker.run(() => write.promise);
    write.resolve();
    await run;
    expect(await isSettled(tracker.idle(never()))).toBe(true);
  });
});
