import type { LabelDescriptor, LabelSpec } from './label-descriptor.js';
import { C, CL, levels, N, ND, P, S } from './levels.js';

const HOST_LEVELS = levels(C, P, ND, S);
const NONE = levels();

function sink(key: string, description: string): LabelSpec {
  return { key, description, levels: NONE, sinkSide: true };
}

const SPECS: readonly LabelSpec[] = [
  {
    key: 'type',
    description: 'Kind of metric set: pod_container, pod, ns, node, cluster or sys_container.',
    levels: levels(C, P, N, ND, CL, S),
  },
  {
    key: 'nodename',
    description: 'Name of the Kubernetes Node object the entity runs on.',
    levels: HOST_LEVELS,
  },
  {
    key: 'hostname',
    description: 'Node address of type Hostname, else the node name.',
    levels: HOST_LEVELS,
  },
  {
    key: 'host_id',
    description:
      'node.spec.externalID, or the node annotation named by the source option host_id_annotation.',
    levels: HOST_LEVELS,
  },
  { key: 'pod_id', description: 'UID of the pod.', levels: levels(C, P) },
  { key: 'pod_name', description: 'Name of the pod.', levels: levels(C, P) },
  {
    key: 'namespace_name',
    description: 'Namespace of the pod, or the namespace itself.',
    levels: levels(C, P, N),
  },
  { key: 'namespace_id', description: 'UID of the namespace.', levels: levels(C, P, N) },
  {
    key: 'container_name',
    description:
      'Container name; for system containers the (mapped) cgroup name such as kubelet or docker-daemon.',
    levels: levels(C, S),
  },
  {
    key: 'container_base_image',
    description: 'Image of the container, from the pod spec.',
    levels: levels(C),
  },
  {
    key: 'labels',
    description:
      'Pod labels (node labels on nodes) as sorted key:value pairs joined by --label_separator.',
    levels: levels(C, P, ND),
  },
  {
    key: 'resource_id',
    description:
      'Which series of a labeled metric: filesystem "/", "logs", "Volume:<name>", or a disk device.',
    levels: HOST_LEVELS,
    perSeries: true,
  },
  {
    key: 'make',
    description: 'Accelerator vendor (nvidia, amd, google, ...).',
    levels: levels(C, S),
    perSeries: true,
  },
  {
    key: 'model',
    description: 'Accelerator model (tesla-p100, ...).',
    levels: levels(C, S),
    perSeries: true,
  },
  {
    key: 'accelerator_id',
    description: 'Accelerator device id.',
    levels: levels(C, S),
    perSeries: true,
  },
  {
    key: 'schedulable',
    description: '"true" or "false" from node.spec.unschedulable (legacy source only).',
    levels: levels(ND),
    legacyOnly: true,
  },
  sink(
    'cluster_name',
    'Cluster name added by the InfluxDB and Elasticsearch sinks (option cluster_name).',
  ),
  sink(
    'cluster',
    'Cluster name added by the OpenTSDB (cluster) and Wavefront (clusterName) sinks.',
  ),
  sink('custom_metric_name', 'GCM sink: label descriptor of custom metrics.'),
  sink(
    'resource_type',
    'GCM sink: node-autoscaling resource type ("instance"); paired there with resource_id = host_id.',
  ),
  sink('volume_name', 'Stackdriver sink: volume name with the "Volume:" prefix stripped.'),
];

/** Every built-in label with its fixed id (id = index). */
export const STATIC_LABELS: readonly LabelDescriptor[] = Object.freeze(
  SPECS.map((spec, id) => Object.freeze({ id, ...spec })),
);

/** Fixed ids of the built-in labels; a test checks them against STATIC_LABELS. */
export const LabelId = {
  Type: 0,
  Nodename: 1,
  Hostname: 2,
  HostId: 3,
  PodId: 4,
  PodName: 5,
  NamespaceName: 6,
  NamespaceId: 7,
  ContainerName: 8,
  ContainerBaseImage: 9,
  Labels: 10,
  ResourceId: 11,
  Make: 12,
  Model: 13,
  AcceleratorId: 14,
  Schedulable: 15,
  ClusterName: 16,
  Cluster: 17,
  CustomMetricName: 18,
  ResourceType: 19,
  VolumeName: 20,
} as const;

export type StaticLabelKey = keyof typeof LabelId;

/** Labels Heapster once set and removed; kept so docs and migrations can name them. */
export const REMOVED_LABELS: readonly string[] = Object.freeze(['pod_namespace']);
