import type { MetricSpec } from './metric-descriptor.js';
import { C, levels, ND, NO_KEYS, NOT_SUMMED, P, POD_SUM, S } from './levels.js';

/** Metrics that stand alone under their own name: `uptime` and `restart_count`. */
export const GENERAL_METRICS: readonly MetricSpec[] = [
  {
    name: 'uptime',
    family: 'uptime',
    type: 'cumulative',
    valueType: 'int64',
    units: 'ms',
    description: 'Milliseconds since the container, pod or node started.',
    levels: levels(C, P, ND, S),
    labelKeys: NO_KEYS,
    // A cumulative standard metric: the pod aggregator skips it.
    aggregation: NOT_SUMMED,
    origin: 'scrape time minus startTime of the container, pod or node (summary decodeUptime)',
  },
  {
    name: 'restart_count',
    family: 'restart_count',
    type: 'cumulative',
    valueType: 'int64',
    units: 'count',
    description:
      'How many times the container has been restarted; the pod carries the sum over its containers.',
    levels: levels(C, P),
    labelKeys: NO_KEYS,
    // Cumulative but not a standard (kubelet) metric, so the pod aggregator does sum it.
    aggregation: POD_SUM,
    origin: 'pod.status.containerStatuses[].restartCount (pod_based_enricher)',
  },
];
