import { describe, expect, it } from '@jest/globals';
import { SliceScheduler } from './slice-scheduler.js';

/** A clock the jobs move forward, so slices are decided without real time. */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: ms => (t += ms) };
}

const turn = (): Promise<void> => new Promise(resolve => setImmediate(resolve));

describe('SliceScheduler', () => {
  it('runs jobs in order, at most a budget of them per turn of the event loop', async () => {
    const clock = fakeClock();
    const slices = new SliceScheduler(10, clock.now);
    const ran: number[] = [];
    const turns: number[] = [];
    // Counts turns of the event loop: one increment per check phase.
    let currentTurn = 0;
    let counting = true;
    const tick = (): void => {
      currentTurn++;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    const results = Array.from({ length: 9 }, (_, i) =>
      slices.run(() => {
        clock.advance(4); // each job "takes" 4 ms: three fit a 10 ms slice
        ran.push(i);
        turns.push(currentTurn);
        return i * 2;
      }),
    );
    await expect(Promise.all(results)).resolves.toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16]);
    counting = false;
    expect(ran).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // Three slices of three jobs, each slice in a later turn than the one before.
    expect(turns[0]).toBe(turns[2]);
    expect(turns[3]).toBe(turns[5]);
    expect(turns[6]).toBe(turns[8]);
    expect(new Set(turns).size).toBe(3);
  });

  it('lets other callbacks run between slices', async () => {
    const clock = fakeClock();
    const slices = new SliceScheduler(5, clock.now);
    const order: string[] = [];
    const jobs = [1, 2, 3].map(i =>
      slices.run(() => {
        clock.advance(5);
        order.push(`job${i}`);
      }),
    );
    setImmediate(() => order.push('other'));
    await Promise.all(jobs);
    await turn();
    expect(order.indexOf('other')).toBeGreaterThan(0);
    expect(order.indexOf('other')).toBeLessThan(order.length - 1);
  });

  it('rejects with the job error and goes on with the others', async () => {
    const slices = new SliceScheduler(10);
    const failing = slices.run(() => {
      throw new Error('malformed');
    });
    const fine = slices.run(() => 'ok');
    await expect(failing).rejects.toThrow('malformed');
    await expect(fine).resolves.toBe('ok');
    expect(slices.waiting).toBe(0);
  });

  it('refuses a budget that is not a non-negative number', () => {
    expect(() => new SliceScheduler(-1)).toThrow('budgetMs');
    expect(() => new SliceScheduler(Number.NaN)).toThrow('budgetMs');
  });
});
