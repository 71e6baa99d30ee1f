import { describe, expect, it } from '@jest/globals';
import { familyFacts } from '../testing/metric-facts.js';

function fs(units: 'bytes' | 'count') {
  // Labeled metrics are never aggregated.
  return {
    type: 'gauge',
    valueType: 'int64',
    units,
    levels: 'C P Nd S',
    labels: ['resource_id'],
    summed: '',
  } as const;
}

describe('filesystem/* (heapster.md §1)', () => {
  it('has the five labeled gauges, inodes counted rather than in bytes', () => {
    expect(familyFacts('filesystem')).toEqual({
      'filesystem/usage': fs('bytes'),
      'filesystem/limit': fs('bytes'),
      'filesystem/available': fs('bytes'),
      'filesystem/inodes': fs('count'),
      'filesystem/inodes_free': fs('count'),
    });
  });
});
