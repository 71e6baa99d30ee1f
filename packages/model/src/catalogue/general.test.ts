import { describe, expect, it } from '@jest/globals';
import { familyFacts } from '../testing/metric-facts.js';

describe('uptime and restart_count (heapster.md §1)', () => {
  it('uptime is a cumulative int of milliseconds on C, P, Nd, S that no aggregator sums', () => {
    expect(familyFacts('uptime')).toEqual({
      uptime: {
        type: 'cumulative',
        valueType: 'int64',
        units: 'ms',
        levels: 'C P Nd S',
        summed: '',
      },
    });
  });

  it('restart_count is a cumulative count on containers that the pod aggregator sums into the pod', () => {
    expect(familyFacts('restart_count')).toEqual({
      restart_count: {
        type: 'cumulative',
        valueType: 'int64',
        units: 'count',
        levels: 'C P',
        summed: 'pod',
      },
    });
  });
});
