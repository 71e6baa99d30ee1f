// The oldtimer's long-window queries on the duckdb store (issue 7's performance target): load
// DAYS of 15 s data for PODS pods (30 × 1,000 ≈ 173 M points) through the store's writer, then
// time `95-perc` per hour for one pod over 30 days and `average,95-perc` per hour for a
// namespace of 100 pods over 7 days, on the writer's store and on the file reopened read-only
// (as the oldtimer reads a snapshot). Prints JSON. Not a test.
// Usage: node bench/long-window.mjs [days=30] [pods=1000] [--keep <dir>] [--reuse <dir>]
//   --keep <dir>   load into <dir>/long-window.duckdb and leave it there
//   --reuse <dir>  skip the load: query a file an earlier --keep run left (same days and pods)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DataBatch,
  EntityType,
  LabelCatalogue,
  LabelId,
  MetricCatalogue,
  MetricId,
  StringTable,
} from '@heapster/model';
import { ManualClock, noopLogger } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { acquireStore, DuckDbHistory, parseConfig } from '../dist/index.js';

const DAYS = Number(process.argv[2] ?? 30);
const PODS = Number(process.argv[3] ?? 1000);
const STEP = 15_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const PODS_PER_NAMESPACE = 100;
const BATCHES_PER_WRITE = 240; // one hour of batches per transaction while loading
const END = Date.UTC(2024, 5, 1) - STEP; // the last batch; data covers [END - DAYS, END]
const START = END - DAYS * DAY + STEP;

const metrics = new MetricCatalogue();
const labels = new LabelCatalogue();
const strings = new StringTable();
// Pods go into batches in a scattered order, as they would by node: a namespace's series ids
// are then spread over the id space instead of forming one range.
const order = Array.from({ length: PODS }, (_, i) => (i * 7919) % PODS);
const base = Array.from({ length: PODS }, (_, p) => 50 + ((p * 104_729) % 950));

function cpu(pod, t) {
  const daily = 1 + 0.5 * Math.sin((2 * Math.PI * (t % DAY)) / DAY + pod);
  const noise =
    ((Math.imul(pod + 1, 2_654_435_761) ^ Math.imul(t / STEP, 40_503)) >>> 0) / 4_294_967_296;
  return Math.round(base[pod] * daily * (0.8 + 0.4 * noise) * 1000) / 1000;
}

function batchAt(t) {
  const batch = new DataBatch({
    timestamp: t,
    metrics,
    labels,
    strings,
    capacity: { [EntityType.Pod]: PODS },
  });
  const pods = batch.table(EntityType.Pod);
  for (const p of order) {
    const row = pods.addRow({
      namespace: `ns-${Math.floor(p / PODS_PER_NAMESPACE)}`,
      pod: `pod-${p}`,
      node: `node-${p % 100}`,
    });
    batch.setLabel(EntityType.Pod, row, LabelId.PodId, `uid-${p}`);
    pods.setValue(row, MetricId.CpuUsageRate, cpu(p, t));
  }
  return batch;
}

const keep = process.argv.indexOf('--keep');
const reuse = process.argv.indexOf('--reuse');
const dir =
  reuse > 0
    ? process.argv[reuse + 1]
    : keep > 0
      ? process.argv[keep + 1]
      : mkdtempSync(join(tmpdir(), 'duckdb-long-window-'));
const file = join(dir, 'long-window.duckdb');
if (reuse < 0) {
  rmSync(file, { force: true });
  rmSync(`${file}.wal`, { force: true });
}
const clock = new ManualClock(reuse > 0 ? END : START);
const handle = acquireStore(parseConfig(parseSinkUri(`duckdb:${file}?retention=0`)), {
  logger: noopLogger,
  clock,
});
const store = handle.store;
const signal = new AbortController().signal;
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

// Load.
const load0 = performance.now();
const loadCpu0 = cpuSeconds();
let rows = 0;
let writeMs = 0;
for (let t = START; reuse < 0 && t <= END;) {
  const batches = [];
  for (let i = 0; i < BATCHES_PER_WRITE && t <= END; i++, t += STEP) batches.push(batchAt(t));
  clock.set(batches[batches.length - 1].timestamp);
  const w0 = performance.now();
  rows += (await store.writeBatches(batches, signal)).rows;
  writeMs += performance.now() - w0;
  if ((t - START) % (5 * DAY) < BATCHES_PER_WRITE * STEP) {
    process.stderr.write(
      `loaded ${((t - START) / DAY).toFixed(1)} days, ${rows} points, ${Math.round((performance.now() - load0) / 1000)} s\n`,
    );
  }
}
await store.idle(); // background compaction, finalization of closed days, merging of closed weeks
const loadSeconds = (performance.now() - load0) / 1000;
const loadCpuSeconds = cpuSeconds() - loadCpu0;
await store.read(c => c.run('CHECKPOINT'));
const bytes = statSync(file).size;
if (reuse > 0) {
  const [[count]] = await store.read(async c =>
    (
      await c.runAndReadAll(
        `SELECT (SELECT coalesce(sum(rows), 0) FROM partitions)
           + (SELECT coalesce(sum(rows), 0) FROM spans) + (SELECT count(*) FROM hot)`,
      )
    ).getRowsJS(),
  );
  rows = Number(count);
}
const layout = await store.read(
  async c =>
    (
      await c.runAndReadAll(
        `SELECT (SELECT count(*) FROM partitions)::INTEGER, (SELECT sum(runs) FROM partitions)::INTEGER, (SELECT count(*) FROM hot)::INTEGER,
           (SELECT used_blocks * block_size FROM pragma_database_size())::DOUBLE, (SELECT count(*) FROM spans)::INTEGER`,
      )
    ).getRowsJS()[0],
);

