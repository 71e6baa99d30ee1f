import { expect } from '@jest/globals';
import type { HistoricalAggregationResult, HistoricalBucket } from '@heapster/sink';

const close = (actual: number | undefined, expected: number | undefined, where: string): void => {
  if (expected === undefined || actual === undefined) {
    expect({ where, actual }).toEqual({ where, actual: expected });
    return;
  }
  const tolerance = Math.max(1e-9, Math.abs(expected) * 1e-9);
  if (Math.abs(actual - expected) > tolerance) {
    expect({ where, actual }).toEqual({ where, actual: expected });
  }
};

function expectBucket(
  actual: HistoricalBucket | undefined,
  expected: HistoricalBucket,
  where: string,
): void {
  expect({ where, timestamp: actual?.timestamp }).toEqual({ where, timestamp: expected.timestamp });
  const at = `${where} @${new Date(expected.timestamp).toISOString()}`;
  expect({ at, count: actual?.count }).toEqual({ at, count: expected.count });
  close(actual?.average, expected.average, `${at} average`);
  close(actual?.maximum, expected.maximum, `${at} maximum`);
  close(actual?.minimum, expected.minimum, `${at} minimum`);
  close(actual?.median, expected.median, `${at} median`);
  const keys = new Set([
    ...Object.keys(actual?.percentiles ?? {}),
    ...Object.keys(expected.percentiles ?? {}),
  ]);
  for (const key of keys)
    close(actual?.percentiles?.[key], expected.percentiles?.[key], `${at} p${key}`);
}

/**
 * Results equal up to floating-point rounding (1e-9 relative) — averages and interpolated
 * percentiles are sums and products computed in another order by each engine; counts, bucket
 * times and which statistics are present must match exactly.
 */
export function expectResultsClose(
  actual: readonly HistoricalAggregationResult[],
  expected: readonly HistoricalAggregationResult[],
  where = 'result',
): void {
  expect(actual.map(r => [r.group, r.bucketMs, r.buckets.length])).toEqual(
    expected.map(r => [r.group, r.bucketMs, r.buckets.length]),
  );
  expected.forEach((result, i) => {
    result.buckets.forEach((bucket, b) => {
      expectBucket(actual[i]?.buckets[b], bucket, `${where}[${result.group ?? i}]`);
    });
  });
}
