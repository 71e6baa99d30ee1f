// Decode cost per pod of the kubelet source, for docs/performance.md and the README.
// Not a test: run `npm run build && node bench/decode-bench.mjs [nodes] [podsPerNode]` in this
// package. Prints one JSON object. Bodies are generated in the shape kubesim and real kubelets
// send (two containers per pod, rootfs/logs, a volume, network with interfaces).
import { DataBatch, MetricCatalogue, StringTable } from '@heapster/model';
import { decodeResourceMetrics, decodeSummary } from '../dist/index.js';
// Internal modules: the two halves of a body read on a read worker (src/read-worker).
import { decodeSummaryTape } from '../dist/summary/decode-summary.js';
import { FastSummaryReader } from '../dist/summary/fast-summary-reader.js';
import { NameRanges, SummaryTapeEncoder } from '../dist/read-worker/summary-tape.js';

const nodes = Number(process.argv[2] ?? 1000);
const podsPerNode = Number(process.argv[3] ?? 100);
const rounds = 3;

const t = '2024-05-01T12:00:00Z';
const cpu = i => ({
  time: t,
  usageNanoCores: 1_000_000 + i,
  usageCoreNanoSeconds: 5_000_000_000_000 + i * 7919,
});
const memory = i => ({
  time: t,
  availableBytes: 900_000_000,
  usageBytes: 300_000_000 + i,
  workingSetBytes: 200_000_000 + i,
  rssBytes: 150_000_000 + i,
  pageFaults: 100_000 + i,
  majorPageFaults: 10 + (i % 7),
});
const fs = i => ({
  time: t,
  availableBytes: 80_000_000_000,
  capacityBytes: 100_000_000_000,
  usedBytes: 40_960 + i,
  inodesFree: 6_000_000,
  inodes: 6_553_600,
  inodesUsed: 12,
});
const iface = (name, i) => ({
  name,
  rxBytes: 1e9 + i,
  rxErrors: i % 3,
  txBytes: 2e9 + i,
  txErrors: i % 5,
});

function summaryText(n) {
  const pods = [];
  for (let p = 0; p < podsPerNode; p++) {
    const i = n * podsPerNode + p;
    const containers = ['app', 'sidecar'].map((name, c) => ({
      name,
      startTime: '2024-05-01T10:00:00Z',
      cpu: cpu(i + c),
      memory: memory(i + c),
      rootfs: fs(i + c),
      logs: fs(i + c + 1),
    }));
    pods.push({
      podRef: {
        name: `pod-${i}-abcde`,
        namespace: `ns-${i % 40}`,
        uid: `0d9b2a52-1111-4c3e-9a57-${String(i).padStart(12, '0')}`,
      },
      startTime: '2024-05-01T10:00:00Z',
      containers,
      cpu: cpu(i),
      memory: memory(i),
      network: { time: t, ...iface('eth0', i), interfaces: [iface('eth0', i)] },
      volume: [{ ...fs(i), name: 'kube-api-access-x1' }],
      'ephemeral-storage': fs(i),
      process_stats: { process_count: 4 },
    });
  }
  const node = {
    nodeName: `node-${n}`,
    systemContainers: ['kubelet', 'runtime', 'pods'].map((name, k) => ({
      name,
      startTime: '2024-05-01T09:00:00Z',
      cpu: cpu(k),
      memory: memory(k),
    })),
    startTime: '2024-05-01T09:00:00Z',
    cpu: cpu(n),
    memory: memory(n),
    network: { time: t, ...iface('eth0', n), interfaces: [iface('eth0', n), iface('cni0', n)] },
    fs: fs(n),
  };
  return JSON.stringify({ node, pods });
}

