import { describe, expect, it } from '@jest/globals';
import { familyFacts } from '../testing/metric-facts.js';
import { STATIC_METRICS } from './static-metrics.js';

const KUBELET_GAUGE = {
  type: 'gauge',
  valueType: 'int64',
  units: 'bytes',
  levels: 'C P Nd S',
  summed: 'pod',
} as const;
const SPEC = {
  type: 'gauge',
  valueType: 'int64',
  units: 'bytes',
  levels: 'C P N Nd Cl',
  summed: 'pod ns node cluster',
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

describe('memory/* (heapster.md §1)', () => {
  it('has exactly the memory metrics of the reference plus the working-set utilisation', () => {
    expect(familyFacts('memory')).toEqual({
      'memory/usage': {
        type: 'gauge',
        valueType: 'int64',
        units: 'bytes',
        levels: 'C P N Nd Cl S',
        summed: 'pod ns cluster',
      },
      'memory/working_set': KUBELET_GAUGE,
      'memory/rss': KUBELET_GAUGE,
      'memory/cache': { ...KUBELET_GAUGE, legacyOnly: true },
      'memory/page_faults': {
        type: 'cumulative',
        valueType: 'int64',
        units: 'count',
        levels: 'C P Nd S',
        rate: 'memory/page_faults_rate',
        summed: '',
      },
      'memory/major_page_faults': {
        type: 'cumulative',
        valueType: 'int64',
        units: 'count',
        levels: 'C P Nd S',
        rate: 'memory/major_page_faults_rate',
        summed: '',
      },
      'memory/page_faults_rate': {
        type: 'gauge',
        valueType: 'double',
        units: 'per_second',
        levels: 'C P Nd S',
        rateOf: 'memory/page_faults',
        summed: 'pod',
      },
      'memory/major_page_faults_rate': {
        type: 'gauge',
        valueType: 'double',
        units: 'per_second',
        levels: 'C P Nd S',
        rateOf: 'memory/major_page_faults',
        summed: 'pod',
      },
      'memory/request': SPEC,
      'memory/limit': SPEC,
      'memory/node_capacity': NODE_BYTES,
      'memory/node_allocatable': NODE_BYTES,
      'memory/node_utilization': NODE_RATIO,
      'memory/node_reservation': NODE_RATIO,
      'memory/node_working_set_utilization': { ...NODE_RATIO, beyondHeapster: true },
    });
  });
});

describe('memory utilisation', () => {
  const byName = new Map(STATIC_METRICS.map(metric => [metric.name, metric]));

  it('keeps Heapster’s memory/node_utilization on usage (page cache included), not the working set', () => {
    expect(byName.get('memory/node_utilization')?.origin).toMatch(
      /^memory\/usage \/ memory\/node_allocatable/,
    );
  });

  it('offers the working-set ratio as a clearly marked addition', () => {
    const metric = byName.get('memory/node_working_set_utilization');
    expect(metric?.description).toMatch(/^Beyond Heapster/);
    expect(metric?.origin).toMatch(/^memory\/working_set \/ memory\/node_allocatable/);
  });
});
