#!/usr/bin/env node
// Scenario "eventer": how fast the eventer ships events from kubesim to DuckDB and to InfluxDB,
// how much memory it holds while doing so, and whether it loses or duplicates anything under
// faults. Prints one JSON document.
//
//   backlog  --events N already in the API server (default 100,000): a fresh eventer per sink
//            lists and exports them all; events/s, CPU µs per event of the eventer, of kubesim
//            (this process) and of influxd, and peak RSS per sink.
//   churn    kubesim writes --rate events/s (creates + count bumps) for --duration seconds into
//            one eventer with both sinks, while: watch streams drop every 5 s, a forced 410
//            makes it relist, InfluxDB is halted for --outage seconds, and the eventer is
//            SIGKILLed and restarted from its checkpoint. RSS is sampled every --rss-interval s.
//            Afterwards both stores are checked: every version exactly once, with its count.
//
// The eventer is launched the documented way (docs/eventer.md, "Memory"), with the node flags and
// environment of apps/eventer/launch.json, as `npm start` launches it; --launch plain runs bare
// `node` instead, --semi-space N sets --max-semi-space-size (0 = node's default of 16 MB) and
// --eventer-env K=V,K=V adds environment variables (experiments).
// DuckDB runs with an events store's defaults (memory_limit=32MB, one thread; store-duckdb's
// event-store-tuning.ts), InfluxDB with four concurrent writes.
//
// --phases backlog|churn runs one phase; --churn-sinks influxdb (or duckdb) gives the churn
// phase one sink; --kill-at F moves the SIGKILL to F × --duration (default 0.5; later leaves
// time to see memory after the outage's catch-up); --batch-size / --buffer-size set the
// eventer's; --cpu-prof-dir DIR writes a V8 CPU profile of each eventer there.
//
// Default run about 3 minutes. The 10-minute run:
//   node bench/eventer.mjs --duration 600 --outage 60 --rate 1000
// Needs the built workspace (npm run build) and influxd (bash scripts/test-prereqs.sh).
import { readFileSync } from 'node:fs';
import { setTimeout } from 'node:timers';
import { start } from '@heapster/kubesim';
import { startInfluxDB, tempDir, waitFor } from '@heapster/testing';
import {
  VersionTruth,
  createEvent,
  duckdbVersions,
  expiredAt,
  exportedBy,
  EVENTER_LAUNCH,
  eventerLaunch,
  groupCpuSeconds,
  influxVersions,
  sleep,
  spawnEventer,
  summarize,
  verify,
} from './eventer-support.mjs';