function resourceText(n) {
  const lines = [];
  for (let p = 0; p < podsPerNode; p++) {
    const i = n * podsPerNode + p;
    for (const c of ['app', 'sidecar']) {
      const l = `{container="${c}",namespace="ns-${i % 40}",pod="pod-${i}-abcde"}`;
      lines.push(
        `container_cpu_usage_seconds_total${l} ${5000 + i / 1000} 1714564800000`,
        `container_memory_working_set_bytes${l} ${2e8 + i} 1714564800000`,
        `container_start_time_seconds${l} 1.7145576e+09 1714557600000`,
      );
    }
    lines.push(
      `pod_cpu_usage_seconds_total{namespace="ns-${i % 40}",pod="pod-${i}-abcde"} ${10000 + i / 1000} 1714564800000`,
    );
  }
  lines.push(
    'node_cpu_usage_seconds_total 123456.7 1714564800000',
    'node_memory_working_set_bytes 1.9e+09 1714564800000',
  );
  return `${lines.join('\n')}\n`;
}

// Distinct bodies, reused round-robin so generation stays out of the numbers. With --distinct
// every node has its own pod names, as in a real cluster (string tables then hold 100 k names).
const sample = process.argv.includes('--distinct') ? nodes : Math.min(nodes, 50);
const summaries = Array.from({ length: sample }, (_, n) => summaryText(n));
const resources = Array.from({ length: sample }, (_, n) => resourceText(n));

function measure(label, decode) {
  const metrics = new MetricCatalogue();
  const strings = new StringTable();
  let best = Infinity;
  let heapPerPod = 0;
  for (let r = 0; r < rounds; r++) {
    const batch = new DataBatch({
      timestamp: 0,
      metrics,
      strings,
      capacity: { 0: nodes * podsPerNode * 2, 1: nodes * podsPerNode, 3: nodes },
    });
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const before = process.cpuUsage();
    for (let n = 0; n < nodes; n++) decode(n, batch);
    const used = process.cpuUsage(before);
    heapPerPod = (process.memoryUsage().heapUsed - heapBefore) / (nodes * podsPerNode);
    best = Math.min(best, (used.user + used.system) / (nodes * podsPerNode));
  }
  return {
    [label]: {
      cpuMicrosecondsPerPod: Number(best.toFixed(2)),
      heapGrowthBytesPerPodIncludingGarbage: Math.round(heapPerPod),
    },
  };
}

const ctx = n => ({
  nodeName: `node-${n}`,
  hostname: `node-${n}`,
  hostId: '',
  scrapeStartMs: 1_714_564_800_000,
});
const bytesPerPod = Math.round(summaries[0].length / podsPerNode);
const results = {
  nodes,
  podsPerNode,
  containersPerPod: 2,
  summaryBytesPerPod: bytesPerPod,
  ...measure('jsonParseOnly', n => JSON.parse(summaries[n % sample])),
  ...measure('summaryFromText', (n, batch) => decodeSummary(summaries[n % sample], batch, ctx(n))),
  // What the scraper does: the response bytes, read by the fast path.
  ...measure(
    'summaryFromBytes',
    (() => {
      const bodies = summaries.map(s => Buffer.from(s));
      return (n, batch) => decodeSummary(bodies[n % sample], batch, ctx(n));
    })(),
  ),
  // A read worker's half (the reader and the tape), then the main thread's (the tape, the writer).
  ...measure(
    'summaryReadToTape',
    (() => {
      const bodies = summaries.map(s => Buffer.from(s));
      const reader = new FastSummaryReader();
      const names = new NameRanges();
      const encoder = new SummaryTapeEncoder();
      return n => {
        names.clear();
        encoder.encode(reader.read(bodies[n % sample], names), names);
      };
    })(),
  ),
  ...measure(
    'summaryFromTape',
    (() => {
      const bodies = summaries.map(s => Buffer.from(s));
      const reader = new FastSummaryReader();
      const encoder = new SummaryTapeEncoder();
      const tapes = bodies.map(b => {
        const names = new NameRanges();
        return encoder.encode(reader.read(b, names), names);
      });
      return (n, batch) => decodeSummaryTape(tapes[n % sample], bodies[n % sample], batch, ctx(n));
    })(),
  ),
  ...measure(
    'summaryPreParsed',
    (() => {
      const parsed = summaries.map(s => JSON.parse(s));
      return (n, batch) => decodeSummary(parsed[n % sample], batch, ctx(n));
    })(),
  ),
  ...measure('resource', (n, batch) => decodeResourceMetrics(resources[n % sample], batch, ctx(n))),
};
console.log(JSON.stringify(results, null, 2));
