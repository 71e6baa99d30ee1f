import { EntityType, LabelId, type DataBatch } from '@heapster/model';
import type { GcpSite } from './site.js';

/** A monitored resource as CreateTimeSeries takes it. */
export interface MonitoredResource {
  readonly type: string;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The new model's resources (Heapster `get{Container,Pod,Node}ResourceLabels`): containers are
 * k8s_container, pods k8s_pod, nodes and their system containers k8s_node.
 */
export function newModelResource(
  batch: DataBatch,
  type: EntityType,
  row: number,
  site: GcpSite,
): MonitoredResource {
  const table = batch.table(type);
  const base = {
    project_id: site.project,
    location: site.location,
    cluster_name: site.clusterName,
  };
  switch (type) {
    case EntityType.PodContainer:
      return {
        type: 'k8s_container',
        labels: {
          ...base,
          namespace_name: table.identity(row, 'namespace'),
          pod_name: table.identity(row, 'pod'),
          container_name: table.identity(row, 'container'),
        },
      };
    case EntityType.Pod:
      return {
        type: 'k8s_pod',
        labels: {
          ...base,
          namespace_name: table.identity(row, 'namespace'),
          pod_name: table.identity(row, 'pod'),
        },
      };
    default:
      return { type: 'k8s_node', labels: { ...base, node_name: table.identity(row, 'node') } };
  }
}

/**
 * The legacy gke_container resource (Heapster `legacyGetResourceLabels`). It stands for three
 * kinds of thing: a container (its name), a pod (empty container name) and a node (the
 * artificial container name `machine`); system containers keep their own name.
 */
export function legacyResource(
  batch: DataBatch,
  type: EntityType,
  row: number,
  site: GcpSite,
): MonitoredResource {
  const container =
    type === EntityType.Node
      ? 'machine'
      : type === EntityType.Pod
        ? ''
        : batch.table(type).identity(row, 'container');
  return {
    type: 'gke_container',
    labels: {
      project_id: site.project,
      cluster_name: site.clusterName,
      zone: site.zone,
      instance_id: batch.label(type, row, LabelId.HostId),
      namespace_id: batch.label(type, row, LabelId.NamespaceId),
      pod_id: batch.label(type, row, LabelId.PodId),
      container_name: container,
    },
  };
}
