import type { MetricSpec } from './metric-descriptor.js';
import { C, levels, ND, NO_KEYS, NOT_SUMMED, P, POD_AND_NODE_SUM, POD_SUM, S } from './levels.js';

function nodeMetric(
  name: string,
  units: 'bytes' | 'ratio',
  description: string,
  origin: string,
): MetricSpec {
  return {
    name,
    family: 'ephemeral_storage',
    type: 'gauge',
    valueType: 'double',
    units,
    description,
    levels: levels(ND),
    labelKeys: NO_KEYS,
    aggregation: NOT_SUMMED,
    origin,
  };
}

/** `ephemeral_storage/*`: local ephemeral storage usage, requests/limits and node ratios. */
export const EPHEMERAL_STORAGE_METRICS: readonly MetricSpec[] = [
  {
    name: 'ephemeral_storage/usage',
    family: 'ephemeral_storage',
    type: 'gauge',
    valueType: 'int64',
    units: 'bytes',
    description: 'Local ephemeral storage used, in bytes.',
    levels: levels(C, P, ND, S),
    labelKeys: NO_KEYS,
    aggregation: POD_SUM,
    origin:
      'summary: container rootfs.usedBytes + logs.usedBytes, pod ephemeral-storage.usedBytes, node fs.usedBytes',
  },
  {
    name: 'ephemeral_storage/request',
    family: 'ephemeral_storage',
    type: 'gauge',
    valueType: 'int64',
    units: 'bytes',
    description: 'Local ephemeral storage request in bytes; 0 when the container sets none.',
    levels: levels(C, P, ND),
    labelKeys: NO_KEYS,
    aggregation: POD_AND_NODE_SUM,
    origin: 'pod spec resources.requests.ephemeral-storage as Value() (pod_based_enricher)',
  },
  {
    name: 'ephemeral_storage/limit',
    family: 'ephemeral_storage',
    type: 'gauge',
    valueType: 'int64',
    units: 'bytes',
    description: 'Local ephemeral storage hard limit in bytes; 0 when the container sets none.',
    levels: levels(C, P, ND),
    labelKeys: NO_KEYS,
    aggregation: POD_AND_NODE_SUM,
    origin: 'pod spec resources.limits.ephemeral-storage as Value() (pod_based_enricher)',
  },
  nodeMetric(
    'ephemeral_storage/node_capacity',
    'bytes',
    'Local ephemeral storage capacity of the node in bytes.',
    'node.status.capacity.ephemeral-storage, only when the node reports capacity and allocatable',
  ),
  nodeMetric(
    'ephemeral_storage/node_allocatable',
    'bytes',
    'Local ephemeral storage allocatable to pods on the node, in bytes.',
    'node.status.allocatable.ephemeral-storage, only when the node reports capacity and allocatable',
  ),
  nodeMetric(
    'ephemeral_storage/node_utilization',
    'ratio',
    'Local ephemeral storage usage as a share of node allocatable.',
    'ephemeral_storage/usage / ephemeral_storage/node_allocatable (node_autoscaling_enricher)',
  ),
  nodeMetric(
    'ephemeral_storage/node_reservation',
    'ratio',
    'Share of node allocatable ephemeral storage that pods have requested.',
    'ephemeral_storage/request (node sum) / ephemeral_storage/node_allocatable (node_autoscaling_enricher)',
  ),
];
