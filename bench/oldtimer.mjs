#!/usr/bin/env node
// Scenario "oldtimer": long-window statistics on DuckDB (the embedded store) and InfluxDB 1.6,
// side by side, through the historical API (fastify inject: routing, query, JSON shaping).
//
// Loads D days of 15 s samples of cpu/usage_rate for P pods (100 per namespace) into both —
// the full scenario is 30 days × 1,000 pods ≈ 173 M points each — then times
//   one-pod:   95-perc per hour, one pod, 30 days (720 buckets)
//   namespace: average,95-perc per hour, the 100 pods of a namespace (pod-list), 7 days
// alternating the two backends run by run, so that both see the same machine load.
// Targets: one-pod ≤ 50 ms on DuckDB and ≥ 5× faster than InfluxDB; namespace ≤ 1 s.
// Usage: node bench/oldtimer.mjs [--pods 1000] [--days 30] [--influx-pods P] [--runs 9]
//        [--backends duckdb,influxdb] [--dir /tmp] [--cache DIR]
//   --cache DIR  keep the loaded DuckDB file and InfluxDB data in DIR and reuse them in later
//                runs of the same scale (loading is ≈ 2 min for DuckDB, ≈ 7 min for InfluxDB)
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import {
  createHistoricalSource,
  HISTORICAL_MAX_PARAM_LENGTH,
  historicalApiPlugin,
} from '@heapster/historical';
import { noopLogger, systemClock } from '@heapster/runtime';
import { startInfluxDB } from '@heapster/testing';
import {
  loadDuckDb,
  loadInfluxDb,
  namespaceOf,
  podName,
  PODS_PER_NAMESPACE,
} from './oldtimer-load.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const pods = Number(arg('pods', 1000));
const days = Number(arg('days', 30));
const influxPods = Number(arg('influx-pods', pods));
const runs = Number(arg('runs', 9));
const backends = arg('backends', 'duckdb,influxdb').split(',');
const cache = arg('cache', undefined);
const stepMs = 15_000;
const DAY = 86_400_000;
const start = Date.UTC(2024, 0, 1);
const samples = (days * DAY) / stepMs;
const end = start + days * DAY - 1;
const progress = message => process.stderr.write(`[oldtimer bench] ${message}\n`);
const loadAverage = () => loadavg().map(x => +x.toFixed(2));

const iso = ms => new Date(ms).toISOString();
const namespacePods = Array.from({ length: Math.min(PODS_PER_NAMESPACE, pods) }, (_, p) =>
  podName(p),
);
const queries = {
  'one-pod': `/api/v1/historical/namespaces/${namespaceOf(0)}/pods/${podName(0)}/metrics-aggregated/95-perc/cpu/usage_rate?start=${iso(start)}&end=${iso(end)}&bucket=1h`,
  namespace: `/api/v1/historical/namespaces/${namespaceOf(0)}/pod-list/${namespacePods.join(',')}/metrics-aggregated/average,95-perc/cpu/usage_rate?start=${iso(end + 1 - 7 * DAY)}&end=${iso(end)}&bucket=1h`,
};
// Not timed: the same statistics from both backends must agree (count, max exactly; average to
// 1e-9), and every full hour must hold its 240 samples.
const checkUrl = queries.namespace.replace('average,95-perc', 'count,average,max');

/** CPU ms of this process (DuckDB runs in it) and, for InfluxDB, of influxd's process group. */
const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function groupCpuMs(pgid) {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10; // utime + stime in 100 Hz clock ticks
}

/**
 * The API over `source`, with the time spent inside the source's `aggregate` (the backend's
 * own share, without routing and JSON) recorded in `backendMs` for each request.
 */
async function apiFor(source) {
  const backendMs = [];
  const aggregate = source.aggregate.bind(source);
  const timed = Object.create(source);
  timed.aggregate = async (...args) => {
    const t0 = performance.now();
    try {
      return await aggregate(...args);
    } finally {
      backendMs.push(performance.now() - t0);
    }
  };
  const app = Fastify({ routerOptions: { maxParamLength: HISTORICAL_MAX_PARAM_LENGTH } });
  await app.register(historicalApiPlugin, { source: timed, limits: { queryTimeoutMs: 600_000 } });
  return { app, backendMs };
}

