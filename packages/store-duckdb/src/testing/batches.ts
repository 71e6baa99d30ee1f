import { DataBatch, EntityType, LabelId, MetricCatalogue, MetricId } from '@heapster/model';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** 2024-03-01T00:00:00Z. */
export const T0 = Date.UTC(2024, 2, 1);
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export interface ClusterShape {
  readonly namespaces: number;
  readonly podsPerNamespace: number;
  /** The cpu/usage_rate of pod `p` (global index) at batch `timestamp`. */
  readonly cpu?: (pod: number, timestamp: number) => number;
}

const metrics = new MetricCatalogue();

export function podName(pod: number): string {
  return `pod-${pod}`;
}

export function namespaceName(pod: number, shape: ClusterShape): string {
  return `ns-${Math.floor(pod / shape.podsPerNamespace)}`;
}

/**
 * A batch shaped like the pipeline's: one node, pods with one container each (cpu/usage_rate,
 * memory/usage, pod_id), the containers' rootfs and logs filesystems as labeled values, a
 * namespace row and the cluster row.
 */
export function clusterBatch(timestamp: number, shape: ClusterShape): DataBatch {
  const cpu = shape.cpu ?? ((pod: number) => pod + 1);
  const batch = new DataBatch({ timestamp, metrics });
  const node = batch.table(EntityType.Node).addRow({ node: 'node-1' });
  batch.setLabel(EntityType.Node, node, LabelId.Hostname, 'node-1.example');
  batch.table(EntityType.Node).setValue(node, MetricId.CpuUsageRate, 1000);
  const rootfs = batch.labelSets.internPair('resource_id', '/');
  const logs = batch.labelSets.internPair('resource_id', 'logs');
  const total = shape.namespaces * shape.podsPerNamespace;
  for (let p = 0; p < total; p++) {
    const namespace = namespaceName(p, shape);
    const pods = batch.table(EntityType.Pod);
    const row = pods.addRow({ namespace, pod: podName(p), node: 'node-1' });
    batch.setLabel(EntityType.Pod, row, LabelId.PodId, `uid-${p}`);
    pods.setValue(row, MetricId.CpuUsageRate, cpu(p, timestamp));
    pods.setValue(row, MetricId.MemoryUsage, 1_000_000 * (p + 1));
    const containers = batch.table(EntityType.PodContainer);
    const c = containers.addRow({ namespace, pod: podName(p), container: 'app', node: 'node-1' });
    batch.setLabel(EntityType.PodContainer, c, LabelId.PodId, `uid-${p}`);
    containers.setValue(c, MetricId.CpuUsageRate, cpu(p, timestamp));
    batch.labeled.add(EntityType.PodContainer, c, MetricId.FilesystemUsage, rootfs, 100 + p);
    batch.labeled.add(EntityType.PodContainer, c, MetricId.FilesystemUsage, logs, 10 + p);
  }
  for (let n = 0; n < shape.namespaces; n++) {
    const ns = batch.table(EntityType.Namespace).addRow({ namespace: `ns-${n}` });
    batch.table(EntityType.Namespace).setValue(ns, MetricId.CpuUsageRate, n);
  }
  const cluster = batch.table(EntityType.Cluster).addRow({});
  batch.table(EntityType.Cluster).setValue(cluster, MetricId.CpuUsageRate, 42);
  return batch;
}

/** A fresh temporary directory (removed by the returned cleanup). */
export function tempDirectory(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'store-duckdb-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export const never = (): AbortSignal => new AbortController().signal;
