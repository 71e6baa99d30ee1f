import { describe, expect, it } from '@jest/globals';
import { familyFacts } from '../testing/metric-facts.js';

const SPEC = {
  type: 'gauge',
  valueType: 'int64',
  units: 'bytes',
  levels: 'C P Nd',
  summed: 'pod node',
} as const;
const NODE_BYTES = {
  type: 'gauge',
  valueType: 'double',
  units: 'bytes',
  levels: 'Nd',
  summed: '',
} as const;
const NODE_RATIO = {
  type: 'gauge',
  valueType: 'double',
  units: 'ratio',
  levels: 'Nd',
  summed: '',
} as const;

describe('ephemeral_storage/* (heapster.md §1)', () => {
  it('has usage, requests/limits summed into pods and nodes only, and the node ratios', () => {
    expect(familyFacts('ephemeral_storage')).toEqual({
      'ephemeral_storage/usage': {
        type: 'gauge',
        valueType: 'int64',
        units: 'bytes',
        levels: 'C P Nd S',
        summed: 'pod',
      },
      'ephemeral_storage/request': SPEC,
      'ephemeral_storage/limit': SPEC,
      'ephemeral_storage/node_capacity': NODE_BYTES,
      'ephemeral_storage/node_allocatable': NODE_BYTES,
      'ephemeral_storage/node_utilization': NODE_RATIO,
      'ephemeral_storage/node_reservation': NODE_RATIO,
    });
  });
});
