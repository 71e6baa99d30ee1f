// Helpers of bench/eventer.mjs: the eventer as a child process, its /metrics, the ground truth
// of event versions recorded on kubesim's store, and readers of what InfluxDB and DuckDB hold.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { ProcessHandle, freePort, httpRequest, waitFor } from '@heapster/testing';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const EVENTER_MAIN = join(root, 'apps/eventer/dist/main.js');
export const EVENTER_LAUNCH = 'apps/eventer/launch.json';

/**
 * The documented way to run the eventer (docs/eventer.md, "Memory"): node flags and environment
 * variables, as `npm start` (scripts/start.mjs) uses them.
 */
export function eventerLaunch() {
  const { nodeFlags, env } = JSON.parse(readFileSync(join(root, EVENTER_LAUNCH), 'utf8'));
  return { nodeFlags, env };
}

/**
 * Spawns the built eventer with the given node flags and extra environment variables; resolves
 * once `/readyz` (or the given path) answers 200.
 */
export async function spawnEventer(args, readyPath = '/readyz', nodeFlags = [], env = {}) {
  if (!existsSync(EVENTER_MAIN)) throw new Error(`${EVENTER_MAIN} is missing: run npm run build`);
  const port = await freePort();
  const handle = ProcessHandle.start({
    command: process.execPath,
    args: [...nodeFlags, EVENTER_MAIN, ...args, '--healthz-ip=127.0.0.1', `--healthz-port=${port}`],
    env: { ...process.env, ...env },
    outputLimitBytes: 4 * 1024 * 1024,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => (await httpRequest(`${url}${readyPath}`, { timeoutMs: 2000 })).status === 200,
    {
      description: `eventer ${readyPath}`,
      timeoutMs: 120_000,
      intervalMs: 100,
      giveUpIf: () =>
        handle.exitStatus === undefined
          ? undefined
          : `eventer exited: ${handle.stderr().slice(-2000)}`,
    },
  );
  return { handle, url, metrics: () => readMetrics(url) };
}

/** /metrics as { name → sum over label sets } plus { 'name{labels}' → value }. */
export async function readMetrics(url) {
  const { text } = await httpRequest(`${url}/metrics`, { timeoutMs: 10_000 });
  const values = {};
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match === null) continue;
    const value = Number(match[3]);
    values[match[1]] = (values[match[1]] ?? 0) + value;
    if (match[2] !== undefined) values[`${match[1]}${match[2]}`] = value;
  }
  return values;
}

/** The exported count of the one exporter whose label starts with `prefix`. */
export function exportedBy(metrics, prefix) {
  for (const [key, value] of Object.entries(metrics)) {
    if (key.startsWith(`eventer_events_exported_total{exporter="${prefix}`)) return value;
  }
  return 0;
}

export function eventCount(event) {
  return typeof event.count === 'number' && event.count > 0
    ? event.count
    : (event.series?.count ?? 1);
}

/** Every ADDED/MODIFIED version of every Event, seen on the store itself (not through a watch). */
export class VersionTruth {
  constructor(store) {
    this.store = store;
    this.versions = new Map();
    for (const event of store.list('Event')) this.record(event);
    this.unsubscribe = store.subscribe('Event', change => {
      if (change.type !== 'DELETED') this.record(change.object);
    });
  }

  record(event) {
    const key = `${event.metadata.uid}/${event.metadata.resourceVersion}`;
    this.versions.set(key, {
      uid: event.metadata.uid,
      rv: Number(event.metadata.resourceVersion),
      count: eventCount(event),
    });
  }

  /** All versions except those in a 410 gap `(from, to]` that a later version replaced. */
  required(gaps) {
    const newest = new Map();
    for (const v of this.versions.values())
      newest.set(v.uid, Math.max(newest.get(v.uid) ?? 0, v.rv));
    return [...this.versions.values()].filter(
      v => !gaps.some(g => v.rv > g.from && v.rv <= g.to && v.rv < newest.get(v.uid)),
    );
  }

