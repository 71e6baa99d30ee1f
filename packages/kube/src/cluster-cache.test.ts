import { afterEach, describe, expect, it } from '@jest/globals';
import type { KubeObject } from '@heapster/kubesim';
import { createMemoryLogger } from '@heapster/runtime';
import { waitFor } from '@heapster/testing';
import { ClusterCache, type ClusterCacheOptions } from './cluster-cache.js';
import type { ClusterChange } from './listers.js';
import { namespaceJson, nodeJson, podJson } from './testing/fixtures.js';
import { asNew, startKubesimApi, type KubesimApi } from './testing/kubesim-api.js';

const FAST_BACKOFF = { baseMs: 20, maxMs: 200 };
let api: KubesimApi | undefined;
let cache: ClusterCache | undefined;

afterEach(async () => {
  await cache?.stop();
  await api?.close();
  cache = undefined;
  api = undefined;
});

async function startCluster(
  nodes: number,
  podsPerNode: number,
  options: Partial<ClusterCacheOptions> = {},
) {
  api = await startKubesimApi();
  api.store.create(asNew(namespaceJson('shop')));
  api.store.create(asNew(namespaceJson('kube-system')));
  for (let n = 0; n < nodes; n += 1) {
    api.store.create(asNew(nodeJson(`node-${n}`)));
    for (let p = 0; p < podsPerNode; p += 1)
      api.store.create(asNew(podJson('shop', `web-${n}-${p}-abcde`, { node: `node-${n}` })));
  }
  cache = new ClusterCache({
    client: api.client,
    backoff: FAST_BACKOFF,
    hostIdAnnotation: 'example.com/host-id',
    ...options,
  });
  const changes: ClusterChange[] = [];
  cache.onChange(change => changes.push(change));
  cache.start();
  return { api, cache, changes };
}

function podObject(store: KubesimApi['store'], name: string): KubeObject {
  return store.get('Pod', 'shop', name)!;
}