const flag = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const backlogEvents = flag('events', 100_000);
const rate = flag('rate', 1_500);
const durationS = flag('duration', 90);
const outageS = flag('outage', 20);
const rssIntervalS = flag('rss-interval', 5);
const semiSpaceMB = flag('semi-space', undefined);
const maxValuesPerTag = flag('influx-max-values-per-tag', 0);
const batchSize = flag('batch-size', 2_000);
// When in the churn the eventer is SIGKILLed and restarted, as a fraction of --duration.
const killAt = flag('kill-at', 0.5);
const bufferSize = flag('buffer-size', 10_000);
const textFlag = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? '') : fallback;
};
// --phases backlog or --phases churn runs one phase only; --cpu-prof-dir DIR profiles each eventer.
const phases = textFlag('phases', 'backlog,churn').split(',');
// --churn-sinks influxdb runs the churn phase with one sink (RSS without DuckDB's engine).
const churnSinks = textFlag('churn-sinks', 'duckdb,influxdb').split(',');
const cpuProfDir = textFlag('cpu-prof-dir', undefined);
const launchMode = textFlag('launch', 'documented');
const extraEnv = Object.fromEntries(
  textFlag('eventer-env', '')
    .split(',')
    .filter(pair => pair.includes('='))
    .map(pair => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);
if (launchMode !== 'documented' && launchMode !== 'plain') {
  console.error('bench/eventer: --launch must be documented or plain');
  process.exit(2);
}
for (const [name, value] of Object.entries({
  backlogEvents,
  rate,
  durationS,
  outageS,
  rssIntervalS,
  semiSpaceMB: semiSpaceMB ?? 0,
  maxValuesPerTag,
  batchSize,
  bufferSize,
  killAt,
})) {
  if (!(value >= 0)) {
    console.error(`bench/eventer: --${name} must be a non-negative number`);
    process.exit(2);
  }
}

// The InfluxDB event schema makes each event uid a tag value (deterministic series, so a rewrite
// overwrites): InfluxDB 1.x's default max-values-per-tag of 100,000 would reject every event
// after the 100,000th distinct uid, as docs/eventer.md says. --influx-max-values-per-tag 100000
// shows that default.
process.env.INFLUXDB_DATA_MAX_VALUES_PER_TAG = String(maxValuesPerTag);
const influx = await startInfluxDB();
const dir = await tempDir('bench-eventer');
// Each phase writes to its own database and file.
const sinks = {
  duckdb: phase => `duckdb:${dir.path}/${phase}.duckdb`,
  influxdb: phase => `influxdb:${influx.url}?db=${phase}&timeout=5s&concurrency=4`,
};
const launch = launchMode === 'documented' ? eventerLaunch() : { nodeFlags: [], env: {} };
const nodeFlags = [
  ...launch.nodeFlags.filter(f => semiSpaceMB === undefined || !f.startsWith('--max-semi-space')),
  ...(semiSpaceMB > 0 ? [`--max-semi-space-size=${semiSpaceMB}`] : []),
  ...(cpuProfDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`]),
];
const eventerEnv = { ...launch.env, ...extraEnv };
const common = [
  '--frequency=1s',
  `--batch-size=${batchSize}`,
  `--buffer-size=${bufferSize}`,
  '--max-retry-delay=5s',
  '--log-level=info',
];
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const result = {
  scenario: 'eventer',
  loadAverage: { start: loadAverage() },
  node: process.version,
  eventerLaunch:
    launchMode === 'documented'
      ? `documented: ${EVENTER_LAUNCH}, as npm start and docs/eventer.md`
      : 'plain node',
  eventerNodeFlags: nodeFlags,
  eventerEnv,
  eventerFlags: common,
  influxdbMaxValuesPerTag: maxValuesPerTag,
  targets: { eventsPerSecond: 20_000, rssMB: 100 },
};

try {
  if (phases.includes('backlog')) result.backlog = await backlog();
  if (phases.includes('churn')) result.churn = await churn();
  result.loadAverage.end = loadAverage();
} finally {
  await influx.stop();
  await dir.cleanup();
}
console.log(JSON.stringify(result, null, 2));

/** Each sink alone: N events already stored, a fresh eventer lists and exports them. */
async function backlog() {
  const out = {};
  for (const [name, uri] of Object.entries(sinks)) {
    const sim = await start({
      nodes: 1,
      podsPerNode: 1,
      autoTick: false,
      eventsPerSecond: 0,
      maxEvents: 10_000_000,
      historyLimit: 100,
    });
    for (let i = 0; i < backlogEvents; i++) createEvent(sim.store, i);
    const total = sim.store.count('Event');
    const spawned = Date.now();
    const eventer = await spawnEventer(
      [
        `--source=kubernetes:${sim.apiUrl}?inClusterConfig=false`,
        `--sink=${uri('backlog')}`,
        `--checkpoint-file=${dir.path}/backlog-${name}.json`,
        ...common,
      ],
      '/healthz',
      nodeFlags,
      eventerEnv,
    );
    // Process start-up (module loading, ~0.5 s) is not export throughput.
    const started = Date.now();
    let peakRss = 0;
    let metrics = await eventer.metrics();
    const cpuAtStart = metrics.process_cpu_seconds_total;
    // This process serves kubesim (and polls /metrics): its CPU is kubesim's share.
    const simCpuAtStart = process.cpuUsage();
    const influxCpuAtStart = influx.pid === undefined ? 0 : groupCpuSeconds(influx.pid);
    await waitFor(
      async () => {
        metrics = await eventer.metrics();
        peakRss = Math.max(peakRss, metrics.process_resident_memory_bytes ?? 0);
        return exportedBy(metrics, name) >= total;
      },
      { description: `${name} backlog exported`, timeoutMs: 600_000, intervalMs: 250 },
    );
    const seconds = (Date.now() - started) / 1000;
    const simCpu = process.cpuUsage(simCpuAtStart);
    const influxCpu = influx.pid === undefined ? 0 : groupCpuSeconds(influx.pid) - influxCpuAtStart;
    out[name] = {
      events: total,
      startupSeconds: (started - spawned) / 1000,
      seconds,
      eventsPerSecond: Math.round(total / seconds),
      cpuMicrosPerEvent: Math.round(
        ((metrics.process_cpu_seconds_total - cpuAtStart) * 1e6) / total,
      ),
      kubesimCpuMicrosPerEvent: Math.round((simCpu.user + simCpu.system) / total),
      influxdCpuMicrosPerEvent: Math.round((influxCpu * 1e6) / total),
      peakRssMB: Math.round(peakRss / 1048576),
    };
    await eventer.handle.stop({ signal: 'SIGTERM', graceMs: 10_000 });
    await sim.stop();
  }
  return out;
}

/** Both sinks, sustained churn with every fault, then an exactly-once check. */
async function churn() {
  const sim = await start({
    nodes: 20,
    podsPerNode: 20,
    autoTick: false,
    eventsPerSecond: rate,
    churnPodsPerMinute: 120,
    maxEvents: 10_000_000,
    eventTtlSeconds: 86_400,
    historyLimit: 10_000_000,
  });
  const truth = new VersionTruth(sim.store);
  const args = [
    `--source=kubernetes:${sim.apiUrl}?inClusterConfig=false`,
    ...churnSinks.map(name => `--sink=${sinks[name]('churn')}`),
    `--checkpoint-file=${dir.path}/churn.json`,
    ...common,
  ];
  const rss = [];
  const faults = [];
  // Eventer CPU over the run, summed over both processes (the counter restarts after SIGKILL).
  const cpu = { before: 0, current: 0 };
  const sampleCpu = metrics => {
    const value = metrics.process_cpu_seconds_total ?? 0;
    if (value < cpu.current) cpu.before += cpu.current;
    cpu.current = value;
  };
  const simCpuAtStart = process.cpuUsage();
  const t0 = Date.now();
  const at = s => t0 + s * 1000;
  let eventer = await spawnEventer(args, '/readyz', nodeFlags, eventerEnv);
  sim.simulation.start();
  sim.faults.api.setWatchDropMode('reset');
  sim.faults.api.setWatchDropAfter(5_000, 'Event');
  const gaps = [];
  // The first eventer's counters and log, taken just before its SIGKILL: drops and rejections
  // of either process count.
  const killed = { metrics: {}, stderr: '' };
  const plan = [
    {
      time: durationS * 0.2,
      run: async () => {
        await influx.halt();
        faults.push({ at: seconds(), fault: `InfluxDB halted for ${outageS}s` });
        setTimeout(
          () =>
            void influx
              .restart()
              .then(() => faults.push({ at: seconds(), fault: 'InfluxDB restarted' })),
          outageS * 1000,
        );
      },
    },
    {
      time: durationS * 0.35,
      run: async () => {
        const from = sim.store.resourceVersion;
        sim.faults.api.forceExpiredOnNextWatch('Event', 1);
        sim.faults.api.dropWatchesNow('Event');
        await waitFor(() => eventer.handle.stderr().split('events listed; watching').length > 2, {
          description: 'relist',
          timeoutMs: 300_000,
        });
        gaps.push({
          from: Math.min(from, expiredAt(eventer.handle.stderr()) ?? from),
          to: sim.store.resourceVersion,
        });
        faults.push({ at: seconds(), fault: '410 Gone: relisted' });
      },
    },
    {
      time: durationS * killAt,
      run: async () => {
        const metrics = await eventer.metrics();
        sampleCpu(metrics);
        killed.metrics = metrics;
        killed.stderr = eventer.handle.stderr();
        await eventer.handle.stop({ signal: 'SIGKILL' });
        faults.push({ at: seconds(), fault: 'eventer SIGKILLed' });
        await sleep(2_000);
        eventer = await spawnEventer(args, '/readyz', nodeFlags, eventerEnv);
        faults.push({ at: seconds(), fault: 'eventer restarted from its checkpoint' });
      },
    },
  ];
  function seconds() {
    return Math.round((Date.now() - t0) / 100) / 10;
  }
  let nextSample = 0;
  while (Date.now() < at(durationS)) {
    const step = plan[0];
    if (step !== undefined && Date.now() >= at(step.time)) {
      plan.shift();
      await step.run();
    }
    if (Date.now() >= nextSample) {
      nextSample = Date.now() + rssIntervalS * 1000;
      const metrics = await eventer.metrics().catch(() => undefined);
      if (metrics !== undefined) sampleCpu(metrics);
      if (metrics !== undefined)
        rss.push({
          at: seconds(),
          rssMB: Math.round(metrics.process_resident_memory_bytes / 1048576),
          heapMB: Math.round(metrics.nodejs_heap_size_used_bytes / 1048576),
          queued: metrics.eventer_queue_depth ?? 0,
          exported: metrics.eventer_events_exported_total ?? 0,
        });
    }
    await sleep(200);
  }
  sim.simulation.stop();
  sim.faults.api.reset();
  const generated = truth.versions.size;
  const stopped = Date.now();
  const required = truth.required(gaps);
  // Caught up: nothing queued and nothing new received for 3 s, then InfluxDB holds every
  // required version (its writes are acknowledged before they are readable). A version a sink
  // rejected never arrives: the wait then ends unfinished and the verification says what is missing.
  let quiet = { received: -1, since: Date.now() };
  const caughtUp = await waitFor(
    async () => {
      const metrics = await eventer.metrics();
      const received = metrics.eventer_events_received_total ?? 0;
      if ((metrics.eventer_queue_depth ?? 1) > 0 || received !== quiet.received) {
        quiet = { received, since: Date.now() };
        return false;
      }
      if (Date.now() - quiet.since < 3_000) return false;
      if (!churnSinks.includes('influxdb')) return true;
      const held = await influxVersions(influx, 'churn');
      return required.every(v => held.has(`${v.uid}/${v.rv}`));
    },
    { description: 'both sinks caught up', timeoutMs: 180_000, intervalMs: 1_000 },
  ).then(
    () => true,
    () => false,
  );
  const drainSeconds = (Date.now() - stopped) / 1000;
  const last = await eventer.metrics();
  sampleCpu(last);
  const simCpu = process.cpuUsage(simCpuAtStart);
  const droppedBy = {};
  for (const metrics of [killed.metrics, last]) {
    for (const [key, value] of Object.entries(metrics)) {
      if (!key.startsWith('eventer_events_dropped_total{')) continue;
      const labels = key.slice('eventer_events_dropped_total'.length);
      droppedBy[labels] = (droppedBy[labels] ?? 0) + value;
    }
  }
  const rejection = `${killed.stderr}\n${eventer.handle.stderr()}`
    .split('\n')
    .find(line => line.includes('sink rejected events'));
  const exit = await eventer.handle.stop({ signal: 'SIGTERM', graceMs: 10_000 });
  const verification = {};
  if (churnSinks.includes('influxdb'))
    verification.influxdb = verify(truth, required, await influxVersions(influx, 'churn'));
  if (churnSinks.includes('duckdb')) {
    const duckHeld = await duckdbVersions(`${dir.path}/churn.duckdb`);
    verification.duckdb = verify(
      truth,
      required,
      duckHeld,
      v => v.count,
      v => v.rows,
    );
  }
  truth.unsubscribe();
  await sim.stop();
  return {
    durationSeconds: durationS,
    targetRate: rate,
    versionsGenerated: generated,
    generatedPerSecond: Math.round(generated / durationS),
    caughtUp,
    drainSecondsAfterStop: drainSeconds,
    sinks: churnSinks,
    sinkExportedPerSecondOfRun: Object.fromEntries(
      churnSinks.map(name => [name, Math.round(generated / (durationS + drainSeconds))]),
    ),
    // CPU per generated version: the eventer (both processes; list, watch, both sinks) and this
    // process (kubesim generating, storing and serving, plus the bench's own bookkeeping).
    eventerCpuMicrosPerVersion: Math.round(((cpu.before + cpu.current) * 1e6) / generated),
    kubesimCpuMicrosPerVersion: Math.round((simCpu.user + simCpu.system) / generated),
    backpressureWaits:
      (killed.metrics.eventer_backpressure_waits_total ?? 0) +
      (last.eventer_backpressure_waits_total ?? 0),
    dropped:
      (killed.metrics.eventer_events_dropped_total ?? 0) + (last.eventer_events_dropped_total ?? 0),
    droppedBy,
    ...(rejection === undefined ? {} : { firstRejection: rejection.slice(0, 600) }),
    exitCodeAfterSigterm: exit.code,
    faults,
    rssMB: summarize(rss),
    verification,
  };
}
