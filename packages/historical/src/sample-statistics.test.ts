import { describe, expect, it } from '@jest/globals';
import { bucketStatistics, medianOfSorted, percentileOfSorted } from './sample-statistics.js';

const oneToTen = Float64Array.from({ length: 10 }, (_, i) => i + 1);

// Expected values checked by hand against the engines (InfluxDB 1.6 PERCENTILE, VictoriaMetrics
// quantile_over_time, DuckDB quantile_cont / quantile_disc) on the values 1..10.
describe('percentile definitions', () => {
  it.each([
    [95, 9.549999999999999, 10, 10],
    [50, 5.5, 5, 5],
    [10, 1.9, 1, 1],
    [4, 1.36, 1, undefined],
    [15, 2.35, 2, 2],
    [25, 3.25, 3, 3],
  ])('p%d: linear %d, nearest-rank %d, influxql %s', (p, linear, nearest, influx) => {
    expect(percentileOfSorted(oneToTen, p / 100, 'linear')).toBeCloseTo(linear, 12);
    expect(percentileOfSorted(oneToTen, p / 100, 'nearest-rank')).toBe(nearest);
    expect(percentileOfSorted(oneToTen, p / 100, 'influxql')).toBe(influx);
  });

  it('has no percentile of nothing, and a single value is every percentile', () => {
    expect(percentileOfSorted([], 0.5, 'linear')).toBeUndefined();
    expect(percentileOfSorted([7], 0.99, 'linear')).toBe(7);
    expect(percentileOfSorted([7], 0.99, 'nearest-rank')).toBe(7);
    expect(percentileOfSorted([7], 0.01, 'influxql')).toBeUndefined();
  });

  it('takes the mean of the middle two as the median of an even count', () => {
    expect(medianOfSorted(oneToTen)).toBe(5.5);
    expect(medianOfSorted([1, 2, 9])).toBe(2);
  });

  it('computes a bucket with only what was asked', () => {
    const request = {
      aggregations: ['count', 'average', 'max'] as const,
      percentiles: [95],
      bucketMs: 0,
    };
    expect(
      bucketStatistics(
        5,
        [3, 1, 2],
        { ...request, aggregations: [...request.aggregations] },
        'influxql',
      ),
    ).toEqual({
      timestamp: 5,
      count: 3,
      average: 2,
      maximum: 3,
      percentiles: { '95': 3 },
    });
    expect(bucketStatistics(5, [], { ...request, aggregations: ['average'] }, 'linear')).toEqual({
      timestamp: 5,
    });
  });
});
