import { describe, expect, it } from '@jest/globals';
import { EntityType, MetricId, type DataBatch } from '@heapster/model';
import { RecentStore } from './recent-store.js';
import { BatchBuilder, usage } from './testing/batch-builder.js';

const R = 60_000;
const FS_USAGE = MetricId.FilesystemUsage;

/** Two nodes, two namespaces, pods with containers, system containers, labeled filesystems. */
function cluster(timestamp: number, seed: number, shared?: DataBatch): DataBatch {
  const b = new BatchBuilder(timestamp, shared);
  b.node('node-b', usage(seed));
  b.node('node-a', usage(seed));
  b.row(EntityType.SysContainer, { node: 'node-a', container: 'kubelet' }, usage(seed));
  b.row(EntityType.SysContainer, { node: 'node-a', container: 'docker-daemon' });
  b.row(EntityType.SysContainer, { node: 'node-b', container: 'system' });
  b.row(EntityType.Namespace, { namespace: 'kube-system' }, usage(seed));
  b.row(EntityType.Namespace, { namespace: 'default' });
  b.row(EntityType.Cluster, {}, usage(seed));
  b.pod('default', 'web-1', 'node-a', usage(seed));
  b.pod('default', 'web-0', 'node-b');
  b.pod('kube-system', 'dns', 'node-a');
  const app = b.container('default', 'web-1', 'app', usage(seed));
  b.container('default', 'web-1', 'sidecar');
  b.container('kube-system', 'dns', 'dns');
  const rootfs = { resource_id: '/' };
  b.labeled(EntityType.PodContainer, app, FS_USAGE, rootfs, 100 + seed);
  b.labeled(EntityType.PodContainer, app, FS_USAGE, { resource_id: 'logs' }, 200 + seed);
  b.labeled(EntityType.PodContainer, app, FS_USAGE, { resource_id: '/', extra: 'x' }, 300 + seed);
  b.labeled(EntityType.PodContainer, app, MetricId.FilesystemLimit, rootfs, 1e9);
  return b.batch;
}

function storeWith(batches: number): RecentStore {
  const store = new RecentStore({ resolutionMs: R });
  let last: DataBatch | undefined;
  for (let i = 0; i < batches; i++) {
    last = cluster(i * R, i, last);
    store.add(last);
  }
  return store;
}

const APP = 'namespace:default/pod:web-1/container:app';

