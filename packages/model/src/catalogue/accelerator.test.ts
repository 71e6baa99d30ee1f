import { describe, expect, it } from '@jest/globals';
import { familyFacts } from '../testing/metric-facts.js';

function gauge(units: 'bytes' | 'percent') {
  return {
    type: 'gauge',
    valueType: 'int64',
    units,
    levels: 'C S',
    labels: ['make', 'model', 'accelerator_id'],
    summed: '',
  } as const;
}

describe('accelerator/* (heapster.md §1)', () => {
  it('has the per-device gauges labeled make, model and accelerator_id', () => {
    expect(familyFacts('accelerator')).toEqual({
      'accelerator/memory_total': gauge('bytes'),
      'accelerator/memory_used': gauge('bytes'),
      'accelerator/duty_cycle': gauge('percent'),
    });
  });

  it('has no static accelerator/request: Heapster emits it as the dynamic nvidia.com/gpu/request', () => {
    expect(familyFacts('accelerator')['accelerator/request']).toBeUndefined();
  });
});
