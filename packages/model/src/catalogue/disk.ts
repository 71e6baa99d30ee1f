import type { MetricSpec } from './metric-descriptor.js';
import { C, levels, ND, NOT_SUMMED, P, RESOURCE_ID_KEYS, S } from './levels.js';

function ioBytes(direction: 'read' | 'write'): MetricSpec {
  const name = `disk/io_${direction}_bytes`;
  return {
    name,
    family: 'disk',
    // Declared cumulative; Heapster emitted the values with MetricType gauge.
    type: 'cumulative',
    valueType: 'int64',
    units: 'bytes',
    description: `Cumulative bytes ${direction === 'read' ? 'read from' : 'written to'} a disk device.`,
    levels: levels(C, P, ND, S),
    labelKeys: RESOURCE_ID_KEYS,
    rate: `${name}_rate`,
    legacyOnly: true,
    aggregation: NOT_SUMMED,
    origin: `legacy cAdvisor source: diskio.io_service_bytes[].stats.${direction === 'read' ? 'Read' : 'Write'}; resource_id = device or major:minor`,
  };
}

function ioRate(of: MetricSpec, verb: string): MetricSpec {
  return {
    name: `${of.name}_rate`,
    family: 'disk',
    type: 'gauge',
    valueType: 'double',
    units: 'bytes_per_second',
    description: `Bytes ${verb} a disk device per second.`,
    levels: of.levels,
    labelKeys: RESOURCE_ID_KEYS,
    rateOf: of.name,
    legacyOnly: true,
    aggregation: NOT_SUMMED,
    origin: `rate calculator, matched per resource_id: 1e9 * delta(${of.name}) / delta(scrape time ns)`,
  };
}

const READ = ioBytes('read');
const WRITE = ioBytes('write');

/** `disk/*`: per-device I/O counters and rates, labeled by `resource_id` (legacy source only). */
export const DISK_METRICS: readonly MetricSpec[] = [
  READ,
  WRITE,
  ioRate(READ, 'read from'),
  ioRate(WRITE, 'written to'),
];
