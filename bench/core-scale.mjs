#!/usr/bin/env node
// Scenario "core-scale": the heapster core scraping a kubesim cluster, each in its own process.
//
//   node bench/core-scale.mjs [--nodes 1000] [--pods-per-node 100] [--resolution 15s]
//                             [--cycles 10] [--warmup 2] [--api-requests 20]
//
// After `warmup` housekeeping runs it records `cycles` more, reading the core's own /metrics
// after each: CPU seconds used in the cycle, RSS and heap, the scrape's wall time, the time from
// scrape start until the batch is visible in the store, and batch sizes. Then it times
// GET /apis/metrics.k8s.io/v1beta1/pods (the HPA's and `kubectl top pods -A`'s request).
// Prints one JSON document. Needs `npm run build` first.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const nodes = Number(arg('nodes', '1000'));
const podsPerNode = Number(arg('pods-per-node', '100'));
const resolution = arg('resolution', '15s');
const cycles = Number(arg('cycles', '10'));
const warmup = Number(arg('warmup', '2'));
const apiRequests = Number(arg('api-requests', '20'));
const dir = mkdtempSync(join(tmpdir(), 'core-scale-'));
const children = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function launch(name, args, readyPattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`${name} not ready in 180 s:\n${output}`)),
      180_000,
    );
    const onData = chunk => {
      output = (output + chunk.toString()).slice(-4000);
      if (readyPattern.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', code => reject(new Error(`${name} exited (${code}):\n${output}`)));
  });
}

function processStats(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = 100;
  const cpuSeconds = (Number(stat[11]) + Number(stat[12])) / ticks;
  const rssBytes = Number(stat[21]) * 4096;
  return { cpuSeconds, rssBytes };
}

async function selfMetrics(base) {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (name, labels = '') => {
    const line = text
      .split('\n')
      .find(l => l.startsWith(`${name}${labels} `) || l.startsWith(`${name}${labels}{`));
    return line === undefined ? Number.NaN : Number(line.slice(line.lastIndexOf(' ') + 1));
  };
  return {
    batch: value('heapster_last_batch_timestamp_seconds'),
    cpu: value('process_cpu_seconds_total'),
    rss: value('process_resident_memory_bytes'),
    heap: value('nodejs_heap_size_used_bytes'),
    scrape: value('heapster_last_run_seconds', '{stage="scrape"}'),
    store: value('heapster_last_run_seconds', '{stage="store"}'),
    sets: value('heapster_last_batch_size', '{what="metric_sets"}'),
    values: value('heapster_last_batch_size', '{what="values"}'),
    pods: value('heapster_last_batch_size', '{what="pods"}'),
    scrapedNodes: value('heapster_last_batch_size', '{what="nodes"}'),
  };
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const round = (x, digits = 3) => Number(x.toFixed(digits));

async function main() {
  const kubeconfig = join(dir, 'kubeconfig');
  const kubeletPort = await freePort();
  const sim = await launch(
    'kubesim',
    [
      'packages/kubesim/dist/cli.js',
      ...['--nodes', String(nodes), '--pods-per-node', String(podsPerNode), '--seed', '1'],
      ...['--churn', '0', '--events-per-second', '1', '--segment', '300s'],
      ...['--kubelet-read-only-port', String(kubeletPort), '--no-kubelet-https'],
      ...['--api-port', '0', '--kubeconfig-out', kubeconfig],
    ],
    /kubesim ready: api=/,
  );
  const heapsterPort = await freePort();
  const base = `http://127.0.0.1:${heapsterPort}`;
  const core = await launch(
    'heapster',
    [
      'apps/core/dist/main.js',
      `--kubeconfig=${kubeconfig}`,
      `--source=kubernetes.summary_api:?kubeletPort=${kubeletPort}`,
      `--metric_resolution=${resolution}`,
      `--heapster-port=${heapsterPort}`,
      '--listen_ip=127.0.0.1',
      '--log-level=warn',
    ],
    /.*/,
  );
  for (let i = 0; i < 60; i++) {
    try {
      await selfMetrics(base);
      break;
    } catch {
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  }
  const samples = [];
  let previous = await selfMetrics(base);
  let seen = 0;
  const deadline = Date.now() + (cycles + warmup + 3) * 120_000;
  while (samples.length < cycles && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 500));
    const now = await selfMetrics(base);
    if (!(now.batch > previous.batch) || Number.isNaN(now.store)) continue;
    seen++;
    if (seen > warmup) {
      samples.push({ ...now, cpuDelta: now.cpu - previous.cpu, sim: processStats(sim.pid) });
    }
    previous = now;
  }
  const pods = samples.at(-1)?.pods ?? 0;
  const latencies = [];
  let bodyBytes = 0;
  for (let i = 0; i < apiRequests; i++) {
    const started = performance.now();
    const response = await fetch(`${base}/apis/metrics.k8s.io/v1beta1/pods`);
    bodyBytes = (await response.arrayBuffer()).byteLength;
    latencies.push(performance.now() - started);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  const last = samples.at(-1);
  const cpuPerCycle = samples.map(s => s.cpuDelta);
  const result = {
    scenario: 'core-scale',
    nodes,
    podsPerNode,
    resolution,
    cyclesMeasured: samples.length,
    podsScraped: pods,
    nodesScraped: last?.scrapedNodes,
    metricSets: last?.sets,
    scrapeWallSeconds: {
      p50: round(
        quantile(
          samples.map(s => s.scrape),
          0.5,
        ),
      ),
      p99: round(
        quantile(
          samples.map(s => s.scrape),
          0.99,
        ),
      ),
    },
    scrapeToStoreSeconds: {
      p50: round(
        quantile(
          samples.map(s => s.store),
          0.5,
        ),
      ),
      p99: round(
        quantile(
          samples.map(s => s.store),
          0.99,
        ),
      ),
    },
    coreCpuSecondsPerCycle: {
      p50: round(quantile(cpuPerCycle, 0.5)),
      max: round(Math.max(...cpuPerCycle)),
    },
    coreCpuMicrosPerPodPerScrape: round((quantile(cpuPerCycle, 0.5) * 1e6) / pods, 1),
    coreRssBytes: last?.rss,
    coreHeapUsedBytes: last?.heap,
    coreRssBytesPerPod: Math.round((last?.rss ?? 0) / pods),
    valuesIngestedPerSecond: Math.round((last?.values ?? 0) / (Number.parseFloat(resolution) || 1)),
    metricsApiPodsList: {
      requests: latencies.length,
      bodyBytes,
      p50Ms: round(quantile(latencies, 0.5), 1),
      p99Ms: round(quantile(latencies, 0.99), 1),
      maxMs: round(Math.max(...latencies), 1),
    },
    kubesim: { rssBytes: last?.sim.rssBytes, cpuSecondsTotal: last?.sim.cpuSeconds },
    keepsUp:
      samples.length === cycles &&
      quantile(
        samples.map(s => s.store),
        0.99,
      ) < Number.parseFloat(resolution),
    node: process.version,
  };
  console.log(JSON.stringify(result, null, 2));
}

try {
  await main();
} finally {
  for (const child of children) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
