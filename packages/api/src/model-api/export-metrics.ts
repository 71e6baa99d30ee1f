import { EntityType, type MetricDescriptor } from '@heapster/model';

/**
 * What `/api/v1/metric-export` carries (Heapster's `metrics/api/v1/api.go`): the metrics the
 * kubelet reports (StandardMetrics), the labeled ones and the two limits; the labels of its
 * "GKE" label set; and the entity types it exports, with the `container_name` it gives
 * nodes and pods.
 */
export const EXPORT_STANDARD_METRICS: readonly string[] = [
  'uptime',
  'cpu/usage',
  'ephemeral_storage/usage',
  'memory/usage',
  'memory/rss',
  'memory/cache',
  'memory/working_set',
  'memory/page_faults',
  'memory/major_page_faults',
  'network/rx',
  'network/rx_errors',
  'network/tx',
  'network/tx_errors',
];

export const EXPORT_ADDITIONAL_METRICS: readonly string[] = ['cpu/limit', 'memory/limit'];

export const EXPORT_LABELED_METRICS: readonly string[] = [
  'filesystem/usage',
  'filesystem/limit',
  'filesystem/available',
  'filesystem/inodes',
  'filesystem/inodes_free',
  'disk/io_read_bytes',
  'disk/io_write_bytes',
  'accelerator/memory_total',
  'accelerator/memory_used',
  'accelerator/duty_cycle',
];

export const EXPORT_METRIC_NAMES: ReadonlySet<string> = new Set([
  ...EXPORT_STANDARD_METRICS,
  ...EXPORT_ADDITIONAL_METRICS,
  ...EXPORT_LABELED_METRICS,
]);

/** Heapster's CommonLabels + ContainerLabels (the schema's `common_labels`). */
export const EXPORT_COMMON_LABELS: readonly string[] = [
  'nodename',
  'hostname',
  'host_id',
  'container_name',
  'container_base_image',
];

/** Heapster's PodLabels (the schema's `pod_labels`). */
export const EXPORT_POD_LABELS: readonly string[] = [
  'pod_name',
  'pod_id',
  'namespace_id',
  'labels',
];

export const EXPORT_LABELS: ReadonlySet<string> = new Set([
  ...EXPORT_COMMON_LABELS,
  ...EXPORT_POD_LABELS,
]);

/** Exported entity types and the container_name Heapster gave the ones without a container. */
export const EXPORT_TYPES: ReadonlyMap<EntityType, string | undefined> = new Map([
  [EntityType.Node, 'machine'],
  [EntityType.Pod, '/pod'],
  [EntityType.PodContainer, undefined],
  [EntityType.SysContainer, undefined],
]);

export function isExported(metric: MetricDescriptor | undefined): metric is MetricDescriptor {
  return metric !== undefined && EXPORT_METRIC_NAMES.has(metric.name);
}