describe('RecentStore queries', () => {
  it('should answer nothing before the first batch', () => {
    const store = new RecentStore({ resolutionMs: R });
    expect(store.latest()).toBeUndefined();
    expect(store.listNodes()).toEqual([]);
    expect(store.allKeys()).toEqual([]);
    expect(store.points(EntityType.Cluster, 'cluster', 'cpu/usage_rate')).toEqual([]);
    expect(store.metricNames(EntityType.Cluster, 'cluster')).toEqual([]);
    expect(store.stats()).toMatchObject({ batches: 0, series: 0, newestTimestampMs: Number.NaN });
  });

  it('should list entities of the newest batch, sorted', () => {
    const store = storeWith(2);
    expect(store.listNodes()).toEqual(['node-a', 'node-b']);
    expect(store.listNamespaces()).toEqual(['default', 'kube-system']);
    expect(store.listPods('default')).toEqual(['web-0', 'web-1']);
    expect(store.listPods('nope')).toEqual([]);
    expect(store.listContainers('default', 'web-1')).toEqual(['app', 'sidecar']);
    expect(store.listContainers('kube-system', 'web-1')).toEqual([]);
    expect(store.listFreeContainers('node-a')).toEqual(['docker-daemon', 'kubelet']);
    expect(store.listFreeContainers('')).toEqual([]);
  });

  it('should return points within inclusive start and end, oldest first, as floats', () => {
    const store = storeWith(10);
    const range = { startMs: 3 * R, endMs: 5 * R };
    expect(store.points(EntityType.PodContainer, APP, 'cpu/usage_rate', range)).toEqual([
      { timestamp: 3 * R, value: 3.25 },
      { timestamp: 4 * R, value: 4.25 },
      { timestamp: 5 * R, value: 5.25 },
    ]);
    const parts = { namespace: 'default', pod: 'web-1', container: 'app' };
    expect(
      store.points(EntityType.PodContainer, parts, 'cpu/usage_rate', { startMs: 9 * R }),
    ).toEqual([{ timestamp: 9 * R, value: 9.25 }]);
    expect(
      store.points(EntityType.PodContainer, APP, 'cpu/usage_rate', {
        startMs: 5 * R,
        endMs: 4 * R,
      }),
    ).toEqual([]);
    // Short-window metric over the same batches: only the three held.
    expect(
      store.points(EntityType.Node, 'node:node-a', 'network/rx_rate').map(p => p.value),
    ).toEqual([3.5, 4, 4.5]);
  });

  it('should answer [] for unknown series and metrics', () => {
    const store = storeWith(2);
    expect(store.points(EntityType.Pod, 'namespace:default/pod:nope', 'cpu/usage_rate')).toEqual(
      [],
    );
    expect(store.points(EntityType.Node, 'namespace:default/pod:web-1', 'cpu/usage_rate')).toEqual(
      [],
    );
    expect(store.points(EntityType.Pod, 'namespace:default/pod:web-1', 'no/such_metric')).toEqual(
      [],
    );
    expect(store.points(EntityType.Pod, 'namespace:default/pod:web-0', 'cpu/usage_rate')).toEqual(
      [],
    );
  });

  it('should select a labeled metric by its exact label set, from the short window', () => {
    const store = storeWith(5);
    const rootfs = store.points(EntityType.PodContainer, APP, 'filesystem/usage', {
      labels: { resource_id: '/' },
    });
    expect(rootfs).toEqual([
      { timestamp: 2 * R, value: 102 },
      { timestamp: 3 * R, value: 103 },
      { timestamp: 4 * R, value: 104 },
    ]);
    const both = { labels: { extra: 'x', resource_id: '/' } };
    expect(
      store.points(EntityType.PodContainer, APP, 'filesystem/usage', both).map(p => p.value),
    ).toEqual([302, 303, 304]);
    const logs = { labels: { resource_id: 'logs' }, startMs: 4 * R };
    expect(store.points(EntityType.PodContainer, APP, 'filesystem/usage', logs)).toEqual([
      { timestamp: 4 * R, value: 204 },
    ]);
    expect(
      store.points(EntityType.PodContainer, APP, 'filesystem/usage', {
        labels: { resource_id: 'x' },
      }),
    ).toEqual([]);
    // No labels: the unlabeled value, which a labeled metric does not have.
    expect(store.points(EntityType.PodContainer, APP, 'filesystem/usage', { labels: {} })).toEqual(
      [],
    );
    // A long-window metric with labels: short window, labeled values only.
    expect(
      store.points(EntityType.PodContainer, APP, 'cpu/usage_rate', {
        labels: { resource_id: '/' },
      }),
    ).toEqual([]);
  });

  it('should name the metrics of a metric set, labeled ones included', () => {
    const store = storeWith(2);
    expect(store.metricNames(EntityType.PodContainer, APP)).toEqual([
      'cpu/usage_rate',
      'filesystem/limit',
      'filesystem/usage',
      'memory/usage',
      'memory/working_set',
      'network/rx_rate',
    ]);
    expect(
      store.metricNames(EntityType.PodContainer, 'namespace:default/pod:web-1/container:sidecar'),
    ).toEqual([]);
    expect(store.metricNames(EntityType.Pod, 'namespace:x/pod:y')).toEqual([]);
  });

  it('should list every metric-set key of the newest batch only', () => {
    const store = new RecentStore({ resolutionMs: R });
    const first = cluster(0, 0);
    const extra = new BatchBuilder(R, first);
    extra.pod('default', 'only-once', 'node-a');
    store.add(extra.batch);
    store.add(cluster(2 * R, 2, first));
    const keys = store.allKeys();
    expect(keys).toHaveLength(14);
    expect(keys).toContain('cluster');
    expect(keys).toContain('node:node-a/container:kubelet');
    expect(keys).toContain('namespace:kube-system');
    expect(keys).toContain(APP);
    expect(keys).not.toContain('namespace:default/pod:only-once');
    expect([...keys].sort()).toEqual(keys);
  });

  it('should serve the rate windows of the newest batch and let older ones go', () => {
    const store = new RecentStore({ resolutionMs: R });
    const first = cluster(0, 0);
    store.add(first, (type, row) => (type === EntityType.Node ? 15_012.5 + row : Number.NaN));
    const latest = store.latest()!;
    expect(latest.batch).toBe(first);
    expect(latest.rateWindowMs(EntityType.Node, 1)).toBe(15_013.5);
    expect(latest.rateWindowMs(EntityType.Pod, 0)).toBeNaN();
    expect(latest.rateWindowMs(EntityType.Node, 99)).toBeNaN();
    store.add(cluster(R, 1, first));
    expect(store.latest()?.rateWindowMs(EntityType.Node, 0)).toBeNaN();
    expect(latest.rateWindowMs(EntityType.Node, 1)).toBeNaN();
  });

  it('should find dynamic metrics through the batch catalogue', () => {
    const store = new RecentStore({ resolutionMs: R });
    const b = new BatchBuilder(0);
    const gpu = b.batch.metrics.ensure('nvidia.com/gpu/request');
    b.container('default', 'web-1', 'app', { [gpu.id]: 2 });
    store.add(b.batch);
    expect(store.points(EntityType.PodContainer, APP, 'nvidia.com/gpu/request')).toEqual([
      { timestamp: 0, value: 2 },
    ]);
    expect(store.metricNames(EntityType.PodContainer, APP)).toEqual(['nvidia.com/gpu/request']);
  });

  it('should report the bytes it holds', () => {
    const stats = storeWith(3).stats();
    expect(stats.batches).toBe(3);
    expect(stats.series).toBe(14);
    expect(stats.pointsPerSeries).toBe(15);
    expect(stats.ringBytes).toBeGreaterThan(stats.seriesCapacity * 15 * 3 * 4);
    expect(stats.bytesHeld).toBe(stats.ringBytes + stats.batchBytes + stats.indexBytes);
  });
});
