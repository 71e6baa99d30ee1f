import { DataBatch, EntityType, LabelId, MetricId } from '@heapster/model';
import type { GcpSite } from '../site.js';

/** 2024-01-01T00:01:00Z: the batch time of every fixture (golden files depend on it). */
export const SAMPLE_TIMESTAMP = Date.UTC(2024, 0, 1, 0, 1, 0);
/** Collection start of every cumulative in the fixture: 10 minutes before the batch. */
export const SAMPLE_START = SAMPLE_TIMESTAMP - 600_000;

export const SAMPLE_SITE: GcpSite = {
  project: 'test-proj',
  clusterName: 'prod',
  location: 'us-central1',
  zone: 'us-central1-a',
};

/**
 * A batch with every entity level the sink maps (container, pod, node, system container) plus a
 * namespace and the cluster it must leave out: counters with collection start times, gauges in
 * int64 and double, the parts of both derived metrics, a GPU request, labeled volume,
 * root-filesystem and accelerator values.
 */
export function sampleBatch(timestamp = SAMPLE_TIMESTAMP): DataBatch {
  const batch = new DataBatch({ timestamp });
  const host = (type: EntityType, row: number): void => {
    batch.setLabel(type, row, LabelId.Hostname, 'node-1.example');
    batch.setLabel(type, row, LabelId.HostId, 'i-0abc');
    batch.table(type).setCollectionStartTime(row, SAMPLE_START);
  };

  const nodes = batch.table(EntityType.Node);
  const node = nodes.addRow({ node: 'node-1' });
  host(EntityType.Node, node);
  nodes.setValue(node, MetricId.CpuUsage, 9_000_000_000_000);
  nodes.setValue(node, MetricId.CpuUsageRate, 1250);
  nodes.setValue(node, MetricId.CpuNodeCapacity, 4000);
  nodes.setValue(node, MetricId.CpuNodeAllocatable, 3920);
  nodes.setValue(node, MetricId.MemoryUsage, 4_294_967_296);
  nodes.setValue(node, MetricId.MemoryWorkingSet, 3_221_225_472);
  nodes.setValue(node, MetricId.MemoryLimit, 1_000);
  nodes.setValue(node, MetricId.MemoryNodeCapacity, 8_589_934_592);
  nodes.setValue(node, MetricId.MemoryNodeAllocatable, 7_516_192_768.4);
  nodes.setValue(node, MetricId.NetworkRx, 123_456);
  nodes.setValue(node, MetricId.NetworkTx, 654_321);
  nodes.setValue(node, MetricId.EphemeralStorageNodeCapacity, 100_000_000_000);
  const rootfs = batch.labelSets.internPair('resource_id', '/');
  batch.labeled.add(EntityType.Node, node, MetricId.FilesystemUsage, rootfs, 1_000_000);

  const sysTable = batch.table(EntityType.SysContainer);
  const sys = sysTable.addRow({ node: 'node-1', container: 'kubelet' });
  host(EntityType.SysContainer, sys);
  sysTable.setValue(sys, MetricId.CpuUsage, 120_000_000_000);
  sysTable.setValue(sys, MetricId.MemoryUsage, 62_914_560);
  sysTable.setValue(sys, MetricId.MemoryWorkingSet, 52_428_800);

  const pods = batch.table(EntityType.Pod);
  const pod = pods.addRow({ namespace: 'default', pod: 'web-1', node: 'node-1' });
  host(EntityType.Pod, pod);
  batch.setLabel(EntityType.Pod, pod, LabelId.PodId, 'uid-web-1');
  batch.setLabel(EntityType.Pod, pod, LabelId.NamespaceId, 'uid-ns-default');
  pods.setValue(pod, MetricId.NetworkRx, 2048);
  pods.setValue(pod, MetricId.NetworkTx, 4096);
  pods.setValue(pod, MetricId.CpuUsageRate, 12.6);
  const volume = batch.labelSets.internPair('resource_id', 'Volume:data');
  batch.labeled.add(EntityType.Pod, pod, MetricId.FilesystemUsage, volume, 2048);
  batch.labeled.add(EntityType.Pod, pod, MetricId.FilesystemLimit, volume, 1_048_576);

  const containers = batch.table(EntityType.PodContainer);
  const container = containers.addRow({
    namespace: 'default',
    pod: 'web-1',
    container: 'app',
    node: 'node-1',
  });
  host(EntityType.PodContainer, container);
  batch.setLabel(EntityType.PodContainer, container, LabelId.PodId, 'uid-web-1');
  batch.setLabel(EntityType.PodContainer, container, LabelId.NamespaceId, 'uid-ns-default');
  containers.setCreateTime(container, SAMPLE_START - 60_000);
  containers.setValue(container, MetricId.Uptime, 660_000);
  containers.setValue(container, MetricId.CpuUsage, 1_500_000_000);
  containers.setValue(container, MetricId.CpuRequest, 100);
  containers.setValue(container, MetricId.CpuLimit, 500);
  containers.setValue(container, MetricId.MemoryUsage, 104_857_600);
  containers.setValue(container, MetricId.MemoryWorkingSet, 83_886_080);
  containers.setValue(container, MetricId.MemoryRequest, 67_108_864);
  containers.setValue(container, MetricId.MemoryLimit, 134_217_728);
  containers.setValue(container, MetricId.MemoryPageFaults, 1000);
  containers.setValue(container, MetricId.MemoryMajorPageFaults, 12);
  containers.setValue(container, MetricId.EphemeralStorageUsage, 40_960);
  containers.setValue(container, MetricId.RestartCount, 2);
  const gpu = batch.metrics.ensure('nvidia.com/gpu/request');
  containers.setValue(container, gpu.id, 1);
  const device = batch.labelSets.intern([
    { key: 'make', value: 'nvidia' },
    { key: 'model', value: 'tesla-t4' },
    { key: 'accelerator_id', value: 'GPU-1' },
  ]);
  batch.labeled.add(EntityType.PodContainer, container, MetricId.AcceleratorDutyCycle, device, 37);

  const namespaces = batch.table(EntityType.Namespace);
  const ns = namespaces.addRow({ namespace: 'default' });
  namespaces.setValue(ns, MetricId.MemoryUsage, 104_857_600);
  const cluster = batch.table(EntityType.Cluster).addRow({});
  batch.table(EntityType.Cluster).setValue(cluster, MetricId.MemoryUsage, 104_857_600);
  return batch;
}
