import { describe, expect, it } from '@jest/globals';
import { DataBatch, EntityType, MetricId } from '@heapster/model';
import { RecentStore } from './recent-store.js';
import { clusterBatch } from './testing/batch-builder.js';

const R = 15_000;
const POD = 'namespace:default/pod:';

/** Adds batches at t = 0, R, 2R, … (n of them), each with `pods(i)`, sharing one catalogue. */
function feed(store: RecentStore, n: number, pods: (i: number) => string[], from = 0): DataBatch {
  let last: DataBatch | undefined;
  for (let i = from; i < from + n; i++) {
    last = clusterBatch(i * R, pods(i), i, last);
    expect(store.add(last)).toBe(true);
  }
  return last as DataBatch;
}

const timestamps = (points: { timestamp: number }[]): number[] => points.map(p => p.timestamp);

describe('RecentStore retention', () => {
  it('should hold the newest three batches by default', () => {
    const store = new RecentStore({ resolutionMs: R });
    feed(store, 10, () => ['a']);
    expect(store.stats().batches).toBe(3);
    // network/rx_rate is a short-window metric: only the batches held answer.
    expect(timestamps(store.points(EntityType.Pod, `${POD}a`, 'network/rx_rate'))).toEqual([
      7 * R,
      8 * R,
      9 * R,
    ]);
  });

  it('should let go before a scrape of the batches the next one will push out', () => {
    const store = new RecentStore({ resolutionMs: R });
    feed(store, 5, () => ['a']);
    expect(store.retireBefore(5 * R).map(batch => batch.timestamp)).toEqual([2 * R]);
    expect(store.stats().batches).toBe(2);
    expect(timestamps(store.points(EntityType.Pod, `${POD}a`, 'network/rx_rate'))).toEqual([
      3 * R,
      4 * R,
    ]);
    expect(store.retireBefore(5 * R)).toEqual([]);
    // The next batch lands as if nothing had been retired.
    feed(store, 1, () => ['a'], 5);
    expect(timestamps(store.points(EntityType.Pod, `${POD}a`, 'network/rx_rate'))).toEqual([
      3 * R,
      4 * R,
      5 * R,
    ]);
  });

  it('should keep the newest batch however far ahead the next scrape is', () => {
    const store = new RecentStore({ resolutionMs: R });
    feed(store, 3, () => ['a']);
    expect(store.retireBefore(100 * R)).toHaveLength(2);
    expect(store.latest()?.batch.timestamp).toBe(2 * R);
    expect(store.listPods('default')).toEqual(['a']);
  });

  it('should drop a batch exactly one short window old', () => {
    const store = new RecentStore({ resolutionMs: R, shortWindowMs: 2 * R });
    feed(store, 3, () => ['a']);
    expect(timestamps(store.points(EntityType.Pod, `${POD}a`, 'network/rx_rate'))).toEqual([
      R,
      2 * R,
    ]);
  });

  it('should keep long-window metrics for (newest − 15 min, newest]', () => {
    const store = new RecentStore({ resolutionMs: R });
    feed(store, 70, () => ['a']);
    const points = store.points(EntityType.Pod, `${POD}a`, 'cpu/usage_rate');
    expect(points).toHaveLength(60);
    expect(points[0]).toEqual({ timestamp: 10 * R, value: 11.25 }); // seed 10 + 1 (pod) + .25
    expect(points[59]?.timestamp).toBe(69 * R);
  });

  it('should honour a long window that is not a multiple of the resolution', () => {
    const store = new RecentStore({ resolutionMs: R, longWindowMs: 50_000 });
    feed(store, 10, () => ['a']);
    // (135 s − 50 s, 135 s] holds 90, 105, 120 and 135 s.
    expect(timestamps(store.points(EntityType.Node, 'node:n1', 'memory/usage'))).toEqual([
      6 * R,
      7 * R,
      8 * R,
      9 * R,
    ]);
  });

  it('should filter by the window, not the ring, when batches skip resolutions', () => {
    const store = new RecentStore({ resolutionMs: R, longWindowMs: 4 * R, shortWindowMs: R });
    for (const t of [0, 1, 2, 10, 11]) store.add(clusterBatch(t * R, ['a'], t));
    expect(timestamps(store.points(EntityType.Node, 'node:n1', 'cpu/usage_rate'))).toEqual([
      10 * R,
      11 * R,
    ]);
  });

  it('should create a series on first sight and drop it after a long window of absence', () => {
    const store = new RecentStore({ resolutionMs: R, longWindowMs: 4 * R });
    feed(store, 1, () => ['a', 'gone']);
    expect(store.stats().series).toBe(1 + 2 * 2); // node + 2 pods + 2 containers
    feed(store, 3, () => ['a'], 1);
    // Absent for 3 resolutions: still queryable from the ring (cutoff −15 s < 0).
    expect(store.points(EntityType.Pod, `${POD}gone`, 'memory/usage')).toEqual([
      { timestamp: 0, value: 1_000_007 },
    ]);
    expect(store.metricNames(EntityType.Pod, `${POD}gone`)).toEqual([
      'cpu/usage_rate',
      'memory/usage',
      'memory/working_set',
    ]);
    feed(store, 1, () => ['a'], 4);
    expect(store.stats().series).toBe(3);
    expect(store.points(EntityType.Pod, `${POD}gone`, 'memory/usage')).toEqual([]);
    expect(store.metricNames(EntityType.Pod, `${POD}gone`)).toEqual([]);
  });

  it('should reuse the slots of churned pods instead of growing', () => {
    const store = new RecentStore({ resolutionMs: R, longWindowMs: 10 * R });
    // 100 live pods; 10 replaced by new names every batch.
    const live = (i: number): string[] =>
      Array.from({ length: 100 }, (_, k) => `pod-${k}-${Math.floor((i + (k % 10)) / 10)}`);
    feed(store, 30, live);
    const { seriesCapacity, series } = store.stats();
    feed(store, 60, live, 30);
    expect(store.stats().seriesCapacity).toBe(seriesCapacity);
    expect(store.stats().series).toBe(series);
    // Reused slots and names hold the right series: a pod born at batch 80 has points from
    // then on (its container's cpu/usage_rate is seed + 2.25), nothing of its slot's past.
    const born = live(89).find(pod => !live(79).includes(pod))!;
    const points = store.points(
      EntityType.PodContainer,
      `${POD}${born}/container:app`,
      'cpu/usage_rate',
    );
    expect(points.map(p => p.value)).toEqual(
      Array.from({ length: points.length }, (_, k) => 90 - points.length + k + 2.25),
    );
    expect(points.length).toBeGreaterThan(0);
    expect(points.length).toBeLessThanOrEqual(10);
  });

  it('should keep every point as the rings grow, batch after batch', () => {
    const store = new RecentStore({ resolutionMs: R });
    const pods = (i: number): string[] =>
      Array.from({ length: 300 + 60 * i }, (_, k) => `pod-${k}`);
    let last: DataBatch | undefined;
    for (let i = 0; i < 40; i++) {
      last = clusterBatch(i * R, pods(i), i, last);
      expect(store.add(last)).toBe(true);
    }
    // Node n1, 2,640 pods and their containers: 5,281 series in three chunks of 2,048 slots.
    expect(store.stats().series).toBe(1 + 2 * 2_640);
    expect(store.stats().seriesCapacity).toBe(6_144);
    expect(timestamps(store.points(EntityType.Pod, `${POD}pod-0`, 'memory/usage'))).toHaveLength(
      40,
    );
    const late = store.points(
      EntityType.PodContainer,
      `${POD}pod-2600/container:app`,
      'cpu/usage_rate',
    );
    expect(timestamps(late)).toEqual([39 * R]);
  });

  it('should keep series identity when the string table is replaced', () => {
    const store = new RecentStore({ resolutionMs: R });
    store.add(clusterBatch(0, ['a', 'b'], 0));
    store.add(clusterBatch(R, ['b', 'a'], 1)); // a fresh StringTable, other row order
    expect(store.stats().series).toBe(5);
    expect(store.points(EntityType.Pod, `${POD}a`, 'memory/working_set')).toEqual([
      { timestamp: 0, value: 1_003 },
      { timestamp: R, value: 2_003 },
    ]);
  });

  it('should ignore a batch that is not newer than the newest', () => {
    const store = new RecentStore({ resolutionMs: R });
    const newest = feed(store, 2, () => ['a']);
    expect(store.add(clusterBatch(R, ['late'], 9))).toBe(false);
    expect(store.add(clusterBatch(0, ['late'], 9))).toBe(false);
    expect(store.latest()?.batch).toBe(newest);
    expect(store.allKeys()).not.toContain(`${POD}late`);
    expect(() => store.add(new DataBatch({ timestamp: Number.NaN }))).toThrow('not a finite');
  });

  it('should read old long-window points at float32 precision and recent ones exactly', () => {
    const store = new RecentStore({ resolutionMs: R, shortWindowMs: R });
    const big = 123_456_789_123;
    for (let i = 0; i < 3; i++) {
      const batch = new DataBatch({ timestamp: i * R });
      const row = batch.table(EntityType.Cluster).addRow({});
      batch.table(EntityType.Cluster).setValue(row, MetricId.MemoryUsage, big + i);
      store.add(batch);
    }
    expect(store.points(EntityType.Cluster, 'cluster', 'memory/usage')).toEqual([
      { timestamp: 0, value: Math.fround(big) },
      { timestamp: R, value: Math.fround(big + 1) },
      { timestamp: 2 * R, value: big + 2 },
    ]);
    const exact = new RecentStore({
      resolutionMs: R,
      shortWindowMs: R,
      longWindowPrecision: 'float64',
    });
    for (let i = 0; i < 2; i++) {
      const batch = new DataBatch({ timestamp: i * R });
      const row = batch.table(EntityType.Cluster).addRow({});
      batch.table(EntityType.Cluster).setValue(row, MetricId.MemoryUsage, big + i);
      exact.add(batch);
    }
    expect(exact.points(EntityType.Cluster, 'cluster', 'memory/usage')[0]?.value).toBe(big);
  });
});
