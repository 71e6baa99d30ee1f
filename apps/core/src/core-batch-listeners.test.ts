import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startCoreHarness, type CoreHarness } from './testing/core-harness.js';

describe('Core.onBatchStored', () => {
  let h: CoreHarness;

  beforeAll(async () => {
    h = await startCoreHarness({ nodes: 2, podsPerNode: 2, segmentSeconds: 3600 }, [
      '--metric_resolution=5s',
    ]);
  });

  afterAll(async () => {
    await h.close();
  });

  // The loop's first run starts at the next 5 s boundary plus its offset: up to ~7 s.
  it('tells listeners after each scrape loop run has stored its batch', async () => {
    const seen: number[] = [];
    let unsubscribe: () => void = () => undefined;
    const first = new Promise<void>(resolve => {
      unsubscribe = h.core.onBatchStored(() => {
        seen.push(h.core.store?.latest()?.batch.timestamp ?? Number.NaN);
        resolve();
      });
    });
    // A listener that throws is logged and does not fail the run or the other listeners.
    const stopThrowing = h.core.onBatchStored(() => {
      throw new Error('listener bug');
    });
    h.core.loop.start();
    await first;
    await h.core.loop.stop();
    unsubscribe();
    stopThrowing();
    expect(seen.length).toBeGreaterThan(0);
    // The batch is in the store when listeners hear of it.
    expect(seen[0]).toBe(h.core.pipeline.last?.batch.timestamp);
    expect(h.logger.lines.some(e => e.message === 'batch-stored listener failed')).toBe(true);
    expect(h.logger.lines.some(e => e.message === 'housekeeping run failed')).toBe(false);
  }, 30_000);
});
