import { describe, expect, it } from '@jest/globals';
import { exposeGc, IdleCollector } from './idle-collector.js';

const MB = 2 ** 20;

/** A collector on a hand-moved clock and heap: `collect` frees down to `live`. */
function harness(options: { idleMs?: number; minGrowthBytes?: number } = {}) {
  const state = { now: 0, used: 100 * MB, live: 100 * MB, collections: 0 };
  const collector = new IdleCollector({
    collect: () => {
      state.collections++;
      state.used = state.live;
    },
    heapUsed: () => state.used,
    now: () => state.now,
    ...options,
  });
  return { state, collector };
}

describe('IdleCollector', () => {
  it('collects once the kubelets have been idle long enough after requests and the heap grew', () => {
    const { state, collector } = harness({ idleMs: 1000, minGrowthBytes: 64 * MB });
    collector.noteRequest();
    state.used += 80 * MB;
    state.now = 999;
    expect(collector.check()).toBe(false);
    state.now = 1000;
    expect(collector.check()).toBe(true);
    expect(state.collections).toBe(1);
    // Nothing served since: no second collection, however much time passes.
    state.used += 80 * MB;
    state.now = 60_000;
    expect(collector.check()).toBe(false);
  });

  it('never collects while requests keep arriving (a scrape under way)', () => {
    const { state, collector } = harness({ idleMs: 1000, minGrowthBytes: MB });
    for (let t = 0; t < 10_000; t += 100) {
      state.now = t;
      state.used += 10 * MB;
      collector.noteRequest();
      expect(collector.check()).toBe(false);
    }
    expect(state.collections).toBe(0);
  });

  it('leaves a heap that grew less than the threshold since the last collection alone', () => {
    const { state, collector } = harness({ idleMs: 1000, minGrowthBytes: 64 * MB });
    collector.noteRequest();
    state.used += 63 * MB;
    state.now = 5000;
    expect(collector.check()).toBe(false);
    // The baseline is the heap after the last collection, not the one at start.
    state.used += 2 * MB;
    collector.noteRequest();
    state.now = 7000;
    expect(collector.check()).toBe(true);
    state.live = 150 * MB;
    collector.noteRequest();
    state.now = 10_000;
    state.used = 150 * MB + 30 * MB;
    expect(collector.check()).toBe(true);
    collector.noteRequest();
    state.now = 20_000;
    state.used = 150 * MB + 60 * MB;
    expect(collector.check()).toBe(false);
  });

  it('decides once per burst, as it goes idle: never between scrapes, when the next may begin', () => {
    const { state, collector } = harness({ idleMs: 1000, minGrowthBytes: 64 * MB });
    collector.noteRequest();
    state.used += 10 * MB;
    state.now = 1000;
    expect(collector.check()).toBe(false);
    // The heap crosses the threshold between scrapes (events, status updates): no collection.
    for (state.now = 1250; state.now < 15_000; state.now += 250) {
      state.used += 2 * MB;
      expect(collector.check()).toBe(false);
    }
    // The next scrape ends: collected in the quiet after it.
    collector.noteRequest();
    expect(collector.check()).toBe(false);
    state.now += 1000;
    expect(collector.check()).toBe(true);
    expect(state.collections).toBe(1);
  });

  it('reports each collection with the heap before and after', () => {
    const reports: { beforeBytes: number; afterBytes: number }[] = [];
    const state = { used: 300 * MB };
    const collector = new IdleCollector({
      collect: () => {
        state.used = 120 * MB;
      },
      heapUsed: () => state.used,
      now: () => 0,
      idleMs: 0,
      minGrowthBytes: 0,
      onCollect: report => reports.push(report),
    });
    collector.noteRequest();
    state.used = 310 * MB;
    expect(collector.check()).toBe(true);
    expect(reports).toEqual([
      expect.objectContaining({ beforeBytes: 310 * MB, afterBytes: 120 * MB }),
    ]);
  });

  it('gets V8 full collection without --expose-gc', () => {
    const gc = exposeGc();
    expect(typeof gc).toBe('function');
    expect(() => gc()).not.toThrow();
  });
});
