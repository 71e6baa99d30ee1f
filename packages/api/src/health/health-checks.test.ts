import { describe, expect, it } from '@jest/globals';
import { ManualClock } from '@heapster/runtime';
import { RecentStore } from '@heapster/store-memory';
import { sampleStore } from '../testing/sample-cluster.js';
import { loopLiveness, storeReadiness } from './health-checks.js';

describe('loopLiveness', () => {
  it('should stay live while the last tick started within 1.5 × resolution', () => {
    const clock = new ManualClock(100_000);
    let last: number | undefined = undefined;
    const live = loopLiveness({ lastTickStartedMs: () => last, resolutionMs: 60_000, clock });
    expect(live()).toEqual({ ok: true, reason: 'waiting for the first tick' });
    clock.advance(90_000);
    expect(live().ok).toBe(true);
    clock.advance(1);
    expect(live()).toEqual({
      ok: false,
      reason: 'no scrape tick has started 90.0s after start, more than 1.5 × resolution (90s)',
    });
    last = clock.now();
    clock.advance(30_000);
    expect(live()).toEqual({ ok: true, reason: 'last tick started 30s ago' });
    clock.advance(60_001);
    expect(live().reason).toBe(
      'the last scrape tick started 90.0s ago, more than 1.5 × resolution (90s)',
    );
  });
});

describe('storeReadiness', () => {
  it("should report the store's readiness and reason", () => {
    const empty = storeReadiness(new RecentStore({ resolutionMs: 60_000 }));
    expect(empty.name).toBe('metric-storage-ready');
    expect(empty.check().ok).toBe(false);
    expect(empty.check().reason).not.toBe('');
    expect(storeReadiness(sampleStore()).check().ok).toBe(true);
  });
});
