import { DataBatch, EntityType, LabelId, MetricId } from '@heapster/model';

/** 2024-01-01T00:01:00Z: the batch time of every fixture (golden files depend on it). */
export const SAMPLE_TIMESTAMP = Date.UTC(2024, 0, 1, 0, 1, 0);

/**
 * A small batch touching every shape a sink must handle: all six entity types, identity and
 * column labels, int64 and double metrics (one int64 holding a fractional provisional rate),
 * labeled filesystem values, and a label value needing escapes.
 */
export function sampleBatch(timestamp = SAMPLE_TIMESTAMP): DataBatch {
  const batch = new DataBatch({ timestamp });
  const host = (type: EntityType, row: number): void => {
    batch.setLabel(type, row, LabelId.Hostname, 'node-1.example');
    batch.setLabel(type, row, LabelId.HostId, 'i-0abc');
  };

  const node = batch.table(EntityType.Node).addRow({ node: 'node-1' });
  host(EntityType.Node, node);
  batch.setLabel(EntityType.Node, node, LabelId.Labels, 'zone:a,role:worker');
  const nodes = batch.table(EntityType.Node);
  nodes.setValue(node, MetricId.CpuUsageRate, 1250);
  nodes.setValue(node, MetricId.MemoryUsage, 4_294_967_296);
  nodes.setValue(node, MetricId.CpuNodeUtilization, 0.3125);
  nodes.setValue(node, MetricId.CpuUsage, 9_000_000_000_000);
  nodes.setCreateTime(node, Date.UTC(2023, 11, 31));
  nodes.setScrapeTime(node, timestamp - 2_000);
  const rootfs = batch.labelSets.internPair('resource_id', '/');
  batch.labeled.add(EntityType.Node, node, MetricId.FilesystemUsage, rootfs, 1_000_000);
  batch.labeled.add(EntityType.Node, node, MetricId.FilesystemLimit, rootfs, 10_000_000);

  const sys = batch.table(EntityType.SysContainer).addRow({ node: 'node-1', container: 'kubelet' });
  host(EntityType.SysContainer, sys);
  batch.table(EntityType.SysContainer).setValue(sys, MetricId.MemoryWorkingSet, 52_428_800);

  const pods = batch.table(EntityType.Pod);
  const pod = pods.addRow({ namespace: 'default', pod: 'web 1', node: 'node-1' });
  host(EntityType.Pod, pod);
  batch.setLabel(EntityType.Pod, pod, LabelId.PodId, 'uid-web-1');
  batch.setLabel(EntityType.Pod, pod, LabelId.NamespaceId, 'uid-ns-default');
  batch.setLabel(EntityType.Pod, pod, LabelId.Labels, 'app:web,tier=front');
  pods.setValue(pod, MetricId.CpuUsageRate, 12.6);
  pods.setValue(pod, MetricId.NetworkRxRate, 1536.5);
  const volume = batch.labelSets.internPair('resource_id', 'Volume:data');
  batch.labeled.add(EntityType.Pod, pod, MetricId.FilesystemUsage, volume, 2048);

  const containers = batch.table(EntityType.PodContainer);
  const container = containers.addRow({
    namespace: 'default',
    pod: 'web 1',
    container: 'app',
    node: 'node-1',
  });
  host(EntityType.PodContainer, container);
  batch.setLabel(EntityType.PodContainer, container, LabelId.PodId, 'uid-web-1');
  batch.setLabel(EntityType.PodContainer, container, LabelId.ContainerBaseImage, 'nginx:1.25');
  containers.setValue(container, MetricId.CpuUsageRate, 12.6);
  containers.setValue(container, MetricId.MemoryUsage, 104_857_600);
  containers.setValue(container, MetricId.CpuRequest, 100);
  containers.setValue(container, MetricId.RestartCount, 0);

  const namespaces = batch.table(EntityType.Namespace);
  const ns = namespaces.addRow({ namespace: 'default' });
  batch.setLabel(EntityType.Namespace, ns, LabelId.NamespaceId, 'uid-ns-default');
  namespaces.setValue(ns, MetricId.CpuUsageRate, 13);

  const cluster = batch.table(EntityType.Cluster).addRow({});
  batch.table(EntityType.Cluster).setValue(cluster, MetricId.MemoryUsage, 104_857_600);
  return batch;
}
