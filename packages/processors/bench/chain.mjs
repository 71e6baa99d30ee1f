// Micro-benchmark of Heapster's processor chain (not a test): 100,000 pods × 2 containers on
// 1,000 nodes, as the kubelet source would write them, through the eight processors, batch
// after batch. Prints JSON: µs of chain CPU per pod for the first batch (no rate state, cold
// label cache) and the steady state (median of the later batches), a per-processor
// breakdown, and the bytes per pod the processors keep between batches.
//
//   npm run build && node --expose-gc bench/chain.mjs [pods] [batches]
import {
  DataBatch,
  EntityType,
  LabelCatalogue,
  LabelId,
  MetricCatalogue,
  MetricId,
  StringTable,
} from '@heapster/model';
import { noopLogger } from '@heapster/runtime';
import { Registry } from 'prom-client';
import { heapsterProcessors, ProcessorChain } from '../dist/index.js';

const PODS = Number(process.argv[2] ?? 100_000);
const BATCHES = Number(process.argv[3] ?? 5);
const NODES = Math.max(1, Math.round(PODS / 100));
const NAMESPACES = 100;
const RESOLUTION = 15_000;

function resources(cpuMillis, memoryBytes) {
  return Object.freeze({ cpuMillis, memoryBytes, extended: Object.freeze({}) });
}

// The cluster as the informer caches hold it: one frozen record per pod, shared resources.
const REQUESTS = resources(100, 128 * 2 ** 20);
const LIMITS = resources(500, 256 * 2 ** 20);
const pods = new Map();
for (let i = 0; i < PODS; i++) {
  const namespace = `ns-${i % NAMESPACES}`;
  const name = `deploy-${i % 1000}-${i.toString(36).padStart(6, '0')}`;
  pods.set(
    `${namespace}/${name}`,
    Object.freeze({
      namespace,
      name,
      uid: `00000000-0000-0000-0000-${i.toString(16).padStart(12, '0')}`,
      nodeName: `node-${i % NODES}`,
      labels: Object.freeze({ app: `deploy-${i % 1000}`, 'pod-template-hash': `h${i % 1000}` }),
      startTime: 1_000,
      containers: Object.freeze(
        ['app', 'sidecar'].map(c =>
          Object.freeze({
            name: c,
            image: `${c}:1.0`,
            requests: REQUESTS,
            limits: LIMITS,
            restartCount: 0,
          }),
        ),
      ),
    }),
  );
}
const podList = [...pods.values()];
const nodeInfo = Object.freeze({
  labels: Object.freeze({ zone: 'a' }),
  capacity: Object.freeze({ cpuMillis: 32_000, memoryBytes: 128e9, ephemeralBytes: 500e9 }),
  allocatable: Object.freeze({ cpuMillis: 31_000, memoryBytes: 120e9, ephemeralBytes: 450e9 }),
});
const sources = {
  pods: { getPod: (namespace, name) => pods.get(`${namespace}/${name}`) },
  namespaces: { getNamespace: name => ({ uid: `uid-${name}` }) },
  nodes: { getNode: () => nodeInfo },
};

const metrics = new MetricCatalogue();
const labels = new LabelCatalogue();
const strings = new StringTable();