// Queries: on the writer's store (the core's --historical_source: each query in a read
// transaction, planned against the live catalog), then on the file reopened read-only (the
// oldtimer process on a snapshot: catalog cached per opening).
async function time(name, run, repeat = 15) {
  await run(); // warm-up: first touch of the file's blocks
  const wall = [];
  const cpu = [];
  let result;
  for (let i = 0; i < repeat; i++) {
    const c0 = cpuSeconds();
    const t0 = performance.now();
    result = await run();
    wall.push(performance.now() - t0);
    cpu.push((cpuSeconds() - c0) * 1000);
  }
  const sorted = values => [...values].sort((a, b) => a - b);
  const pick = (values, q) =>
    +sorted(values)[Math.min(values.length - 1, Math.floor(q * values.length))].toFixed(1);
  return {
    name,
    runs: repeat,
    wallMsP50: pick(wall, 0.5),
    wallMsMin: pick(wall, 0),
    wallMsMax: pick(wall, 1),
    cpuMsP50: pick(cpu, 0.5),
    results: result.length,
    buckets: result[0].buckets.length,
    pointsPerResult: result[0].buckets.reduce((n, b) => n + (b.count ?? 0), 0),
  };
}
const onePod = { metric: 'cpu/usage_rate', type: 'pod', namespace: 'ns-3', pods: ['pod-317'] };
const namespace = { metric: 'cpu/usage_rate', type: 'pod', namespace: 'ns-5' };
const podList = {
  ...namespace,
  pods: Array.from({ length: 100 }, (_, i) => `pod-${500 + i}`),
  groupBy: 'pod',
};
const days30 = { start: END - Math.min(30, DAYS) * DAY + STEP, end: END };
const days7 = { start: END - Math.min(7, DAYS) * DAY + STEP, end: END };
async function queriesOn(history) {
  return [
    await time('95-perc per hour, one pod, 30 days', () =>
      history.aggregate(onePod, days30, {
        aggregations: ['count'],
        percentiles: [95],
        bucketMs: HOUR,
      }),
    ),
    await time('average,95-perc per hour, namespace of 100 pods pooled, 7 days', () =>
      history.aggregate(namespace, days7, {
        aggregations: ['average', 'count'],
        percentiles: [95],
        bucketMs: HOUR,
      }),
    ),
    await time(
      'average,95-perc per hour, pod-list of 100 pods (one result each), 7 days',
      () =>
        history.aggregate(podList, days7, {
          aggregations: ['average', 'count'],
          percentiles: [95],
          bucketMs: HOUR,
        }),
      5,
    ),
  ];
}
const queries = { writer: await queriesOn(new DuckDbHistory(store)) };
await handle.release();
const readOnly = acquireStore(parseConfig(parseSinkUri(`duckdb:${file}?read_only=true`)), {
  logger: noopLogger,
  clock,
});
queries.readOnly = await queriesOn(new DuckDbHistory(readOnly.store));
await readOnly.release();
if (keep < 0 && reuse < 0) rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify(
    {
      bench: 'store-duckdb/long-window',
      days: DAYS,
      pods: PODS,
      stepSeconds: STEP / 1000,
      points: rows,
      load: {
        seconds: +loadSeconds.toFixed(1),
        cpuSeconds: +loadCpuSeconds.toFixed(1),
        writeCallSeconds: +(writeMs / 1000).toFixed(1),
        usPerValueWall: +((loadSeconds * 1e6) / rows).toFixed(3),
        usPerValueCpu: +((loadCpuSeconds * 1e6) / rows).toFixed(3),
      },
      storage: {
        fileBytes: bytes,
        usedBytes: layout[3],
        bytesPerPoint: +(layout[3] / rows).toFixed(2),
        weekSpans: layout[4],
        dayPartitions: layout[0],
        sortedRuns: layout[1],
        unsortedTailRows: layout[2],
      },
      queries,
      machine: { loadavg: loadavg().map(x => +x.toFixed(2)) },
    },
    null,
    1,
  ),
);
