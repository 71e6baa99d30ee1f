import type { MetricSpec, MetricUnits } from './metric-descriptor.js';
import { C, levels, ND, NOT_SUMMED, P, RESOURCE_ID_KEYS, S } from './levels.js';

function fsMetric(
  name: string,
  units: MetricUnits,
  description: string,
  field: string,
): MetricSpec {
  return {
    name,
    family: 'filesystem',
    type: 'gauge',
    valueType: 'int64',
    units,
    description,
    levels: levels(C, P, ND, S),
    // One series per filesystem: containers "/" (rootfs) and "logs", pods "Volume:<name>", nodes "/".
    labelKeys: RESOURCE_ID_KEYS,
    // Labeled metrics are never aggregated by Heapster.
    aggregation: NOT_SUMMED,
    origin: `summary FsStats.${field} of rootfs, logs, volume[] and node fs`,
  };
}

/** `filesystem/*`: labeled by `resource_id`, one series per filesystem of the entity. */
export const FILESYSTEM_METRICS: readonly MetricSpec[] = [
  fsMetric('filesystem/usage', 'bytes', 'Bytes used on the filesystem.', 'usedBytes'),
  fsMetric('filesystem/limit', 'bytes', 'Total size of the filesystem in bytes.', 'capacityBytes'),
  fsMetric(
    'filesystem/available',
    'bytes',
    'Bytes still available on the filesystem.',
    'availableBytes',
  ),
  // Heapster's descriptor declared bytes for inodes; they are counts.
  fsMetric('filesystem/inodes', 'count', 'Number of inodes of the filesystem.', 'inodes'),
  fsMetric(
    'filesystem/inodes_free',
    'count',
    'Number of free inodes of the filesystem.',
    'inodesFree',
  ),
];
