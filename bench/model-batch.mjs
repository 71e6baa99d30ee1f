#!/usr/bin/env node
// Scenario "model-batch": how much heap one DataBatch costs per pod.
//
// Builds a batch of PODS pods × 2 containers (default 100,000) with the full summary-source
// metric set of every level — container and pod values, rootfs/logs/volume filesystem series,
// node and system-container rows — then prints heap bytes per pod, measured around the build
// with forced GCs. Run: node --expose-gc bench/model-batch.mjs [--pods N]
import { DataBatch, EntityType, LabelId, MetricCatalogue, STATIC_METRICS } from '@heapster/model';

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(2);
}
const podsFlag = process.argv.indexOf('--pods');
const pods = podsFlag >= 0 ? Number(process.argv[podsFlag + 1]) : 100_000;
const podsPerNode = 100;
const nodes = Math.ceil(pods / podsPerNode);

const summaryMetrics = level =>
  STATIC_METRICS.filter(
    m => !m.legacyOnly && m.labelKeys.length === 0 && m.levels.includes(level),
  ).map(m => m.id);
const labeledFs = STATIC_METRICS.filter(m => m.family === 'filesystem').map(m => m.id);
const containerMetrics = summaryMetrics('pod_container');
const podMetrics = summaryMetrics('pod');
const nodeMetrics = summaryMetrics('node');

function heapUsed() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
}

const metrics = new MetricCatalogue();
const before = heapUsed();
const started = process.hrtime.bigint();
const batch = new DataBatch({
  timestamp: Date.now(),
  metrics,
  capacity: {
    [EntityType.PodContainer]: pods * 2,
    [EntityType.Pod]: pods,
    [EntityType.Node]: nodes,
  },
});
const containers = batch.table(EntityType.PodContainer);
const podTable = batch.table(EntityType.Pod);
const nodeTable = batch.table(EntityType.Node);
const sys = batch.table(EntityType.SysContainer);
const rootfs = batch.labelSets.internPair('resource_id', '/');
const logs = batch.labelSets.internPair('resource_id', 'logs');
batch.labeled.reserve(pods * 15 + nodes * 5);
let value = 1;
for (let n = 0; n < nodes; n++) {
  const node = `node-${n}`;
  const nodeRow = nodeTable.addRow({ node });
  batch.setLabel(EntityType.Node, nodeRow, LabelId.Hostname, node);
  for (const id of nodeMetrics) nodeTable.setValue(nodeRow, id, value++);
  for (const id of labeledFs) batch.labeled.add(EntityType.Node, nodeRow, id, rootfs, value++);
  for (const name of ['kubelet', 'docker-daemon', 'pods']) {
    const row = sys.addRow({ node, container: name });
    for (const id of summaryMetrics('sys_container')) sys.setValue(row, id, value++);
  }
  for (let p = 0; p < podsPerNode && n * podsPerNode + p < pods; p++) {
    const namespace = `ns-${p % 20}`;
    const pod = `app-${n}-${p}-7d9f8c6b5-x2kq${p % 10}`;
    const podRow = podTable.addRow({ namespace, pod, node });
    batch.setLabel(EntityType.Pod, podRow, LabelId.PodId, `${n}-${p}-4b8e-9c1d-2f3a4b5c6d7e`);
    batch.setLabel(EntityType.Pod, podRow, LabelId.Hostname, node);
    batch.setLabel(EntityType.Pod, podRow, LabelId.Labels, `app:app-${p % 50},tier:backend`);
    for (const id of podMetrics) podTable.setValue(podRow, id, value++);
    const volume = batch.labelSets.internPair('resource_id', `Volume:kube-api-access-${p % 100}`);
    for (const id of labeledFs) batch.labeled.add(EntityType.Pod, podRow, id, volume, value++);
    for (const container of ['app', 'sidecar']) {
      const row = containers.addRow({ namespace, pod, container, node });
      batch.setLabel(
        EntityType.PodContainer,
        row,
        LabelId.PodId,
        `${n}-${p}-4b8e-9c1d-2f3a4b5c6d7e`,
      );
      batch.setLabel(
        EntityType.PodContainer,
        row,
        LabelId.ContainerBaseImage,
        `registry.local/${container}:1.${p % 7}`,
      );
      for (const id of containerMetrics) containers.setValue(row, id, value++);
      for (const id of labeledFs) {
        batch.labeled.add(EntityType.PodContainer, row, id, rootfs, value++);
        batch.labeled.add(EntityType.PodContainer, row, id, logs, value++);
      }
    }
  }
}
const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
const after = heapUsed();
const bytes = after - before;
console.log(
  JSON.stringify(
    {
      scenario: 'model-batch',
      pods,
      containersPerPod: 2,
      nodes,
      metricSets: batch.entityCount(),
      values: batch.valueCount(),
      heapBytes: bytes,
      heapBytesPerPod: Math.round(bytes / pods),
      typedArrayBytesPerPod: Math.round(batch.byteSize() / pods),
      buildMs: Math.round(buildMs),
      buildMicrosPerPod: Number(((buildMs * 1000) / pods).toFixed(2)),
      node: process.version,
    },
    null,
    2,
  ),
);
