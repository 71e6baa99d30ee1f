import { describe, expect, it } from '@jest/globals';
import { familyFacts } from '../testing/metric-facts.js';

function counter(units: 'bytes' | 'count', rate: string) {
  return {
    type: 'cumulative',
    valueType: 'int64',
    units,
    levels: 'P Nd',
    rate,
    summed: '',
  } as const;
}

function rate(units: 'bytes_per_second' | 'per_second', rateOf: string) {
  return {
    type: 'gauge',
    valueType: 'double',
    units,
    levels: 'P Nd',
    rateOf,
    summed: 'pod',
  } as const;
}

describe('network/* (heapster.md §1)', () => {
  it('has pod and node counters (no container network in the summary API) and their rates', () => {
    expect(familyFacts('network')).toEqual({
      'network/rx': counter('bytes', 'network/rx_rate'),
      'network/tx': counter('bytes', 'network/tx_rate'),
      'network/rx_errors': counter('count', 'network/rx_errors_rate'),
      'network/tx_errors': counter('count', 'network/tx_errors_rate'),
      'network/rx_rate': rate('bytes_per_second', 'network/rx'),
      'network/tx_rate': rate('bytes_per_second', 'network/tx'),
      'network/rx_errors_rate': rate('per_second', 'network/rx_errors'),
      'network/tx_errors_rate': rate('per_second', 'network/tx_errors'),
    });
  });
});
