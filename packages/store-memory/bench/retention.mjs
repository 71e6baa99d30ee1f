#!/usr/bin/env node
// Benchmark "store-retention": what the recent store holds per pod after 15 minutes of batches.
//
// Feeds a RecentStore one full batch per resolution (default 100,000 pods × 2 containers on
// 1,000 nodes, 15 s, the model-batch metric set: container, pod, node and system-container
// values, rootfs/logs/volume filesystem series) for one long window plus a few batches, then
// prints one JSON document: heap bytes per pod the store keeps alive (ring buffers, keys,
// indices and the batches of the short window), the same without the newest batch (which the
// pipeline holds anyway), the cost of one batch, add() time, and a few query latencies.
// Not a test. Run: npm run bench -w @heapster/store-memory
//   node --expose-gc bench/retention.mjs [--pods N] [--resolution-ms 15000] [--minutes 15]
//        [--churn 0.01] [--short-window-ms N] [--precision float32|float64]
import {
  DataBatch,
  EntityType,
  LabelId,
  MetricCatalogue,
  STATIC_METRICS,
  StringTable,
} from '@heapster/model';
import { RecentStore } from '../dist/index.js';

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(2);
}
const flag = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const pods = Number(flag('pods', 100_000));
const resolutionMs = Number(flag('resolution-ms', 15_000));
const minutes = Number(flag('minutes', 15));
const churn = Number(flag('churn', 0)); // fraction of pods replaced per batch
const precision = flag('precision', 'float32');
const shortWindowFlag = flag('short-window-ms', undefined);
const podsPerNode = 100;
const nodes = Math.ceil(pods / podsPerNode);
const churnPeriod = churn > 0 ? Math.max(1, Math.round(1 / churn)) : 0;

const ids = level =>
  STATIC_METRICS.filter(
    m => !m.legacyOnly && m.labelKeys.length === 0 && m.levels.includes(level),
  ).map(m => m.id);
const labeledFs = STATIC_METRICS.filter(m => m.family === 'filesystem').map(m => m.id);
const containerMetrics = ids('pod_container');
const podMetrics = ids('pod');
const nodeMetrics = ids('node');
const sysMetrics = ids('sys_container');

// Shared by every batch, as in the core: names are interned once, dynamic ids agree.
const metrics = new MetricCatalogue();
const strings = new StringTable();

function measure() {
  globalThis.gc();
  globalThis.gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed + usage.arrayBuffers, rss: usage.rss };
}

function podName(n, p, batchIndex) {
  const generation =
    churnPeriod === 0
      ? 0
      : Math.floor((batchIndex + ((n * podsPerNode + p) % churnPeriod)) / churnPeriod);
  return `app-${n}-${p}-7d9f8c6b5-x2kq${p % 10}-g${generation}`;
}

