import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { start, type Kubesim } from '@heapster/kubesim';
import {
  startInfluxDB,
  tempDir,
  waitFor,
  type InfluxDBServer,
  type TempDir,
} from '@heapster/testing';
import { EventWriter } from './testing/kube-events.js';
import { spawnEventer, type EventerProcess } from './testing/eventer-process.js';
import { eventCount, versionKey, VersionTruth } from './testing/version-truth.js';

/**
 * The fault-injection run at a small scale: a few thousand event versions with churn,
 * watch streams dropped every 2 s (connection resets), a 410 forcing a relist while events keep
 * changing, the eventer SIGKILLed in the middle and restarted from its checkpoint, and
 * InfluxDB halted for a few seconds then restarted. Afterwards InfluxDB and DuckDB hold every
 * version exactly once (by uid + resourceVersion) with the right count, and the log sink saw
 * every one at least once.
 */
describe('eventer fault injection (kubesim, InfluxDB 1.6, the built binary)', () => {
  let sim: Kubesim;
  let influx: InfluxDBServer;
  let dir: TempDir;
  let truth: VersionTruth;
  const running: EventerProcess[] = [];

  beforeAll(async () => {
    [sim, influx, dir] = await Promise.all([
      start({
        nodes: 3,
        podsPerNode: 10,
        autoTick: false,
        eventsPerSecond: 250,
        churnPodsPerMinute: 60,
        maxEvents: 1_000_000,
        eventTtlSeconds: 86_400,
        historyLimit: 1_000_000,
      }),
      startInfluxDB(),
      tempDir('eventer-faults'),
    ]);
    truth = new VersionTruth(sim.store);
  });
  afterAll(async () => {
    truth?.stop();
    await Promise.all(running.map(p => p.handle.stop({ signal: 'SIGKILL' })));
    await Promise.all([sim?.stop(), influx?.stop(), dir?.cleanup()]);
  });

  const args = () => [
    `--source=kubernetes:${sim.apiUrl}?inClusterConfig=false`,
    `--sink=influxdb:${influx.url}?db=k8s&timeout=2s`,
    `--sink=duckdb:${dir.path}/events.duckdb`,
    '--sink=log?format=json',
    '--frequency=1s',
    '--buffer-size=500',
    '--batch-size=200',
    '--max-retry-delay=1s',
    '--sink-export-events-timeout=3s',
    `--checkpoint-file=${dir.path}/checkpoint.json`,
    '--log-level=info',
  ];
  const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

  const influxVersions = async (): Promise<Map<string, number[]>> => {
    const response = await influx.query(
      'SELECT "value", "resource_version", "uid" FROM "log/events"',
      'k8s',
      { epoch: 'ns' },
    );
    const held = new Map<string, number[]>();
    for (const row of response.results[0]?.series?.[0]?.values ?? []) {
      const [, value, rv, uid] = row as [number, string, string, string];
      const key = versionKey(uid, rv);
      held.set(key, [
        ...(held.get(key) ?? []),
        eventCount(JSON.parse(value) as Record<string, unknown>),
      ]);
    }
    return held;
  };

  /** The resourceVersion the eventer's watch had reached when it got the 410. */
  const expiredAt = (stderr: string): number | undefined => {
    for (const line of stderr.split('\n')) {
      if (!line.includes('resourceVersion expired (410)')) continue;
      return Number((JSON.parse(line) as { resourceVersion: string }).resourceVersion);
    }
    return undefined;
  };

  /** (uid/rv) → counts of the rows the DuckDB store holds for it. */
  const duckdbVersions = async (path: string): Promise<Map<string, number[]>> => {
    const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    try {
      const connection = await instance.connect();
      const reader = await connection.runAndReadAll(
        'SELECT uid, resource_version, event::VARCHAR FROM events',
      );
      const stored = new Map<string, number[]>();
      for (const [uid, rv, event] of reader.getRows() as [string, string, string][]) {
        const key = versionKey(uid, rv);
        const count = eventCount(JSON.parse(event) as Record<string, unknown>);
        stored.set(key, [...(stored.get(key) ?? []), count]);
      }
      connection.closeSync();
      return stored;
    } finally {
      instance.closeSync();
    }
  };

  it('should leave every event version in InfluxDB and DuckDB exactly once, with its count', async () => {
    const writer = new EventWriter(sim.store);
    const mine = Array.from({ length: 20 }, () =>
      writer.create('eventer-faults', 'Warning', 'BackOff'),
    );
    const first = await spawnEventer(args());
    running.push(first);
    sim.simulation.start();
    sim.faults.api.setWatchDropMode('reset');
    sim.faults.api.setWatchDropAfter(2_000, 'Event');
    await sleep(3_000);

    // InfluxDB goes away for a few seconds: batches wait, queues fill, the watch pauses.
    await influx.halt();
    await sleep(4_000);
    await influx.restart();

    // A 410 while events keep changing: the next watch is refused, the relist waits 1.5 s.
    const gapFrom = sim.store.resourceVersion;
    sim.faults.api.setListDelay(1_500, 'Event');
    sim.faults.api.forceExpiredOnNextWatch('Event', 1);
    sim.faults.api.dropWatchesNow('Event');
    for (const event of mine.slice(0, 10)) writer.bump(writer.bump(event));
    for (let i = 0; i < 5; i++) writer.create('eventer-faults', 'Normal', 'Created');
    // gapTo is read once the relist has its snapshot, so it is at or past the list's version.
    await waitFor(() => first.handle.stderr().split('events listed; watching').length > 2, {
      description: 'the relist after the 410',
      timeoutMs: 30_000,
    });
    expect(await first.metric('eventer_relists_total')).toBe(1);
    const gapTo = sim.store.resourceVersion;
    // What the 410 cost starts where the watch stood (the eventer logs it), which may be behind
    // the store when the watch was paused by backpressure.
    const watchedUpTo = await waitFor(() => expiredAt(first.handle.stderr()), {
      description: 'the 410 in the log',
    });
    expect(watchedUpTo).toBeLessThanOrEqual(gapFrom);
    sim.faults.api.setListDelay(undefined, 'Event');
    await sleep(2_000);

    // The outage was retried (never dropped) and the streams were dropped and resumed.
    expect(await first.metric('eventer_export_retries_total')).toBeGreaterThan(0);
    expect(await first.metric('eventer_events_dropped_total')).toBe(0);
    expect(await first.metric('eventer_watch_restarts_total')).toBeGreaterThan(1);

    // SIGKILL in the middle; the restart resumes from the checkpoint file.
    await first.handle.stop({ signal: 'SIGKILL' });
    await sleep(1_500);
    const second = await spawnEventer(args());
    running.push(second);
    await sleep(3_000);
    sim.simulation.stop();
    sim.faults.api.reset();
    for (const event of mine.slice(10)) writer.bump(event);

    const required = truth.required([{ from: watchedUpTo, to: gapTo }]);
    expect(required.length).toBeGreaterThan(2_000);
    let held = new Map<string, number[]>();
    await waitFor(
      async () => {
        held = await influxVersions();
        return required.every(v => held.has(versionKey(v.uid, v.rv)));
      },
      { description: 'every required version in InfluxDB', timeoutMs: 120_000, intervalMs: 1_000 },
    );
    const exit = await second.handle.stop({ signal: 'SIGTERM', graceMs: 10_000 });
    expect(exit.code).toBe(0);
    const stored = await duckdbVersions(`${dir.path}/events.duckdb`);
    expect(required.filter(v => !stored.has(versionKey(v.uid, v.rv)))).toEqual([]);

    // Exactly once, the right count, and nothing that never existed.
    for (const [key, counts] of [...held, ...stored]) {
      expect([key, counts.length]).toEqual([key, 1]);
      const version = truth.versions.get(key);
      expect([key, version !== undefined]).toEqual([key, true]);
      expect([key, counts[0]]).toEqual([key, version?.count]);
    }
    for (const version of truth.latest().values()) {
      expect(held.has(versionKey(version.uid, version.rv))).toBe(true);
      expect(stored.has(versionKey(version.uid, version.rv))).toBe(true);
    }

    // The log sink (not idempotent) got every required version at least once.
    const logged = new Set<string>();
    for (const process of [first, second]) {
      for (const line of process.handle.stdout().split('\n')) {
        if (!line.startsWith('{"apiVersion":"v1","kind":"Event"')) continue;
        const event = JSON.parse(line) as { metadata: { uid: string; resourceVersion: string } };
        logged.add(versionKey(event.metadata.uid, event.metadata.resourceVersion));
      }
    }
    const missing = required.filter(v => !logged.has(versionKey(v.uid, v.rv)));
    expect(missing).toEqual([]);
    expect(second.handle.stderr()).toMatch(/watching events from the checkpoint/);
  }, 240_000);
});