describe('ClusterCache against kubesim', () => {
  it('syncs nodes, pods and namespaces through paginated lists', async () => {
    const { cache, changes } = await startCluster(3, 9, { pageSize: 4 });
    expect(cache.synced).toBe(false);
    await cache.onSynced();
    expect(cache.synced).toBe(true);
    expect(
      cache
        .listNodes()
        .map(n => n.name)
        .sort(),
    ).toEqual(['node-0', 'node-1', 'node-2']);
    expect(cache.getNode('node-1')).toMatchObject({
      ready: true,
      kubeletPort: 10250,
      annotations: { 'example.com/host-id': 'host-node-1' },
    });
    expect(cache.listPods()).toHaveLength(27);
    expect(
      cache
        .podsOnNode('node-2')
        .map(p => p.name)
        .sort(),
    ).toEqual([...Array(9).keys()].map(p => `web-2-${p}-abcde`).sort());
    expect(cache.podsOnNode('node-9')).toEqual([]);
    expect(cache.getPod('shop', 'web-0-0-abcde')?.containers.map(c => c.name)).toEqual([
      'web',
      'sidecar',
    ]);
    expect(cache.getNamespace('kube-system')?.phase).toBe('Active');
    expect(cache.listNamespaces()).toHaveLength(2);
    expect(changes.filter(c => c.type === 'added')).toHaveLength(3 + 27 + 2);
    const stats = cache.stats();
    expect(stats.pods).toMatchObject({
      lists: 1,
      objects: 27,
      synced: true,
      relists: 0,
      decodeErrors: 0,
    });
    expect(stats.changes).toBe(32);
  });

  it('reflects adds, updates, moves and deletes', async () => {
    const { api, cache, changes } = await startCluster(2, 2);
    await cache.onSynced();
    api.store.create(asNew(podJson('shop', 'web-new-0-abcde', { node: 'node-0' })));
    const moved = podObject(api.store, 'web-0-1-abcde');
    api.store.update({ ...moved, spec: { ...(moved.spec as object), nodeName: 'node-1' } });
    const restarted = podObject(api.store, 'web-1-0-abcde');
    const status = restarted.status as {
      containerStatuses: { name: string; restartCount: number }[];
    };
    api.store.update({
      ...restarted,
      status: {
        ...status,
        containerStatuses: status.containerStatuses.map(s => ({ ...s, restartCount: 9 })),
      },
    });
    api.store.delete('Pod', 'shop', 'web-1-1-abcde');
    const node = api.store.get('Node', undefined, 'node-1')!;
    api.store.update({ ...node, spec: { unschedulable: true } });

    await waitFor(() => cache.getPod('shop', 'web-1-1-abcde') === undefined, {
      description: 'the delete to arrive',
    });
    expect(cache.getPod('shop', 'web-new-0-abcde')?.nodeName).toBe('node-0');
    expect(
      cache
        .podsOnNode('node-0')
        .map(p => p.name)
        .sort(),
    ).toEqual(['web-0-0-abcde', 'web-new-0-abcde']);
    expect(
      cache
        .podsOnNode('node-1')
        .map(p => p.name)
        .sort(),
    ).toEqual(['web-0-1-abcde', 'web-1-0-abcde']);
    expect(cache.getPod('shop', 'web-1-0-abcde')?.containers.map(c => c.restartCount)).toEqual([
      9, 9,
    ]);
    expect(cache.getNode('node-1')?.unschedulable).toBe(true);
    // Each kind is its own stream: order holds within a kind, not across kinds.
    const later = changes.slice(2 + 4 + 2);
    expect(later.filter(c => c.kind === 'pod').map(c => `${c.type} ${c.record.name}`)).toEqual([
      'added web-new-0-abcde',
      'updated web-0-1-abcde',
      'updated web-1-0-abcde',
      'deleted web-1-1-abcde',
    ]);
    expect(later.filter(c => c.kind === 'node').map(c => `${c.type} ${c.record.name}`)).toEqual([
      'updated node-1',
    ]);
    const move = later.find(c => c.kind === 'pod' && c.type === 'updated');
    expect(move?.previous).toMatchObject({ name: 'web-0-1-abcde', nodeName: 'node-0' });
  });

  it('relists after a 410 and catches up on what changed meanwhile', async () => {
    const { api, cache, changes } = await startCluster(1, 3);
    await cache.onSynced();
    api.server.faults.forceExpiredOnNextWatch('Pod');
    api.server.faults.dropWatchesNow('Pod');
    // Changes made while the informer reconnects: the relist must turn them into events.
    api.store.delete('Pod', 'shop', 'web-0-0-abcde');
    api.store.create(asNew(podJson('shop', 'web-gap-abcde', { node: 'node-0' })));
    await waitFor(() => cache.stats().pods.relists === 1 && cache.getPod('shop', 'web-gap-abcde'), {
      description: 'a relist',
    });
    expect(cache.getPod('shop', 'web-0-0-abcde')).toBeUndefined();
    expect(
      cache
        .podsOnNode('node-0')
        .map(p => p.name)
        .sort(),
    ).toEqual(['web-0-1-abcde', 'web-0-2-abcde', 'web-gap-abcde']);
    expect(cache.stats().pods.lists).toBe(2);
    expect(changes.filter(c => c.type === 'deleted').map(c => c.record.name)).toEqual([
      'web-0-0-abcde',
    ]);
    // Unchanged pods keep their records: the relist reported no spurious updates.
    expect(changes.filter(c => c.type === 'updated')).toEqual([]);
  });

  it.each(['end', 'reset'] as const)(
    'resumes from the last resourceVersion after dropped streams (%s) without relisting',
    async mode => {
      const { api, cache } = await startCluster(1, 1);
      await cache.onSynced();
      api.server.faults.setWatchDropMode(mode);
      api.server.faults.setWatchDropAfter(50, 'Pod');
      api.server.faults.dropWatchesNow('Pod'); // the open watch predates the fault
      for (let i = 0; i < 40; i += 1) {
        api.store.create(asNew(podJson('shop', `web-drop-${i}-abcde`, { node: 'node-0' })));
        if (i % 8 === 7) {
          const watches = cache.stats().pods.watches;
          await waitFor(() => cache.stats().pods.watches > watches, { description: 'a reconnect' });
        }
      }
      await waitFor(() => cache.listPods().length === 41, { description: 'all 41 pods' });
      const stats = cache.stats().pods;
      expect(stats.watches).toBeGreaterThanOrEqual(5);
      expect(stats).toMatchObject({ lists: 1, relists: 0, added: 41 });
    },
  );

  it('reopens a silent watch without relisting or counting an error', async () => {
    api = await startKubesimApi({ client: { watchInactivityMs: 100 } });
    api.store.create(asNew(nodeJson('node-0')));
    const logger = createMemoryLogger();
    cache = new ClusterCache({ client: api.client, backoff: FAST_BACKOFF, logger });
    cache.start();
    const local = cache;
    await waitFor(() => local.stats().nodes.watches >= 3, { description: 'three node watches' });
    expect(local.stats().nodes).toMatchObject({ lists: 1, errors: 0, relists: 0 });
    expect(logger.lines.filter(line => line.level === 'warn')).toEqual([]);
  });

  it('retries failing lists with backoff, then syncs', async () => {
    const logger = createMemoryLogger();
    api = await startKubesimApi();
    api.server.faults.setListFailure({ status: 503 }, 'Node');
    api.store.create(asNew(nodeJson('node-0')));
    cache = new ClusterCache({ client: api.client, backoff: FAST_BACKOFF, logger });
    cache.start();
    const server = api.server;
    await waitFor(() => cache!.stats().nodes.errors >= 3, { description: 'three failed lists' });
    expect(cache.synced).toBe(false);
    server.faults.setListFailure(undefined, 'Node');
    await cache.onSynced();
    expect(cache.getNode('node-0')?.name).toBe('node-0');
    const warnings = logger.lines.filter(line => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toBe('nodes informer: failed, retrying with backoff');
    expect(String(warnings[0]?.fields.error)).toContain('503');
    expect(logger.lines.some(line => line.message === 'nodes informer: recovered')).toBe(true);
  });

  it('skips an unreadable object, counts it and keeps the rest', async () => {
    const { api, cache } = await startCluster(1, 2);
    await cache.onSynced();
    const broken = asNew(podJson('shop', 'web-bad-abcde'));
    (broken.spec as any).containers[0].resources.requests.cpu = 'lots';
    api.store.create(broken);
    api.store.create(asNew(podJson('shop', 'web-good-abcde')));
    await waitFor(() => cache.getPod('shop', 'web-good-abcde'), { description: 'the good pod' });
    expect(cache.getPod('shop', 'web-bad-abcde')).toBeUndefined();
    expect(cache.stats().pods.decodeErrors).toBe(1);
  });

  it('stops cleanly: onSynced rejects when never synced, and no socket stays open', async () => {
    const baseline = process
      .getActiveResourcesInfo()
      .filter(kind => kind === 'TCPSocketWrap').length;
    api = await startKubesimApi();
    api.server.faults.setListFailure({ status: 500 }, 'Pod');
    cache = new ClusterCache({ client: api.client, backoff: FAST_BACKOFF });
    cache.start();
    const synced = cache.onSynced();
    const local = cache;
    await waitFor(() => local.stats().nodes.synced && local.stats().pods.errors > 0, {
      description: 'nodes synced, pods failing',
    });
    await cache.stop();
    await expect(synced).rejects.toThrow('pods informer stopped before it synced');
    await waitFor(
      () =>
        process.getActiveResourcesInfo().filter(kind => kind === 'TCPSocketWrap').length <=
        baseline,
      {
        description: 'watch sockets to close',
      },
    );
    const { watches } = cache.stats().nodes;
    expect(watches).toBeGreaterThanOrEqual(1);
  });
});
