#!/usr/bin/env node
// Benchmark "metrics-api-pods-list": GET /apis/metrics.k8s.io/v1beta1/pods at 100,000 pods,
// the API alone (no scraping): a synthetic batch of PODS pods × 2 containers with labels, served
// by buildApiApp over a real socket to a client in a child process.
//
// For each of BATCHES batches it adds the batch to the store, calls the response cache's
// `prepare()` as the core does, then fires REQUESTS requests at fixed offsets after the add
// (the first batch has no demand yet, so its first request renders the list), and records:
// each request's wall time, the longest event-loop block of the server after the add (the
// lateness of a 1 ms timer), and the server's CPU time per batch (serving included). Prints
// one JSON document. The client sends `Accept-Encoding: gzip` as kubectl does (`--encoding
// identity`: none) and times the bytes as sent, without decompressing them. Run after
// `npm run build -w @heapster/api`:
//   node bench/pods-list.mjs [--pods 100000] [--batches 5] [--requests 6] [--spacing-ms 250]
//                           [--slice-ms 5] [--encoding gzip|identity]
import { fork } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DataBatch, EntityType, MetricId, StringTable } from '@heapster/model';
import { RecentStore } from '@heapster/store-memory';
import { Registry } from 'prom-client';
import { buildApiApp, MetricsResponseCache } from '../dist/index.js';

const flag = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};

