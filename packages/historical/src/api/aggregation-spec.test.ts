import { describe, expect, it } from '@jest/globals';
import { parseAggregations } from './aggregation-spec.js';

describe('aggregations', () => {
  it("reads Heapster's names and any percentile, dropping repeats", () => {
    expect(
      parseAggregations(
        'average,max,min,median,count,50-perc,95-perc,99-perc,99.9-perc,95-perc,max',
        16,
      ),
    ).toEqual({
      aggregations: ['average', 'max', 'min', 'median', 'count'],
      percentiles: [50, 95, 99, 99.9],
    });
    expect(parseAggregations('100-perc,0.5-perc', 16).percentiles).toEqual([100, 0.5]);
  });

  it.each(['', ',', 'mean', '95perc', '0-perc', '101-perc', '99.9999-perc', 'p95', '-5-perc'])(
    'refuses "%s"',
    text => {
      expect(() => parseAggregations(text, 16)).toThrow(/^aggregations: /);
    },
  );

  it('bounds how many are asked at once', () => {
    expect(() => parseAggregations('1-perc,2-perc,3-perc', 2)).toThrow(
      'aggregations: 3 given, at most 2 allowed',
    );
  });
});
