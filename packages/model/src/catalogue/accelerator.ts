import type { MetricSpec } from './metric-descriptor.js';
import { ACCELERATOR_KEYS, C, levels, NOT_SUMMED, S } from './levels.js';

function accelerator(
  name: string,
  units: 'bytes' | 'percent',
  description: string,
  field: string,
): MetricSpec {
  return {
    name,
    family: 'accelerator',
    type: 'gauge',
    valueType: 'int64',
    units,
    description,
    levels: levels(C, S),
    // One series per device.
    labelKeys: ACCELERATOR_KEYS,
    aggregation: NOT_SUMMED,
    origin: `summary containers[].accelerators[].${field}`,
  };
}

/**
 * `accelerator/*`: per-device GPU gauges labeled make/model/accelerator_id. Heapster's docs
 * also name `accelerator/request`; its code emits that as the dynamic `nvidia.com/gpu/request`
 * (see resources.ts).
 */
export const ACCELERATOR_METRICS: readonly MetricSpec[] = [
  accelerator(
    'accelerator/memory_total',
    'bytes',
    'Total memory of the accelerator in bytes.',
    'memoryTotal',
  ),
  accelerator(
    'accelerator/memory_used',
    'bytes',
    'Memory of the accelerator in use, in bytes.',
    'memoryUsed',
  ),
  accelerator(
    'accelerator/duty_cycle',
    'percent',
    'Percent of the last sample period (about 10 s) the accelerator was busy.',
    'dutyCycle',
  ),
];