  latest() {
    return this.store
      .list('Event')
      .map(e => this.versions.get(`${e.metadata.uid}/${e.metadata.resourceVersion}`));
  }
}

/** uid/rv → number of points InfluxDB holds for it. */
export async function influxVersions(influx, db) {
  const response = await influx.query('SELECT "resource_version", "uid" FROM "log/events"', db, {
    epoch: 'ns',
  });
  const held = new Map();
  for (const [, rv, uid] of response.results[0]?.series?.[0]?.values ?? []) {
    const key = `${uid}/${rv}`;
    held.set(key, (held.get(key) ?? 0) + 1);
  }
  return held;
}

/** uid/rv → { rows, count } of the DuckDB events table (read-only; the eventer must have exited). */
export async function duckdbVersions(path) {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(
      'SELECT uid, resource_version, count(*)::INTEGER, any_value(event)::VARCHAR FROM events GROUP BY ALL',
    );
    const held = new Map();
    for (const [uid, rv, rows, event] of reader.getRows()) {
      held.set(`${uid}/${rv}`, { rows, count: eventCount(JSON.parse(event)) });
    }
    connection.closeSync();
    return held;
  } finally {
    instance.closeSync();
  }
}

/** Compares a sink with the truth: missing required versions, duplicates, wrong counts, unknown versions. */
export function verify(truth, required, held, countOf = () => undefined, rowsOf = v => v) {
  let duplicates = 0;
  let unknown = 0;
  let wrongCount = 0;
  for (const [key, value] of held) {
    if (rowsOf(value) !== 1) duplicates += 1;
    const version = truth.versions.get(key);
    if (version === undefined) unknown += 1;
    else if (countOf(value) !== undefined && countOf(value) !== version.count) wrongCount += 1;
  }
  const missingVersions = required.filter(v => !held.has(`${v.uid}/${v.rv}`));
  const missing = missingVersions.length;
  const latestMissing = truth
    .latest()
    .filter(v => v !== undefined && !held.has(`${v.uid}/${v.rv}`)).length;
  return {
    held: held.size,
    required: required.length,
    missing,
    // Where the missing ones are (by resourceVersion), to line them up with the faults.
    ...(missing === 0
      ? {}
      : {
          missingRange: missingVersions.reduce(
            ([low, high], v) => [Math.min(low, v.rv), Math.max(high, v.rv)],
            [Infinity, -Infinity],
          ),
        }),
    latestMissing,
    duplicates,
    wrongCount,
    unknown,
  };
}

/** The resourceVersion at which the eventer's watch got its 410 (from its JSON log). */
export function expiredAt(stderr) {
  for (const line of stderr.split('\n')) {
    if (line.includes('resourceVersion expired (410)'))
      return Number(JSON.parse(line).resourceVersion);
  }
  return undefined;
}

/** CPU seconds (user + system) of every process in a process group (a ProcessHandle's group). */
export function groupCpuSeconds(pgid) {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      // After "pid (comm) ": state ppid pgrp … utime is field 14, stime 15 of stat(5).
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while we looked.
    }
  }
  return ticks / 100;
}

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

export function summarize(samples) {
  if (samples.length === 0) return { samples };
  const values = samples.map(s => s.rssMB);
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0],
    median: sorted[Math.floor(sorted.length / 2)],
    max: sorted[sorted.length - 1],
    first: values[0],
    last: values[values.length - 1],
    samples,
  };
}

/** One Warning event written straight into kubesim's store (the backlog). */
export function createEvent(store, i) {
  const namespace = `ns-${i % 50}`;
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  store.create({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `backlog-${i}`, namespace },
    involvedObject: {
      kind: 'Pod',
      namespace,
      name: `pod-${i % 1000}`,
      uid: `pod-${i % 1000}`,
      apiVersion: 'v1',
      fieldPath: 'spec.containers{app}',
    },
    reason: 'Unhealthy',
    message: `Readiness probe failed: Get "http://10.64.0.${i % 250}:8080/healthz": context deadline exceeded`,
    source: { component: 'kubelet', host: `node-${i % 20}` },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type: 'Warning',
  });
}
