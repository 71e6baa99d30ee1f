import { describe, expect, it } from '@jest/globals';
import { ManualClock, createMemoryLogger } from '@heapster/runtime';
import { ScrapeLoop, type Timers } from './scrape-loop.js';

/** Timers the test fires by hand, in due order. */
class ManualTimers implements Timers {
  readonly pending = new Map<number, { callback: () => void; due: number }>();
  private _next = 0;
  constructor(private readonly _clock: ManualClock) {}
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this._next++;
    this.pending.set(id, { callback, due: this._clock.now() + ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fireNext(): number {
    const [id, timer] = [...this.pending.entries()].sort((a, b) => a[1].due - b[1].due)[0] ?? [];
    if (id === undefined || timer === undefined) throw new Error('no timer pending');
    this.pending.delete(id);
    this._clock.set(timer.due);
    timer.callback();
    return timer.due;
  }
}

function setup(run: (windowEnd: number, signal: AbortSignal) => Promise<void>) {
  const clock = new ManualClock(1_000_000 + 3_000);
  const timers = new ManualTimers(clock);
  const skipped: number[] = [];
  const logger = createMemoryLogger();
  const loop = new ScrapeLoop({
    resolutionMs: 15_000,
    offsetMs: 5_000,
    run,
    clock,
    logger,
    timers,
    onSkip: windowEnd => skipped.push(windowEnd),
  });
  return { clock, timers, loop, skipped, logger };
}

const flush = () => new Promise(resolve => setImmediate(resolve));

describe('ScrapeLoop', () => {
  it('should fire at each window end plus the offset, with aligned window ends', async () => {
    const windows: number[] = [];
    const { timers, loop } = setup(async windowEnd => void windows.push(windowEnd));
    loop.start();
    expect(timers.fireNext()).toBe(1_005_000 + 5_000);
    await flush();
    expect(timers.fireNext()).toBe(1_020_000 + 5_000);
    await flush();
    expect(windows).toEqual([1_005_000, 1_020_000]);
    await loop.stop();
    expect(timers.pending.size).toBe(0);
  });

  it('should skip a tick while the previous run is in flight, never queue it', async () => {
    let release: () => void = () => undefined;
    const windows: number[] = [];
    const { timers, loop, skipped } = setup(
      windowEnd =>
        new Promise<void>(resolve => {
          windows.push(windowEnd);
          release = resolve;
        }),
    );
    loop.start();
    timers.fireNext();
    timers.fireNext();
    await flush();
    expect(windows).toEqual([1_005_000]);
    expect(skipped).toEqual([1_020_000]);
    release();
    await flush();
    timers.fireNext();
    await flush();
    expect(windows).toEqual([1_005_000, 1_035_000]);
    release();
    await loop.stop();
  });

  it('should keep going after a failing run and log it', async () => {
    let calls = 0;
    const { timers, loop, logger } = setup(async () => {
      calls++;
      if (calls === 1) throw new Error('API server unreachable');
    });
    loop.start();
    timers.fireNext();
    await flush();
    timers.fireNext();
    await flush();
    expect(calls).toBe(2);
    expect(loop.runs).toBe(1);
    expect(logger.lines.map(l => l.message)).toEqual(['housekeeping run failed']);
    await loop.stop();
  });

  it('should abort the run in flight on stop and wait for it', async () => {
    let aborted = false;
    const { timers, loop } = setup(
      (_w, signal) =>
        new Promise<void>(resolve =>
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve();
          }),
        ),
    );
    loop.start();
    timers.fireNext();
    await loop.stop();
    expect(aborted).toBe(true);
  });
});
