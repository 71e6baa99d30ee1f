import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataBatch, EntityType, LabelId, MetricCatalogue, MetricId } from '@heapster/model';
import { createMemoryLogger, noopLogger, systemClock } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { acquireStore, duckdbSinkFactory, parseConfig } from '@heapster/store-duckdb';
import { Registry } from 'prom-client';
import { startOldtimer, type RunningOldtimer } from './oldtimer.js';
import { parseOldtimerArgs, type OldtimerConfig } from './parse-oldtimer-args.js';

const T0 = Date.UTC(2024, 2, 1);
const settings = { logger: noopLogger, clock: systemClock };
const signal = new AbortController().signal;

function config(argv: string[]): OldtimerConfig {
  const parsed = parseOldtimerArgs(['--listen-ip=127.0.0.1', '--port=0', ...argv], '0.1.0', {});
  if (parsed.kind !== 'run') throw new Error('expected a run');
  return parsed.config;
}

/** Two hours of one pod's cpu/usage_rate, a sample a minute: value = minute of the hour. */
async function writeStore(file: string): Promise<void> {
  const uri = parseSinkUri(`duckdb:${file}?retention=0`);
  const handle = acquireStore(parseConfig(uri), settings);
  const sink = duckdbSinkFactory.createMetricSink(parseConfig(uri), {
    ...settings,
    registry: new Registry(),
  });
  const metrics = new MetricCatalogue();
  await sink.start({ signal });
  for (let minute = 0; minute < 120; minute++) {
    const batch = new DataBatch({ timestamp: T0 + minute * 60_000, metrics });
    const pods = batch.table(EntityType.Pod);
    const row = pods.addRow({ namespace: 'default', pod: 'web', node: 'node-1' });
    batch.setLabel(EntityType.Pod, row, LabelId.PodId, 'uid-web');
    pods.setValue(row, MetricId.CpuUsageRate, minute % 60);
    await sink.write(batch, { signal });
  }
  await handle.store.snapshot();
  await sink.shutdown({ signal });
  await handle.release();
}

describe('oldtimer over the embedded store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oldtimer-'));
  const file = join(dir, 'heapster.duckdb');
  let oldtimer: RunningOldtimer;
  let base: string;
  const registry = new Registry();
  beforeAll(async () => {
    await writeStore(file);
    oldtimer = await startOldtimer(config([`--source=duckdb:${file}.snapshot`]), {
      logger: noopLogger,
      registry,
    });
    base = `http://127.0.0.1:${oldtimer.port}`;
  }, 60_000);
  afterAll(async () => {
    await oldtimer?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the README examples over HTTP', async () => {
    const range = `start=2024-03-01T00:00:00Z&end=2024-03-01T01:59:59Z`;
    const hourly = await fetch(
      `${base}/api/v1/historical/namespaces/default/pods/web/metrics-aggregated/average,95-perc/cpu/usage_rate?${range}&bucket=1h`,
    );
    expect(hourly.status).toBe(200);
    expect(await hourly.json()).toEqual({
      bucketSize: 3_600_000_000_000,
      buckets: [0, 1].map(h => ({
        timestamp: `2024-03-01T0${h}:00:00Z`,
        average: { floatValue: 29.5 },
        percentiles: { '95': { floatValue: 56.05 } },
      })),
    });
    const byId = await (
      await fetch(
        `${base}/api/v1/historical/pod-id/uid-web/metrics/cpu/usage_rate?start=2024-03-01T00:58:00Z&end=2024-03-01T01:00:00Z`,
      )
    ).json();
    expect(byId).toEqual({
      metrics: [
        { timestamp: '2024-03-01T00:58:00Z', value: 58 },
        { timestamp: '2024-03-01T00:59:00Z', value: 59 },
        { timestamp: '2024-03-01T01:00:00Z', value: 0 },
      ],
      latestTimestamp: '2024-03-01T01:00:00Z',
    });
    expect(await (await fetch(`${base}/api/v1/historical/namespaces/default/pods`)).json()).toEqual(
      ['web'],
    );
  });

  it('serves /healthz, /readyz and per-backend self-metrics', async () => {
    expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok\n');
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(
      /heapster_historical_queries_total\{backend="duckdb",operation="aggregate",outcome="ok"\} \d/,
    );
    expect(metrics).toContain(
      'heapster_historical_query_duration_seconds_bucket{le="0.005",backend="duckdb",operation="ping"}',
    );
  });
});

describe('oldtimer with its backend down', () => {
  it('starts anyway, is not ready, answers 503, and stops cleanly', async () => {
    const logger = createMemoryLogger();
    const oldtimer = await startOldtimer(
      config(['--source=prometheus:http://127.0.0.1:1?timeout=1s']),
      { logger },
    );
    const base = `http://127.0.0.1:${oldtimer.port}`;
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.text()).toMatch(/^not ok: prometheus backend: .*ECONNREFUSED/);
    const query = await fetch(
      `${base}/api/v1/historical/metrics-aggregated/max/cpu/usage_rate?start=2024-03-01T00:00:00Z`,
    );
    expect(query.status).toBe(503);
    expect(((await query.json()) as { error: string }).error).toMatch(/ECONNREFUSED/);
    await oldtimer.stop();
    await oldtimer.stop();
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    expect(logger.lines.map(line => line.message)).toEqual(
      expect.arrayContaining(['oldtimer serving', 'historical query failed', 'oldtimer stopped']),
    );
  });
});
