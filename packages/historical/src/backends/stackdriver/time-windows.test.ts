import { describe, expect, it } from '@jest/globals';
import { perBucketWindows, periodWindow } from './time-windows.js';

const T0 = Date.UTC(2024, 2, 1);
const HOUR = 3_600_000;

describe('ListTimeSeries windows', () => {
  it('reads buckets before the last in one interval ending 1 ms before it, the cut last alone', () => {
    const range = { start: T0 + 1_800_000, end: T0 + 2 * HOUR + 600_000 };
    const [main, last] = perBucketWindows(HOUR, range);
    expect(main).toMatchObject({
      startMs: range.start - 1,
      endMs: T0 + 2 * HOUR - 1,
      periodSeconds: 3600,
    });
    expect(last).toMatchObject({
      startMs: T0 + 2 * HOUR - 1,
      endMs: range.end,
      periodSeconds: 3600,
    });
    // Aligned points are stamped with their period's end: b + bucket − 1 ms (or rounded up).
    expect([T0 + HOUR - 1, T0 + HOUR, T0 + 2 * HOUR - 1].map(t => main?.bucketOf(t))).toEqual([
      T0,
      T0,
      T0 + HOUR,
    ]);
    expect(last?.bucketOf(range.end)).toBe(T0 + 2 * HOUR);
    // A range inside one bucket is one interval.
    expect(perBucketWindows(HOUR, { start: T0, end: T0 + 10 })).toHaveLength(1);
  });

  it('covers whole alignment periods starting inside the range for summed and rate series', () => {
    const window = periodWindow(60_000, { start: T0 + 30_000, end: T0 + 150_000 });
    // Minutes starting at T0+1m and T0+2m; the minute at T0 starts before the range.
    expect(window).toMatchObject({ startMs: T0 + 60_000 - 1, endMs: T0 + 180_000 - 1 });
    expect(window?.periodStartOf(T0 + 120_000 - 1)).toBe(T0 + 60_000);
    expect(periodWindow(60_000, { start: T0 + 1, end: T0 + 59_000 })).toBeUndefined();
  });
});