/** One scrape of every kubelet, as the source writes it. */
function buildBatch(n) {
  const scrape = 60_000 + n * RESOLUTION;
  const batch = new DataBatch({
    timestamp: scrape,
    metrics,
    labels,
    strings,
    capacity: {
      [EntityType.Pod]: PODS,
      [EntityType.PodContainer]: 2 * PODS,
      [EntityType.Node]: NODES,
    },
  });
  const nodeTable = batch.table(EntityType.Node);
  for (let i = 0; i < NODES; i++) {
    const row = nodeTable.addRow({ node: `node-${i}` });
    nodeTable.setCollectionStartTime(row, 0);
    nodeTable.setScrapeTime(row, scrape);
    nodeTable.setValue(row, MetricId.CpuUsage, scrape * 1e7);
    nodeTable.setValue(row, MetricId.MemoryUsage, 60e9);
    nodeTable.setValue(row, MetricId.MemoryWorkingSet, 40e9);
    nodeTable.setValue(row, MetricId.NetworkRx, scrape * 1e3);
    nodeTable.setValue(row, MetricId.NetworkTx, scrape * 1e3);
  }
  const podTable = batch.table(EntityType.Pod);
  const containers = batch.table(EntityType.PodContainer);
  for (const pod of podList) {
    const node = pod.nodeName;
    const row = podTable.addRow({ namespace: pod.namespace, pod: pod.name, node });
    podTable.setCollectionStartTime(row, 1_000);
    podTable.setCreateTime(row, 1_000);
    podTable.setScrapeTime(row, scrape);
    podTable.setLabel(row, LabelId.Hostname, node);
    podTable.setLabel(row, LabelId.PodId, pod.uid);
    podTable.setValue(row, MetricId.CpuUsage, scrape * 2e5);
    podTable.setValue(row, MetricId.CpuUsageRate, 200);
    podTable.setValue(row, MetricId.MemoryUsage, 2e8);
    podTable.setValue(row, MetricId.MemoryWorkingSet, 1.5e8);
    for (const id of [
      MetricId.NetworkRx,
      MetricId.NetworkTx,
      MetricId.NetworkRxErrors,
      MetricId.NetworkTxErrors,
    ])
      podTable.setValue(row, id, scrape * 10);
    for (const c of ['app', 'sidecar']) {
      const cr = containers.addRow({ namespace: pod.namespace, pod: pod.name, container: c, node });
      containers.setCollectionStartTime(cr, 1_000);
      containers.setCreateTime(cr, 1_000);
      containers.setScrapeTime(cr, scrape);
      containers.setLabel(cr, LabelId.Hostname, node);
      containers.setLabel(cr, LabelId.PodId, pod.uid);
      containers.setValue(cr, MetricId.Uptime, scrape - 1_000);
      containers.setValue(cr, MetricId.CpuUsage, scrape * 1e5);
      containers.setValue(cr, MetricId.CpuUsageRate, 100);
      containers.setValue(cr, MetricId.MemoryUsage, 1e8);
      containers.setValue(cr, MetricId.MemoryWorkingSet, 7.5e7);
      containers.setValue(cr, MetricId.MemoryRss, 5e7);
      containers.setValue(cr, MetricId.MemoryPageFaults, scrape);
      containers.setValue(cr, MetricId.MemoryMajorPageFaults, scrape / 1000);
      containers.setValue(cr, MetricId.EphemeralStorageUsage, 1e6);
    }
  }
  return batch;
}

const gc = globalThis.gc;
const heap = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

let built = heapsterProcessors({ ...sources, logger: noopLogger });
const perProcessor = new Map(built.processors.map(p => [p.name, []]));
let timed = built.processors.map(p => ({
  name: p.name,
  process(batch) {
    const started = process.cpuUsage();
    p.process(batch);
    const used = process.cpuUsage(started);
    perProcessor.get(p.name).push((used.user + used.system) / PODS);
  },
}));
let chain = new ProcessorChain({ processors: timed, logger: noopLogger, registry: new Registry() });

const heapBefore = heap();
const runs = [];
let last;
for (let n = 0; n < BATCHES; n++) {
  last = buildBatch(n);
  const started = process.cpuUsage();
  const failures = chain.process(last);
  const used = process.cpuUsage(started);
  if (failures.length > 0) throw failures[0].error;
  runs.push((used.user + used.system) / PODS);
}
const check = {
  containerRate: last.table(EntityType.PodContainer).value(0, MetricId.CpuUsageRate),
  clusterCpuRequest: last.table(EntityType.Cluster).value(0, MetricId.CpuRequest),
  nodeUtilization: last.table(EntityType.Node).value(0, MetricId.CpuNodeUtilization),
};
const batchRows = last.entityCount();
last = undefined;
const heapWithState = heap();
const rateSeries = built.rateCalculator.seriesCount;
built = undefined;
chain = undefined;
timed = undefined;
const heapWithout = heap();

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = value => Math.round(value * 100) / 100;
console.log(
  JSON.stringify(
    {
      pods: PODS,
      containers: 2 * PODS,
      nodes: NODES,
      batches: BATCHES,
      rowsPerBatch: batchRows,
      usPerPodFirstBatch: round(runs[0]),
      usPerPodByBatch: runs.map(round),
      usPerPodSteady: round(median(runs.slice(1))),
      usPerPodSteadyByProcessor: Object.fromEntries(
        [...perProcessor].map(([name, values]) => [name, round(median(values.slice(1)))]),
      ),
      rateSeries,
      stateBytesPerPod: gc === undefined ? null : Math.round((heapWithState - heapWithout) / PODS),
      heapBeforeMiB: Math.round(heapBefore / 2 ** 20),
      check,
    },
    null,
    2,
  ),
);
