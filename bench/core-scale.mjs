#!/usr/bin/env node
// Scenario "core-scale": the heapster core scraping a kubesim cluster, each in its own process.
//
//   node bench/core-scale.mjs [--nodes 1000] [--pods-per-node 100] [--resolution 15s]
//                             [--cycles 10] [--warmup 2] [--api-requests N] [--core-arg F]…
//
// After `warmup` housekeeping runs it records `cycles` more, reading the core's own /metrics
// once after each (it notices a batch through the model API, see newestBatch): CPU seconds
// used in the cycle, RSS and heap, the scrape's wall time, the time from scrape start until
// the batch is visible in the store, and batch sizes. Then it times
// GET /apis/metrics.k8s.io/v1beta1/pods (`kubectl top pods -A`'s request): the first one
// apart (with `Accept-Encoding: gzip`, as kubectl sends it), then N more 250 ms apart
// (default: over two resolution periods plus 6 s), alternately with `Accept-Encoding: gzip`
// and without (identity), each encoding also split into those in flight while a scrape ran
// and the others. It reports the body sizes, the core's compression of the list per batch
// (wall time on its thread pool, from its /metrics) and the CPU that compression costs (the
// same gzip of the same bytes, level 1, timed here with process.cpuUsage).
// The core is started as apps/core/launch.json says (node flags, environment), as npm start
// does. Prints one JSON document. Needs `npm run build` first.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

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
// Enough requests, 250 ms apart, to span two resolution periods and so batches landing.
const apiRequests = Number(
  arg('api-requests', String(2 * Math.ceil(((Number.parseFloat(resolution) || 15) + 3) * 4))),
);
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

/** The documented way to run heapster: node flags and environment (apps/core/launch.json). */
// `--core-arg <flag>` (repeatable): passed on to the core, e.g. `--core-arg --read-workers=0`.
const coreArgs = process.argv.flatMap((value, i) =>
  process.argv[i - 1] === '--core-arg' ? [value] : [],
);
const coreLaunch = JSON.parse(readFileSync(join(root, 'apps/core/launch.json'), 'utf8'));