function buildBatch(batchIndex) {
  const batch = new DataBatch({
    timestamp: 1_700_000_000_000 + batchIndex * resolutionMs,
    metrics,
    strings,
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
  let value = batchIndex;
  for (let n = 0; n < nodes; n++) {
    const node = `node-${n}`;
    const nodeRow = nodeTable.addRow({ node });
    batch.setLabel(EntityType.Node, nodeRow, LabelId.Hostname, node);
    for (const id of nodeMetrics) nodeTable.setValue(nodeRow, id, value++);
    for (const id of labeledFs) batch.labeled.add(EntityType.Node, nodeRow, id, rootfs, value++);
    for (const name of ['kubelet', 'docker-daemon', 'pods']) {
      const row = sys.addRow({ node, container: name });
      for (const id of sysMetrics) sys.setValue(row, id, value++);
    }
    for (let p = 0; p < podsPerNode && n * podsPerNode + p < pods; p++) {
      const namespace = `ns-${p % 20}`;
      const pod = podName(n, p, batchIndex);
      const podRow = podTable.addRow({ namespace, pod, node });
      batch.setLabel(EntityType.Pod, podRow, LabelId.PodId, `${pod}-4b8e-9c1d-2f3a4b5c6d7e`);
      batch.setLabel(EntityType.Pod, podRow, LabelId.Hostname, node);
      for (const id of podMetrics) podTable.setValue(podRow, id, value++);
      const volume = batch.labelSets.internPair('resource_id', `Volume:kube-api-access-${p % 100}`);
      for (const id of labeledFs) batch.labeled.add(EntityType.Pod, podRow, id, volume, value++);
      for (const container of ['app', 'sidecar']) {
        const row = containers.addRow({ namespace, pod, container, node });
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
  return batch;
}

const percentile = (sorted, q) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const micros = start => Number(process.hrtime.bigint() - start) / 1e3;

// The string table is the pipeline's: fill it (and warm the builder up) before the baseline.
buildBatch(0);
const baseline = measure();
// One batch's own cost, for the breakdown below (the probe is alive while measured).
const batchBytes = (() => {
  const probe = buildBatch(1);
  const bytes = measure().heap - baseline.heap;
  return probe.entityCount() > 0 ? bytes : 0;
})();

const store = new RecentStore({
  resolutionMs,
  longWindowPrecision: precision,
  ...(shortWindowFlag === undefined ? {} : { shortWindowMs: Number(shortWindowFlag) }),
});
const batches = Math.ceil((minutes * 60_000) / resolutionMs) + 3;
const addMs = [];
const started = process.hrtime.bigint();
for (let i = 0; i < batches; i++) {
  const batch = buildBatch(i);
  const t = process.hrtime.bigint();
  store.add(batch);
  addMs.push(micros(t) / 1e3);
}
const feedSeconds = micros(started) / 1e6;
const held = measure();
const stats = store.stats();
const heldBytes = held.heap - baseline.heap;

// Query latencies on the full store: median of 7 calls (the first ones include JIT warm-up).
const key = `namespace:ns-3/pod:${podName(7, 3, batches - 1)}`;
const containerKey = `${key}/container:app`;
const time = fn => {
  let result;
  const samples = [];
  for (let i = 0; i < 7; i++) {
    const t = process.hrtime.bigint();
    result = fn();
    samples.push(micros(t));
  }
  samples.sort((a, b) => a - b);
  return {
    medianMicros: Math.round(samples[3]),
    size: Array.isArray(result) ? result.length : undefined,
  };
};
const queries = {
  podCpu15m: time(() => store.points(EntityType.Pod, key, 'cpu/usage_rate')),
  containerRootfsLabeled: time(() =>
    store.points(EntityType.PodContainer, containerKey, 'filesystem/usage', {
      labels: { resource_id: '/' },
    }),
  ),
  metricNames: time(() => store.metricNames(EntityType.PodContainer, containerKey)),
  listPodsOfNamespace: time(() => store.listPods('ns-3')),
  allKeys: time(() => store.allKeys()),
  readiness: time(() => store.readiness()),
};

addMs.sort((a, b) => a - b);
const perPod = bytes => Math.round(bytes / pods);
const perBatchHeld = stats.batches;
const heldWithoutNewest = heldBytes - batchBytes;
const heldWithoutBatches = heldBytes - perBatchHeld * batchBytes;
const heapster140s = Math.ceil(140_000 / resolutionMs); // batches a 140 s window holds
console.log(
  JSON.stringify(
    {
      scenario: 'store-retention',
      pods,
      containersPerPod: 2,
      nodes,
      resolutionMs,
      minutes,
      churnPerBatch: churn,
      precision,
      batchesFed: batches,
      store: stats,
      heldBytesPerPod: perPod(heldBytes),
      heldBytesPerPodWithoutNewestBatch: perPod(heldWithoutNewest),
      ringKeysAndIndicesBytesPerPod: perPod(heldWithoutBatches),
      oneBatchBytesPerPod: perPod(batchBytes),
      ifShortWindow140s: {
        batches: heapster140s,
        heldBytesPerPod: perPod(heldBytes + (heapster140s - perBatchHeld) * batchBytes),
      },
      rssBytes: held.rss,
      addMillis: {
        p50: +percentile(addMs, 0.5).toFixed(1),
        max: +addMs[addMs.length - 1].toFixed(1),
      },
      addMicrosPerPod: +((percentile(addMs, 0.5) * 1000) / pods).toFixed(2),
      feedSeconds: Math.round(feedSeconds),
      queries,
      node: process.version,
    },
    null,
    2,
  ),
);
