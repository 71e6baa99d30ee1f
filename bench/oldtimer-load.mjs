// Loading for bench/oldtimer.mjs: one cpu/usage_rate series per pod, a sample every STEP s, the
// same values into DuckDB (through the duckdb sink, as the core writes) and InfluxDB 1.6 (line
// protocol in the influxdb sink's schema).
/* global AbortController */
import http from 'node:http';
import {
  DataBatch,
  EntityType,
  LabelId,
  MetricCatalogue,
  MetricId,
  StringTable,
} from '@heapster/model';
import { ManualClock, noopLogger } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { acquireStore, duckdbSinkFactory } from '@heapster/store-duckdb';
import { Registry } from 'prom-client';

export const PODS_PER_NAMESPACE = 100;
export const podName = p => `pod-${p}`;
export const namespaceOf = p => `ns-${Math.floor(p / PODS_PER_NAMESPACE)}`;

/**
 * The millicores of pod p at sample i: a full-period walk through 0..1999 per pod plus a
 * per-pod offset. Integer arithmetic that SQL and JavaScript compute alike (no overflow).
 */
export function valueAt(p, i) {
  return ((p * 7919 + i * 104729) % 2000) + (p % 7) * 100;
}
const VALUE_SQL = '((s.p * 7919 + t.i * 104729) % 2000 + (s.p % 7) * 100)::DOUBLE';

function podBatch(timestamp, i, pods, metrics, strings) {
  const batch = new DataBatch({ timestamp, metrics, strings, capacity: { 1: pods } });
  const table = batch.table(EntityType.Pod);
  for (let p = 0; p < pods; p++) {
    const row = table.addRow({
      namespace: namespaceOf(p),
      pod: podName(p),
      node: `node-${p % 50}`,
    });
    batch.setLabel(EntityType.Pod, row, LabelId.PodId, `uid-${p}`);
    table.setValue(row, MetricId.CpuUsageRate, valueAt(p, i));
  }
  return batch;
}

/**
 * The first sample of every hour goes through the duckdb sink, as the core writes it (series,
 * metric and last-seen bookkeeping are the store's own; the store's clock follows the data so
 * that its hour-based series cache and day finalization behave as in live operation). The other
 * samples are appended in SQL to the store's unsorted tail (`hot`: metric_id, series_id, ts,
 * value) a day at a time, and the store's maintenance sorts each day into its partition — the
 * layout the sink's own writes end up in, loaded in minutes instead of the hour that 172,800
 * one-timestamp batches take through the sink (≈ 20 ms per 1,000-value batch here).
 */
export async function loadDuckDb(file, { pods, samples, start, stepMs }, progress) {
  const clock = new ManualClock(start);
  const store = { logger: noopLogger, clock };
  const uri = parseSinkUri(`duckdb:${file}?retention=0`);
  const config = duckdbSinkFactory.parseConfig(uri);
  const handle = acquireStore(config, store);
  const sink = duckdbSinkFactory.createMetricSink(config, { ...store, registry: new Registry() });
  const signal = new AbortController().signal;
  const metrics = new MetricCatalogue();
  const strings = new StringTable();
  const perHour = Math.round(3_600_000 / stepMs);
  const perDay = 24 * perHour;
  await sink.start({ signal });
  for (let first = 0; first < samples; first += perDay) {
    const last = Math.min(first + perDay, samples);
    for (let i = first; i < last; i += perHour) {
      clock.set(start + i * stepMs);
      await sink.write(podBatch(start + i * stepMs, i, pods, metrics, strings), { signal });
    }
    await handle.store.read(connection =>
      connection.run(`
        INSERT INTO hot
        SELECT m.metric_id, s.series_id, make_timestamp((${start}::BIGINT + t.i * ${stepMs}) * 1000), ${VALUE_SQL}
        FROM range(${first}, ${last}) t(i)
        CROSS JOIN (SELECT series_id, CAST(substr(pod, 5) AS BIGINT) AS p FROM series WHERE type = 'pod') s
        CROSS JOIN (SELECT metric_id FROM metrics WHERE name = 'cpu/usage_rate') m
        WHERE t.i % ${perHour} <> 0
        ORDER BY t.i, s.series_id`),
    );
    clock.set(start + last * stepMs);
    await handle.store.maintain();
    progress?.(`duckdb: ${last}/${samples} timestamps`);
  }
  await sink.shutdown({ signal });
  return handle;
}

function post(url, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent: keepAlive, timeout: 300_000 },
      response => {
        let text = '';
        response.on('data', chunk => (text += chunk));
        response.on('end', () =>
          response.statusCode === 204
            ? resolve()
            : reject(new Error(`InfluxDB ${response.statusCode}: ${text}`)),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error('InfluxDB write timed out')));
    request.on('error', reject);
    request.end(body);
  });
}
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 2 });

/** Line protocol in the sink's schema, 100,000 lines a request, two requests in flight. */
export async function loadInfluxDb(url, { pods, samples, start, stepMs }, progress) {
  await post(`${url}/query?q=${encodeURIComponent('CREATE DATABASE k8s')}`, '').catch(
    () => undefined,
  );
  await post(
    `${url}/query?q=${encodeURIComponent('CREATE RETENTION POLICY "default" ON "k8s" DURATION INF REPLICATION 1 DEFAULT')}`,
    '',
  ).catch(() => undefined);
  const prefix = Array.from(
    { length: pods },
    (_, p) =>
      `cpu/usage_rate,cluster_name=default,namespace_name=${namespaceOf(p)},nodename=node-${p % 50},pod_id=uid-${p},pod_name=${podName(p)},type=pod value=`,
  );
  const inFlight = new Set();
  let lines = [];
  const flush = async () => {
    const body = lines.join('\n');
    lines = [];
    const write = post(`${url}/write?db=k8s&rp=default&precision=ms`, body).finally(() =>
      inFlight.delete(write),
    );
    inFlight.add(write);
    if (inFlight.size >= 2) await Promise.race(inFlight);
  };
  for (let i = 0; i < samples; i++) {
    const time = start + i * stepMs;
    for (let p = 0; p < pods; p++) lines.push(`${prefix[p]}${valueAt(p, i)}i ${time}`);
    if (lines.length >= 100_000) await flush();
    if (i % 20_000 === 0) progress?.(`influxdb: ${i}/${samples} timestamps`);
  }
  if (lines.length > 0) await flush();
  await Promise.all(inFlight);
}