if (process.argv[2] === '--client') {
  // The client: GETs the URL on request and reports wall time, size and encoding. node:http,
  // not fetch, which would ask for gzip whatever the flag and decompress.
  process.on('message', ({ url, id, gzip }) => {
    const started = performance.now();
    const headers = gzip ? { 'accept-encoding': 'gzip' } : {};
    const request = httpGet(url, { headers, timeout: 60_000 }, response => {
      let bytes = 0;
      response.on('data', chunk => (bytes += chunk.length));
      response.on('end', () =>
        process.send({
          id,
          ms: performance.now() - started,
          bytes,
          status: response.statusCode,
          encoding: response.headers['content-encoding'] ?? 'identity',
        }),
      );
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url} timed out`)));
    request.on('error', error => process.send({ id, ms: Number.NaN, status: error.message }));
  });
} else {
  await main();
}

async function main() {
  const pods = Number(flag('pods', 100_000));
  const batches = Number(flag('batches', 5));
  const requests = Number(flag('requests', 6));
  const spacingMs = Number(flag('spacing-ms', 250));
  const encoding = flag('encoding', 'gzip');
  if (encoding !== 'gzip' && encoding !== 'identity') throw new Error(`--encoding ${encoding}?`);
  const podsPerNode = 100;
  const nodes = Math.ceil(pods / podsPerNode);
  const resolutionMs = 15_000;
  const strings = new StringTable();
  const store = new RecentStore({ resolutionMs });
  const labels = new Map();
  for (let n = 0; n < nodes; n++) {
    for (let p = 0; p < podsPerNode && n * podsPerNode + p < pods; p++) {
      labels.set(`ns-${p % 20}/${podName(n, p)}`, {
        // Frozen, as the informer's records are.
        labels: Object.freeze({
          app: `app-${p % 50}`,
          'pod-template-hash': '7d9f8c6b5',
          tier: 'backend',
        }),
      });
    }
  }
  const nodeViews = new Map();
  const directory = {
    nodes: { listNodes: () => [...nodeViews.values()], getNode: name => nodeViews.get(name) },
    pods: { getPod: (namespace, name) => labels.get(`${namespace}/${name}`) },
  };
  const metricsApi = { store, resolutionMs, nodes: directory.nodes, pods: directory.pods };
  const sliceMs = flag('slice-ms', undefined);
  const cache = new MetricsResponseCache({
    ...metricsApi,
    ...(sliceMs === undefined ? {} : { sliceMs: Number(sliceMs) }),
  });
  const app = await buildApiApp(
    {
      store,
      registry: new Registry(),
      liveness: () => ({ ok: true, reason: 'bench' }),
      readiness: [],
      metricsApi: { ...metricsApi, cache },
    },
    {},
  );
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const client = fork(fileURLToPath(import.meta.url), ['--client'], { stdio: 'inherit' });
  let nextId = 0;
  const pending = new Map();
  client.on('message', m => {
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  });
  const get = path =>
    new Promise(resolve => {
      const id = nextId++;
      pending.set(id, resolve);
      client.send({ id, url: `${base}${path}`, gzip: encoding === 'gzip' });
    });

  const perBatch = [];
  const latencies = [];
  let bodyBytes = 0;
  for (let b = 0; b < batches; b++) {
    const batch = buildBatch(strings, Date.now(), nodes, podsPerNode, pods, b);
    await new Promise(resolve => setTimeout(resolve, 200));
    const added = performance.now();
    store.add(batch, () => 15_000);
    // From here on the server's own work: what the store add leaves to the metrics API.
    const delay = monitorEventLoopDelay({ resolution: 1 });
    const cpuBefore = process.cpuUsage();
    delay.enable();
    cache.prepare();
    const answers = [];
    for (let r = 0; r < requests; r++) {
      const at = added + r * spacingMs;
      await new Promise(resolve => setTimeout(resolve, Math.max(0, at - performance.now())));
      answers.push(get('/apis/metrics.k8s.io/v1beta1/pods'));
    }
    const done = await Promise.all(answers);
    delay.disable();
    const cpu = process.cpuUsage(cpuBefore);
    for (const d of done) {
      latencies.push(d.ms);
      bodyBytes = d.bytes;
      if (d.status !== 200) throw new Error(`status ${d.status}`);
      if (d.encoding !== encoding) throw new Error(`asked for ${encoding}, got ${d.encoding}`);
    }
    perBatch.push({
      requestMs: done.map(d => round(d.ms)),
      serverCpuMs: round((cpu.user + cpu.system) / 1000),
      maxEventLoopBlockMs: round(delay.max / 1e6),
    });
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  client.kill();
  await app.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = p => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  console.log(
    JSON.stringify(
      {
        scenario: 'metrics-api-pods-list',
        pods,
        sliceMs: sliceMs === undefined ? 5 : Number(sliceMs),
        encoding,
        bodyBytes,
        requests: latencies.length,
        p50Ms: round(q(0.5)),
        p99Ms: round(q(0.99)),
        maxMs: round(sorted.at(-1)),
        firstRequestAfterBatchMs: round(perBatch.reduce((m, b) => Math.max(m, b.requestMs[0]), 0)),
        maxEventLoopBlockMs: round(Math.max(...perBatch.map(b => b.maxEventLoopBlockMs))),
        serverCpuMsPerBatch: perBatch.map(b => b.serverCpuMs),
        perBatch,
        loadavg: (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim(),
        node: process.version,
      },
      null,
      2,
    ),
  );
}

function podName(n, p) {
  return `app-${p % 50}-7d9f8c6b5-${n.toString(36)}x${p.toString(36)}q`;
}

function buildBatch(strings, timestamp, nodes, podsPerNode, pods, seed) {
  const batch = new DataBatch({
    timestamp,
    strings,
    capacity: {
      [EntityType.PodContainer]: pods * 2,
      [EntityType.Pod]: pods,
      [EntityType.Node]: nodes,
    },
  });
  const nodeTable = batch.table(EntityType.Node);
  const podTable = batch.table(EntityType.Pod);
  const containers = batch.table(EntityType.PodContainer);
  let v = seed * 7919;
  const next = () => {
    v = (v * 1103515245 + 12345) % 2147483648;
    return v;
  };
  for (let n = 0; n < nodes; n++) {
    const node = `node-${n}`;
    const row = nodeTable.addRow({ node });
    nodeTable.setValue(row, MetricId.CpuUsageRate, (next() % 4_000_000) / 1000);
    nodeTable.setValue(row, MetricId.MemoryWorkingSet, next() * 4);
    for (let p = 0; p < podsPerNode && n * podsPerNode + p < pods; p++) {
      const namespace = `ns-${p % 20}`;
      const pod = podName(n, p);
      const podRow = podTable.addRow({ namespace, pod, node });
      podTable.setValue(podRow, MetricId.CpuUsageRate, 1);
      for (const container of ['app', 'sidecar']) {
        const c = containers.addRow({ namespace, pod, container, node });
        containers.setValue(c, MetricId.CpuUsageRate, (next() % 2_000_000) / 1000);
        containers.setValue(c, MetricId.MemoryWorkingSet, next() % 500_000_000);
      }
    }
  }
  return batch;
}

function round(x) {
  return Number(x.toFixed(1));
}
