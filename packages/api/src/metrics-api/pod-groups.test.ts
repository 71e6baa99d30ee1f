import { describe, expect, it } from '@jest/globals';
import { EntityType, MetricId, type DataBatch, type EntityTable } from '@heapster/model';
import { RecentStore, type LatestBatch } from '@heapster/store-memory';
import { buildBatch } from '../testing/metrics-fixtures.js';
import { randomCluster, seededRandom } from '../testing/random-cluster.js';
import { SnapshotBuild } from './snapshot-build.js';
import { UsageSnapshot } from './usage-snapshot.js';

interface ServedPod {
  namespace: string;
  name: string;
  windowMs: number;
  containers: { name: string; cpu: number; memory: number }[];
}

/**
 * The grouping as first written (nested maps keyed by string ids, objects per pod, one sort
 * over all pods): the reference the columnar one must agree with.
 */
function referencePods(latest: LatestBatch, fallbackMs: number): ServedPod[] {
  const batch: DataBatch = latest.batch;
  const table = batch.table(EntityType.PodContainer);
  const cpu = table.column(MetricId.CpuUsageRate);
  const memory = table.column(MetricId.MemoryWorkingSet);
  const has = (column: Float64Array | undefined, row: number) =>
    column !== undefined && Number.isFinite(column[row] as number);
  const windowOf = (type: EntityType, row: number) => {
    const ms = row < 0 ? Number.NaN : latest.rateWindowMs(type, row);
    return Number.isFinite(ms) && ms > 0 ? ms : Number.NaN;
  };
  type Group = {
    ns: string;
    name: string;
    nsId: number;
    podId: number;
    rows: number[];
    partial: boolean;
  };
  const groups = new Map<string, Group>();
  for (let row = 0; row < table.size; row++) {
    const hasCpu = has(cpu, row);
    const hasMemory = has(memory, row);
    if (!hasCpu && !hasMemory) continue;
    const key = `${table.identityId(row, 'namespace')}/${table.identityId(row, 'pod')}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        ns: table.identity(row, 'namespace'),
        name: table.identity(row, 'pod'),
        nsId: table.identityId(row, 'namespace'),
        podId: table.identityId(row, 'pod'),
        rows: [],
        partial: false,
      };
      groups.set(key, group);
    }
    if (hasCpu && hasMemory) group.rows.push(row);
    else group.partial = true;
  }
  const podTable: EntityTable = batch.table(EntityType.Pod);
  const podRows = new Map<string, number>();
  for (let row = 0; row < podTable.size; row++) {
    podRows.set(`${podTable.identityId(row, 'namespace')}/${podTable.identityId(row, 'pod')}`, row);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const served = [...groups.values()]
    .filter(g => !g.partial && g.rows.length > 0 && g.name !== '')
    .sort((a, b) => cmp(a.ns, b.ns) || cmp(a.name, b.name));
  return served.map(g => {
    g.rows.sort((a, b) => cmp(table.identity(a, 'container'), table.identity(b, 'container')));
    let widest = Number.NaN;
    for (const row of g.rows) {
      const ms = windowOf(EntityType.PodContainer, row);
      if (Number.isNaN(widest) || ms > widest) widest = ms;
    }
    const ms = Number.isNaN(widest)
      ? windowOf(EntityType.Pod, podRows.get(`${g.nsId}/${g.podId}`) ?? -1)
      : widest;
    return {
      namespace: g.ns,
      name: g.name,
      windowMs: Number.isNaN(ms) ? fallbackMs : ms,
      containers: g.rows.map(row => ({
        name: table.identity(row, 'container'),
        cpu: table.value(row, MetricId.CpuUsageRate),
        memory: table.value(row, MetricId.MemoryWorkingSet),
      })),
    };
  });
}

function snapshotPods(snapshot: UsageSnapshot): ServedPod[] {
  return Array.from({ length: snapshot.podCount }, (_, i) => {
    const [start, end] = snapshot.containerRange(i);
    const containers = [];
    for (let j = start; j < end; j++) {
      containers.push({
        name: snapshot.containerName(j),
        cpu: snapshot.containerCpu(j),
        memory: snapshot.containerMemory(j),
      });
    }
    return {
      namespace: snapshot.podNamespace(i),
      name: snapshot.podName(i),
      windowMs: snapshot.podWindowMs(i),
      containers,
    };
  });
}

function randomLatest(seed: number, pods: number): LatestBatch {
  const { batch, windows } = buildBatch(randomCluster(seed, pods));
  const random = seededRandom(seed + 1);
  // Some pod rows carry a window of their own (used when no container has one).
  const podWindows = new Map<number, number>();
  for (let row = 0; row < batch.table(EntityType.Pod).size; row++) {
    if (random() > 0.5) podWindows.set(row, 20_000 + Math.floor(random() * 5_000));
  }
  const store = new RecentStore({ resolutionMs: 15_000 });
  store.add(batch, (type, row) =>
    type === EntityType.Pod ? (podWindows.get(row) ?? Number.NaN) : windows(type, row),
  );
  return store.latest()!;
}

describe('UsageSnapshot pod grouping (columnar)', () => {
  it('serves the same pods, containers, values and windows as the reference grouping', () => {
    for (const [seed, pods] of [
      [1, 0],
      [2, 1],
      [3, 40],
      [4, 700],
      [5, 3_000],
    ] as const) {
      const latest = randomLatest(seed, pods);
      const expected = referencePods(latest, 15_000);
      expect(snapshotPods(UsageSnapshot.of(latest, 15_000))).toEqual(expected);
      if (pods >= 700) expect(expected.length).toBeGreaterThan(pods / 3);
    }
  });

  it('indexes a batch once whether sliced over turns or finished at once', async () => {
    const latest = randomLatest(9, 40_000);
    const expected = snapshotPods(UsageSnapshot.of(latest, 15_000));
    let turns = 0;
    const sliced = new SnapshotBuild(latest, 15_000);
    const snapshot = await sliced.sliced(async () => void turns++);
    expect(turns).toBeGreaterThan(3);
    expect(snapshotPods(snapshot)).toEqual(expected);
    expect(sliced.now()).toBe(snapshot);

    // A request in the middle of a sliced indexing finishes it; the slicer gets the same one.
    const shared = new SnapshotBuild(latest, 15_000);
    let now: UsageSnapshot | undefined;
    const slicing = shared.sliced(async () => {
      now ??= shared.now();
    });
    expect(await slicing).toBe(now);
    expect(snapshotPods(now!)).toEqual(expected);
  });
});
