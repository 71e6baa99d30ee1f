#!/usr/bin/env node
// Scenario "oldtimer": long-window statistics on DuckDB (the embedded store) and InfluxDB 1.6,
// side by side, through the historical API (fastify inject: routing, query, JSON shaping).
//
// Loads D days of 15 s samples of cpu/usage_rate for P pods (100 per namespace) into DuckDB —
// the full scenario is 30 days × 1,000 pods ≈ 173 M points — and, into InfluxDB, the queried
// namespace's 100 pods unless --influx-pods says otherwise (docs/oldtimer.md), then times
//   one-pod:   95-perc per hour, one pod, 30 days (720 buckets)
//   namespace: average,95-perc per hour, the 100 pods of a namespace (pod-list), 7 days
// Targets: one-pod ≤ 50 ms on DuckDB and ≥ 5× faster than InfluxDB; namespace ≤ 1 s.
// Usage: node bench/oldtimer.mjs [--pods 1000] [--days 30] [--influx-pods P] [--runs 7]
//        [--backends duckdb,influxdb] [--dir /tmp]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
// InfluxDB 1.6 loads ≈ 110 k points/s here: by default it holds the queried namespace only (docs/oldtimer.md).
const influxPods = Number(arg('influx-pods', Math.min(pods, 100)));
const runs = Number(arg('runs', 7));
const backends = arg('backends', 'duckdb,influxdb').split(',');
const stepMs = 15_000;
const DAY = 86_400_000;
const start = Date.UTC(2024, 0, 1);
const samples = (days * DAY) / stepMs;
const end = start + days * DAY - 1;
const progress = message => process.stderr.write(`[oldtimer bench] ${message}\n`);

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
const checks = {};

async function timeQueries(name, source) {
  const app = Fastify({ routerOptions: { maxParamLength: HISTORICAL_MAX_PARAM_LENGTH } });
  await app.register(historicalApiPlugin, { source, limits: { queryTimeoutMs: 600_000 } });
  checks[name] = (await app.inject({ method: 'GET', url: checkUrl })).json();
  const result = {};
  for (const [query, url] of Object.entries(queries)) {
    const times = [];
    let body;
    for (let r = 0; r <= runs; r++) {
      const t0 = performance.now();
      const response = await app.inject({ method: 'GET', url });
      const ms = performance.now() - t0;
      if (response.statusCode !== 200)
        throw new Error(`${query}: ${response.statusCode} ${response.body}`);
      if (r > 0) times.push(ms); // the first run warms caches
      body = response.json();
    }
    times.sort((a, b) => a - b);
    const items = body.items ?? [body];
    result[query] = {
      medianMs: +times[Math.floor(times.length / 2)].toFixed(2),
      minMs: +times[0].toFixed(2),
      maxMs: +times[times.length - 1].toFixed(2),
      results: items.length,
      bucketsPerResult: items[0].buckets.length,
      firstBucket: items[0].buckets[0],
    };
  }
  await app.close();
  return result;
}

function crossCheck(a, b) {
  const buckets = body => (body?.items ?? []).flatMap(item => item.buckets);
  const [x, y] = [buckets(a), buckets(b)];
  const full = x.filter(bucket => bucket.count === 240).length;
  if (y.length === 0) return { buckets: x.length, bucketsWith240Samples: full };
  const same =
    x.length === y.length &&
    x.every((bucket, i) => {
      const other = y[i];
      const value = v => v?.intValue ?? v?.floatValue;
      const close = (p, q) =>
        (p === undefined && q === undefined) || Math.abs(p - q) <= 1e-9 * Math.max(1, Math.abs(q));
      return (
        bucket.timestamp === other.timestamp &&
        bucket.count === other.count &&
        value(bucket.maximum) === value(other.maximum) &&
        close(value(bucket.average), value(other.average))
      );
    });
  return { buckets: x.length, bucketsWith240Samples: full, duckdbEqualsInfluxdb: same };
}

const dir = mkdtempSync(join(arg('dir', tmpdir()), 'oldtimer-bench-'));
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
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  backends: {},
};
try {
  if (backends.includes('duckdb')) {
    const file = join(dir, 'heapster.duckdb');
    let t0 = performance.now();
    const handle = await loadDuckDb(file, { pods, samples, start, stepMs }, progress);
    const loadSeconds = (performance.now() - t0) / 1000;
    await handle.release();
    const source = createHistoricalSource(`duckdb:${file}`, {
      logger: noopLogger,
      clock: systemClock,
      readOnly: true,
    });
    progress('duckdb: querying');
    t0 = performance.now();
    report.backends.duckdb = {
      percentiles: source.percentileDefinition,
      loadSeconds: +loadSeconds.toFixed(1),
      fileMiB: +(statSync(file).size / 2 ** 20).toFixed(1),
      queries: await timeQueries('duckdb', source),
    };
    await source.close();
  }
  if (backends.includes('influxdb')) {
    const server = await startInfluxDB();
    try {
      const t0 = performance.now();
      await loadInfluxDb(server.url, { pods: influxPods, samples, start, stepMs }, progress);
      const loadSeconds = (performance.now() - t0) / 1000;
      const source = createHistoricalSource(`influxdb:${server.url}?db=k8s&timeout=600s`, {
        logger: noopLogger,
        clock: systemClock,
      });
      progress('influxdb: querying');
      report.backends.influxdb = {
        percentiles: source.percentileDefinition,
        loadSeconds: +loadSeconds.toFixed(1),
        queries: await timeQueries('influxdb', source),
      };
      await source.close();
    } finally {
      await server.stop();
    }
  }
  report.crossCheck = crossCheck(checks.duckdb, checks.influxdb);
  const duck = report.backends.duckdb?.queries;
  const influx = report.backends.influxdb?.queries;
  report.targets = {
    onePodDuckDbMs: duck?.['one-pod'].medianMs,
    onePodWithin50ms: duck === undefined ? undefined : duck['one-pod'].medianMs <= 50,
    onePodSpeedupVsInfluxDb:
      duck && influx
        ? +(influx['one-pod'].medianMs / duck['one-pod'].medianMs).toFixed(1)
        : undefined,
    namespaceWithin1s: duck === undefined ? undefined : duck.namespace.medianMs <= 1000,
    namespaceInfluxDbWithin1s: influx === undefined ? undefined : influx.namespace.medianMs <= 1000,
  };
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(report, null, 2));
