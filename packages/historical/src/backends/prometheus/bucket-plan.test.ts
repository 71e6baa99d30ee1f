import { describe, expect, it } from '@jest/globals';
import { planBuckets } from './bucket-plan.js';

const H = 3_600_000;

describe('PromQL bucket plan', () => {
  it('sweeps aligned ranges in one query, evaluating at the last ms of each bucket', () => {
    expect(planBuckets(H, { start: 0, end: 3 * H - 1 })).toEqual({
      sweep: { firstAt: H - 1, lastAt: 3 * H - 1, stepMs: H },
      singles: [],
      bucketMs: H,
    });
  });

  it('gives the buckets a range cuts their own window', () => {
    const plan = planBuckets(H, { start: 10, end: 2 * H + 5 });
    expect(plan.sweep).toEqual({ firstAt: 2 * H - 1, lastAt: 2 * H - 1, stepMs: H });
    expect(plan.singles).toEqual([
      { bucket: 0, at: H - 1, windowMs: H - 10 },
      { bucket: 2 * H, at: 2 * H + 5, windowMs: 6 },
    ]);
  });

  it('covers a short range inside one bucket, and bucket=0, with one evaluation', () => {
    expect(planBuckets(H, { start: 100, end: 200 })).toEqual({
      sweep: undefined,
      singles: [{ bucket: 0, at: 200, windowMs: 101 }],
      bucketMs: H,
    });
    expect(planBuckets(0, { start: 100, end: 200 }).singles).toEqual([
      { bucket: 100, at: 200, windowMs: 101 },
    ]);
  });
});
