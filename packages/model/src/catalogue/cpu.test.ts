import { describe, expect, it } from '@jest/globals';
import { familyFacts } from '../testing/metric-facts.js';

const NODE_RATIO = {
  type: 'gauge',
  valueType: 'double',
  units: 'ratio',
  levels: 'Nd',
  summed: '',
} as const;
const NODE_MILLICORES = {
  type: 'gauge',
  valueType: 'double',
  units: 'millicores',
  levels: 'Nd',
  summed: '',
} as const;
const SPEC = {
  type: 'gauge',
  valueType: 'int64',
  units: 'millicores',
  levels: 'C P N Nd Cl',
  summed: 'pod ns node cluster',
} as const;

describe('cpu/* (heapster.md §1)', () => {
  it('has exactly the cpu metrics of the reference, with their types, units, levels and sums', () => {
    expect(familyFacts('cpu')).toEqual({
      'cpu/usage': {
        type: 'cumulative',
        valueType: 'int64',
        units: 'ns',
        levels: 'C P Nd S',
        rate: 'cpu/usage_rate',
        summed: '',
      },
      'cpu/usage_rate': {
        type: 'gauge',
        valueType: 'int64',
        units: 'millicores',
        levels: 'C P N Nd Cl S',
        rateOf: 'cpu/usage',
        // pod→namespace→cluster, but never pod→node.
        summed: 'pod ns cluster',
      },
      'cpu/load': {
        type: 'gauge',
        valueType: 'int64',
        units: 'milliloads',
        levels: 'C P Nd S',
        legacyOnly: true,
        summed: 'pod',
      },
      'cpu/request': SPEC,
      'cpu/limit': SPEC,
      'cpu/node_capacity': NODE_MILLICORES,
      'cpu/node_allocatable': NODE_MILLICORES,
      'cpu/node_utilization': NODE_RATIO,
      'cpu/node_reservation': NODE_RATIO,
    });
  });
});