async function get(app, url) {
  const response = await app.inject({ method: 'GET', url });
  if (response.statusCode !== 200)
    throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

function summary(times, cpu, backend, body) {
  const sorted = values => [...values].sort((a, b) => a - b);
  const median = values => sorted(values)[Math.floor(values.length / 2)];
  const items = body.items ?? [body];
  return {
    medianMs: +median(times).toFixed(2),
    minMs: +sorted(times)[0].toFixed(2),
    maxMs: +sorted(times).at(-1).toFixed(2),
    cpuMsMedian: +median(cpu).toFixed(1),
    backendMedianMs: +median(backend).toFixed(2),
    results: items.length,
    bucketsPerResult: items[0].buckets.length,
    firstBucket: items[0].buckets[0],
  };
}

function crossCheck(a, b) {
  const buckets = body => (body?.items ?? []).flatMap(item => item.buckets);
  const [x, y] = [buckets(a), buckets(b)];
  const full = x.filter(bucket => bucket.count === 240).length;
  if (y.length === 0) return { buckets: x.length, bucketsWith240Samples: full };
  const value = v => v?.intValue ?? v?.floatValue;
  const close = (p, q) =>
    (p === undefined && q === undefined) || Math.abs(p - q) <= 1e-9 * Math.max(1, Math.abs(q));
  const same =
    x.length === y.length &&
    x.every((bucket, i) => {
      const other = y[i];
      return (
        bucket.timestamp === other.timestamp &&
        bucket.count === other.count &&
        value(bucket.maximum) === value(other.maximum) &&
        close(value(bucket.average), value(other.average))
      );
    });
  return { buckets: x.length, bucketsWith240Samples: full, duckdbEqualsInfluxdb: same };
}

/** A cache entry of DIR for this scale: reused when its stamp matches, else (re)made. */
function cacheEntry(name, scale) {
  if (cache === undefined) return undefined;
  const path = join(cache, name);
  const stamp = join(cache, `${name}.scale.json`);
  const wanted = JSON.stringify(scale);
  const valid = existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted && existsSync(path);
  return { path, valid, save: () => writeFileSync(stamp, wanted) };
}

const dir = mkdtempSync(join(arg('dir', tmpdir()), 'oldtimer-bench-'));
if (cache !== undefined) mkdirSync(cache, { recursive: true });
const report = {
  bench: 'oldtimer',
  scale: {
    pods,
    days,
    stepSeconds: stepMs / 1000,
    points: pods * samples,
    influxPods,
    influxPoints: influxPods * samples,
  },
  machine: { cpus: cpus().length, node: process.version },
  backends: {},
};
const live = []; // { name, app, cpuMs(), close() }
let influx;
try {
  if (backends.includes('duckdb')) {
    const entry = cacheEntry('heapster.duckdb', { pods, days, stepMs, start });
    const file = entry?.path ?? join(dir, 'heapster.duckdb');
    let loadSeconds;
    if (entry?.valid) {
      progress(`duckdb: reusing ${file}`);
    } else {
      rmSync(file, { force: true });
      rmSync(`${file}.wal`, { force: true });
      const t0 = performance.now();
      const handle = await loadDuckDb(file, { pods, samples, start, stepMs }, progress);
      loadSeconds = +((performance.now() - t0) / 1000).toFixed(1);
      await handle.release();
      entry?.save();
    }
    // As the oldtimer process reads it: the file read-only (here: a snapshot nobody replaces).
    const source = createHistoricalSource(`duckdb:${file}`, {
      logger: noopLogger,
      clock: systemClock,
      readOnly: true,
    });
    report.backends.duckdb = {
      percentiles: source.percentileDefinition,
      loadSeconds: loadSeconds ?? 'reused from --cache',
      fileMiB: +(statSync(file).size / 2 ** 20).toFixed(1),
    };
    live.push({ name: 'duckdb', ...(await apiFor(source)), cpuMs: ownCpuMs, source });
  }
  if (backends.includes('influxdb')) {
    const entry = cacheEntry('influxdb', { influxPods, days, stepMs, start });
    influx = await startInfluxDB();
    const folders = ['data', 'meta', 'wal'];
    let loadSeconds;
    if (entry?.valid) {
      progress(`influxdb: reusing ${entry.path}`);
      await influx.halt();
      for (const f of folders) {
        rmSync(join(influx.dataDir, f), { recursive: true, force: true });
        cpSync(join(entry.path, f), join(influx.dataDir, f), { recursive: true });
      }
      await influx.restart();
    } else {
      const t0 = performance.now();
      await loadInfluxDb(influx.url, { pods: influxPods, samples, start, stepMs }, progress);
      loadSeconds = +((performance.now() - t0) / 1000).toFixed(1);
      if (entry !== undefined) {
        await influx.halt();
        rmSync(entry.path, { recursive: true, force: true });
        for (const f of folders) {
          cpSync(join(influx.dataDir, f), join(entry.path, f), { recursive: true });
        }
        entry.save();
        await influx.restart();
      }
    }
    const source = createHistoricalSource(`influxdb:${influx.url}?db=k8s&timeout=600s`, {
      logger: noopLogger,
      clock: systemClock,
    });
    const server = influx;
    report.backends.influxdb = {
      percentiles: source.percentileDefinition,
      loadSeconds: loadSeconds ?? 'reused from --cache',
    };
    live.push({
      name: 'influxdb',
      ...(await apiFor(source)),
      cpuMs: () => ownCpuMs() + groupCpuMs(server.pid),
      source,
    });
  }

  progress('cross-check and warm-up');
  const checks = {};
  for (const backend of live) checks[backend.name] = await get(backend.app, checkUrl);
  report.crossCheck = crossCheck(checks.duckdb, checks.influxdb);

  progress(`timing ${runs} runs of each query, the backends alternating`);
  report.loadAverageBefore = loadAverage();
  for (const [query, url] of Object.entries(queries)) {
    const times = Object.fromEntries(live.map(b => [b.name, []]));
    const cpu = Object.fromEntries(live.map(b => [b.name, []]));
    const inBackend = Object.fromEntries(live.map(b => [b.name, []]));
    const bodies = {};
    for (const backend of live) bodies[backend.name] = await get(backend.app, url); // warm-up
    for (let r = 0; r < runs; r++) {
      const order = r % 2 === 0 ? live : [...live].reverse();
      for (const backend of order) {
        const c0 = backend.cpuMs();
        const t0 = performance.now();
        bodies[backend.name] = await get(backend.app, url);
        times[backend.name].push(performance.now() - t0);
        cpu[backend.name].push(backend.cpuMs() - c0);
        inBackend[backend.name].push(backend.backendMs.at(-1));
      }
    }
    for (const backend of live) {
      report.backends[backend.name].queries ??= {};
      report.backends[backend.name].queries[query] = summary(
        times[backend.name],
        cpu[backend.name],
        inBackend[backend.name],
        bodies[backend.name],
      );
    }
  }
  report.loadAverageAfter = loadAverage();

  const duck = report.backends.duckdb?.queries;
  const flux = report.backends.influxdb?.queries;
  const ratio = (a, b) => +(a / b).toFixed(1);
  report.targets = {
    onePodDuckDbMs: duck?.['one-pod'].medianMs,
    onePodWithin50ms: duck === undefined ? undefined : duck['one-pod'].medianMs <= 50,
    onePodSpeedupVsInfluxDb:
      duck && flux ? ratio(flux['one-pod'].medianMs, duck['one-pod'].medianMs) : undefined,
    onePodCpuRatioVsInfluxDb:
      duck && flux ? ratio(flux['one-pod'].cpuMsMedian, duck['one-pod'].cpuMsMedian) : undefined,
    onePodBackendSpeedupVsInfluxDb:
      duck && flux
        ? ratio(flux['one-pod'].backendMedianMs, duck['one-pod'].backendMedianMs)
        : undefined,
    onePodAtLeast5x:
      duck && flux ? flux['one-pod'].medianMs >= 5 * duck['one-pod'].medianMs : undefined,
    namespaceDuckDbMs: duck?.namespace.medianMs,
    namespaceWithin1s: duck === undefined ? undefined : duck.namespace.medianMs <= 1000,
    namespaceSpeedupVsInfluxDb:
      duck && flux ? ratio(flux.namespace.medianMs, duck.namespace.medianMs) : undefined,
  };
} finally {
  for (const backend of live) {
    await backend.app.close();
    await backend.source.close();
  }
  await influx?.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(report, null, 2));
