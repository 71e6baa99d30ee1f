import { describe, expect, it } from '@jest/globals';
import { familyFacts } from '../testing/metric-facts.js';

const COMMON = {
  levels: 'C P Nd S',
  labels: ['resource_id'],
  legacyOnly: true,
  summed: '',
} as const;

describe('disk/* (heapster.md §1)', () => {
  it('has per-device I/O counters and rates, from the legacy source only', () => {
    expect(familyFacts('disk')).toEqual({
      'disk/io_read_bytes': {
        type: 'cumulative',
        valueType: 'int64',
        units: 'bytes',
        rate: 'disk/io_read_bytes_rate',
        ...COMMON,
      },
      'disk/io_write_bytes': {
        type: 'cumulative',
        valueType: 'int64',
        units: 'bytes',
        rate: 'disk/io_write_bytes_rate',
        ...COMMON,
      },
      'disk/io_read_bytes_rate': {
        type: 'gauge',
        valueType: 'double',
        units: 'bytes_per_second',
        rateOf: 'disk/io_read_bytes',
        ...COMMON,
      },
      'disk/io_write_bytes_rate': {
        type: 'gauge',
        valueType: 'double',
        units: 'bytes_per_second',
        rateOf: 'disk/io_write_bytes',
        ...COMMON,
      },
    });
  });
});