/** Spawns a process; resolves when its output matches readyPattern (at once when null). */
function launch(name, args, readyPattern, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    if (readyPattern === null) resolve(child);
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`${name} not ready in 180 s:\n${output}`)),
      180_000,
    );
    const onData = chunk => {
      output = (output + chunk.toString()).slice(-4000);
      if (readyPattern !== null && readyPattern.test(output)) {
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

/**
 * The newest batch's time as the model API reports it (the cluster's memory/usage over the last
 * minute): a few hundred bytes. The benchmark polls this to notice a batch landing and reads
 * /metrics once per batch, as a Prometheus scraping every resolution would. Rendering /metrics
 * at 1,000 nodes costs the core ≈ 30 ms of CPU (459 KB: a latency summary per node, 1,000
 * t-digests), so polling it every 500 ms, as this benchmark did until session 7, added ≈ 0.9 s of
 * CPU a cycle and a few renders to every scrape's window (docs/performance.md, session 7).
 */
async function newestBatch(base) {
  const start = new Date(Date.now() - 60_000).toISOString();
  const response = await fetch(`${base}/api/v1/model/metrics/memory/usage?start=${start}`);
  if (!response.ok) return undefined;
  const { latestTimestamp } = await response.json();
  return latestTimestamp;
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
    listGzipBytes: value('heapster_metrics_api_list_bytes', '{list="pods",encoding="gzip"}'),
    listCompressSeconds: value('heapster_metrics_api_list_compress_seconds', '{list="pods"}'),
    listGzipResponses: value('heapster_metrics_api_list_gzip_responses_total', '{list="pods"}'),
  };
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const round = (x, digits = 3) => Number(x.toFixed(digits));
/** p50, p99 and every cycle's value, so a slow cycle can be told from a slow run. */
const distribution = values => ({
  p50: round(quantile(values, 0.5)),
  p99: round(quantile(values, 0.99)),
  perCycle: values.map(v => round(v)),
});

async function main() {
  const kubeconfig = join(dir, 'kubeconfig');
  const kubeletPort = await freePort();
  const sim = await launch(
    'kubesim',
    [
      // kubesim keeps every pod's objects and series on its heap: past ~250,000 pods that
      // outgrows node's default ~4 GB limit (it is the stand-in cluster, not what is measured).
      ...(nodes * podsPerNode > 200_000 ? ['--max-old-space-size=16384'] : []),
      'packages/kubesim/dist/cli.js',
      ...['--nodes', String(nodes), '--pods-per-node', String(podsPerNode), '--seed', '1'],
      ...['--churn', '0', '--events-per-second', '1', '--segment', '300s'],
      ...['--kubelet-read-only-port', String(kubeletPort), '--no-kubelet-https'],
      ...['--api-port', '0', '--kubeconfig-out', kubeconfig],
      // One process stands in for every kubelet: its major collections (≈ 0.8 s of marking at
      // 1 GB of heap) would stall all of them at once in the middle of a scrape, which no real
      // cluster does. kubesim collects between scrapes instead (packages/kubesim, idle-collector).
      '--idle-gc',
    ],
    /kubesim ready: api=/,
  );
  const heapsterPort = await freePort();
  const base = `http://127.0.0.1:${heapsterPort}`;
  const core = await launch(
    'heapster',
    [
      ...coreLaunch.nodeFlags,
      'apps/core/dist/main.js',
      `--kubeconfig=${kubeconfig}`,
      `--source=kubernetes.summary_api:?kubeletPort=${kubeletPort}`,
      `--metric_resolution=${resolution}`,
      `--heapster-port=${heapsterPort}`,
      '--listen_ip=127.0.0.1',
      '--log-level=warn',
      ...coreArgs,
    ],
    null, // quiet at warn level: readiness is the self-metrics endpoint answering, polled below
    coreLaunch.env,
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
  let probed = await newestBatch(base);
  while (samples.length < cycles && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 250));
    const newest = await newestBatch(base);
    if (newest === probed) continue;
    probed = newest;
    const now = await selfMetrics(base);
    if (!(now.batch > previous.batch) || Number.isNaN(now.store)) continue;
    seen++;
    if (seen > warmup) {
      samples.push({ ...now, cpuDelta: now.cpu - previous.cpu, sim: processStats(sim.pid) });
    }
    previous = now;
  }
  const pods = samples.at(-1)?.pods ?? 0;
  // node:http, not fetch: fetch would gunzip, and the figure is the server's time to the last
  // byte of what it sends. One keep-alive connection, as kubectl's.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const getPods = (gzip, keep = false) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = httpRequest(
        `${base}/apis/metrics.k8s.io/v1beta1/pods`,
        { agent, headers: gzip ? { 'accept-encoding': 'gzip' } : {}, timeout: 60_000 },
        response => {
          // Counted, not buffered (unless asked), so the client's own garbage (36 MB per
          // plain response) does not end up in the figure.
          let bytes = 0;
          const chunks = [];
          response.on('data', chunk => {
            bytes += chunk.length;
            if (keep) chunks.push(chunk);
          });
          response.on('end', () =>
            resolve({
              ms: performance.now() - started,
              bytes,
              encoding: response.headers['content-encoding'] ?? 'identity',
              body: keep ? Buffer.concat(chunks) : undefined,
            }),
          );
          response.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('GET pods timed out')));
      req.on('error', reject);
      req.end();
    });
  // The first request renders the list (nobody asked for it before); from then on the core
  // renders it as each batch lands. The timed requests span at least one batch boundary. Each
  // is classed by whether a scrape ran while it was in flight (scrape windows are read back
  // from each batch's landing time and its scrape-start-to-store latency): during a scrape the
  // core's one thread is busy decoding, so those requests measure the contention, the others
  // the API itself.
  const first = await getPods(true);
  const t0 = performance.now();
  const landed = [];
  let watching = true;
  const watcher = (async () => {
    let previousBatch = await newestBatch(base);
    while (watching) {
      await new Promise(resolve => setTimeout(resolve, 250));
      const newest = await newestBatch(base);
      if (newest !== previousBatch) {
        const at = performance.now() - t0;
        landed.push({ at, storeMs: (await selfMetrics(base)).store * 1000 });
        previousBatch = newest;
      }
    }
  })();
  const requests = [];
  const bodyBytes = { gzip: first.bytes, identity: 0 };
  for (let i = 0; i < apiRequests; i++) {
    const gzip = i % 2 === 0;
    const at = performance.now() - t0;
    const { ms, bytes, encoding } = await getPods(gzip);
    const expected = gzip ? 'gzip' : 'identity';
    if (encoding !== expected) throw new Error(`asked for ${expected}, got ${encoding}`);
    bodyBytes[expected] = bytes;
    requests.push({ at, ms, encoding });
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  // Let the scrape under way (if any) land, so its window is known too.
  const requestsEnd = performance.now() - t0;
  const landedBefore = landed.length;
  const waitUntil = performance.now() + (Number.parseFloat(resolution) || 15) * 1000 + 5000;
  while (landed.length === landedBefore && performance.now() < waitUntil) {
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  watching = false;
  await watcher;
  const scrapes = landed.map(l => [l.at - l.storeMs - 250, l.at]);
  const duringScrape = r => scrapes.some(([from, to]) => r.at < to && r.at + r.ms > from);
  const figures = list => ({
    requests: list.length,
    p50Ms: list.length === 0 ? null : round(quantile(list, 0.5), 1),
    p99Ms: list.length === 0 ? null : round(quantile(list, 0.99), 1),
    maxMs: list.length === 0 ? null : round(Math.max(...list), 1),
  });
  const batchesDuringRequests = landed.filter(l => l.at <= requestsEnd).length;
  const byEncoding = encoding => {
    const list = requests.filter(r => r.encoding === encoding);
    const ms = list.map(r => r.ms);
    return {
      bodyBytes: bodyBytes[encoding],
      ...figures(ms),
      outsideScrapes: figures(list.filter(r => !duringScrape(r)).map(r => r.ms)),
      duringScrapes: figures(list.filter(duringScrape).map(r => r.ms)),
    };
  };
  // The CPU the core's compression of one list costs: the same gzip (level 1, GZIP_LEVEL) of
  // the same bytes, here and synchronously, so process.cpuUsage sees all of it.
  const sample = await getPods(true, true);
  const plain = gunzipSync(sample.body);
  const compressCpuMs = [];
  for (let i = 0; i < 3; i++) {
    const before = process.cpuUsage();
    gzipSync(plain, { level: 1 });
    const used = process.cpuUsage(before);
    compressCpuMs.push((used.user + used.system) / 1000);
  }
  const served = await selfMetrics(base);
  agent.destroy();
  const last = samples.at(-1);
  const cpuPerCycle = samples.map(s => s.cpuDelta);
  const rssPerCycle = samples.map(s => s.rss);
  const result = {
    scenario: 'core-scale',
    nodes,
    podsPerNode,
    resolution,
    cyclesMeasured: samples.length,
    podsScraped: pods,
    nodesScraped: last?.scrapedNodes,
    metricSets: last?.sets,
    scrapeWallSeconds: distribution(samples.map(s => s.scrape)),
    scrapeToStoreSeconds: distribution(samples.map(s => s.store)),
    coreCpuSecondsPerCycle: {
      p50: round(quantile(cpuPerCycle, 0.5)),
      max: round(Math.max(...cpuPerCycle)),
      // Every cycle's, in order: a long run shows whether the cost drifts (collections of a
      // growing old generation, an informer relist).
      perCycle: cpuPerCycle.map(seconds => round(seconds, 2)),
    },
    coreCpuMicrosPerPodPerScrape: round((quantile(cpuPerCycle, 0.5) * 1e6) / pods, 1),
    coreRssBytes: last?.rss,
    coreHeapUsedBytes: last?.heap,
    coreRssBytesPerPod: Math.round((last?.rss ?? 0) / pods),
    // RSS after every measured cycle: one sample can land before or after a collection.
    coreRssBytesPerPodOverCycles: {
      p50: Math.round(quantile(rssPerCycle, 0.5) / pods),
      max: Math.round(Math.max(...rssPerCycle) / pods),
      perCycleMB: rssPerCycle.map(rss => Math.round(rss / 1e6)),
    },
    // How the core was started (apps/core/launch.json, plus any MALLOC_* of this shell).
    coreLaunch: {
      nodeFlags: coreLaunch.nodeFlags,
      args: coreArgs,
      env: {
        ...Object.fromEntries(
          Object.entries(process.env).filter(([key]) => key.startsWith('MALLOC_')),
        ),
        ...coreLaunch.env,
      },
    },
    valuesIngestedPerSecond: Math.round((last?.values ?? 0) / (Number.parseFloat(resolution) || 1)),
    metricsApiPodsList: {
      firstRequestMs: round(first.ms, 1),
      firstRequestEncoding: first.encoding,
      requests: requests.length,
      batchesDuringRequests,
      gzip: byEncoding('gzip'),
      identity: byEncoding('identity'),
      plainBytes: plain.length,
      coreGzipBytes: served.listGzipBytes,
      coreCompressWallMsPerBatch: round(served.listCompressSeconds * 1000, 1),
      compressCpuMsPerBatch: round(quantile(compressCpuMs, 0.5), 1),
      coreGzipResponses: served.listGzipResponses,
      // To read the tails: the slowest requests, and when the batches landed (ms after t0,
      // with the scrape-start-to-store time before each).
      slowest: [...requests]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 6)
        .map(r => ({
          atMs: Math.round(r.at),
          ms: round(r.ms, 1),
          encoding: r.encoding,
          duringScrape: duringScrape(r),
        })),
      batchesLanded: landed.map(l => ({ atMs: Math.round(l.at), storeMs: Math.round(l.storeMs) })),
    },
    kubesim: { rssBytes: last?.sim.rssBytes, cpuSecondsTotal: last?.sim.cpuSeconds },
    keepsUp:
      samples.length === cycles &&
      quantile(
        samples.map(s => s.store),
        0.99,
      ) < Number.parseFloat(resolution),
    node: process.version,
    loadavg: readFileSync('/proc/loadavg', 'utf8').trim(),
  };
  console.log(JSON.stringify(result, null, 2));
}

try {
  await main();
} finally {
  for (const child of children) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
