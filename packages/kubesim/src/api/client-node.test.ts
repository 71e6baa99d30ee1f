import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CoreV1Api, KubeConfig, Watch, makeInformer } from '@kubernetes/client-node';
import type { V1Pod } from '@kubernetes/client-node';
import { ApiFaults } from './api-faults.js';
import { createApiServer } from './api-server.js';
import type { ApiServer } from './api-server.js';
import { InMemoryObjectStore } from './in-memory-object-store.js';
import type { KubeObject } from './object-store.js';
import { eventObject, podObject, populateSmallCluster } from './testing/fixtures.js';
import { eventually } from './testing/http-client.js';

const NOW = Date.now();

describe('@kubernetes/client-node against the simulated API server', () => {
  const store = new InMemoryObjectStore();
  const faults = new ApiFaults();
  let server: ApiServer;
  let kc: KubeConfig;
  let core: CoreV1Api;

  beforeAll(async () => {
    populateSmallCluster(store, NOW);
    server = await createApiServer({ store, faults });
    kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'kubesim', server: server.url, skipTLSVerify: true }],
      users: [{ name: 'u' }],
      contexts: [{ name: 'ctx', cluster: 'kubesim', user: 'u' }],
      currentContext: 'ctx',
    });
    core = kc.makeApiClient(CoreV1Api);
  });
  afterAll(() => server.close());

  it('lists nodes, events and pods with typed objects', async () => {
    const nodes = await core.listNode();
    expect(nodes.items.map(n => n.metadata?.name)).toEqual(['node-a', 'node-b', 'node-c']);
    expect(nodes.items[0]?.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(nodes.items[0]?.status?.allocatable).toMatchObject({ cpu: '4' });
    expect(nodes.metadata?.resourceVersion).toBe(String(store.resourceVersion));
    const events = await core.listEventForAllNamespaces();
    expect(events.items).toHaveLength(3);
    const web = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=web' });
    expect(web.items.map(p => p.metadata?.name)).toEqual(['web-1', 'web-2']);
    const onNode = await core.listPodForAllNamespaces({ fieldSelector: 'spec.nodeName=node-a' });
    expect(onNode.items).toHaveLength(2);
    await expect(
      core.readNamespacedPod({ namespace: 'default', name: 'nope' }),
    ).rejects.toMatchObject({ code: 404 });
  });

  it('watches: synthetic ADDED for rv 0, then live events, abort ends it', async () => {
    const seen: string[] = [];
    let doneErr: unknown = 'not called';
    const controller = await new Watch(kc).watch(
      '/api/v1/events',
      { resourceVersion: '0' },
      (type: string, obj: KubeObject) => seen.push(`${type} ${obj.metadata.name}`),
      (err: unknown) => {
        doneErr = err;
      },
    );
    await eventually(() => seen.length === 3, 10_000, 'initial events');
    store.create(eventObject('default', 'watched-live', NOW));
    await eventually(() => seen.length === 4, 10_000, 'live event');
    expect(seen[3]).toBe('ADDED watched-live');
    controller.abort();
    await eventually(() => doneErr !== 'not called', 10_000, 'done callback');
  });

  it('keeps an informer cache equal to the store through a dropped stream and a forced 410 relist', async () => {
    let lists = 0;
    const informer = makeInformer(kc, '/api/v1/pods', () => {
      lists += 1;
      return core.listPodForAllNamespaces();
    });
    let connects = 0;
    informer.on('connect', () => {
      connects += 1;
    });
    let stopped = false;
    const errors: unknown[] = [];
    informer.on('error', (err: unknown) => {
      if (!stopped) errors.push(err);
    });
    const cacheMatchesStore = (): boolean => {
      const cached = new Map(
        informer
          .list()
          .map((p: V1Pod) => [
            `${p.metadata?.namespace}/${p.metadata?.name}`,
            p.metadata?.resourceVersion,
          ]),
      );
      const stored = store.list('Pod');
      return (
        cached.size === stored.length &&
        stored.every(
          p =>
            cached.get(`${p.metadata.namespace}/${p.metadata.name}`) === p.metadata.resourceVersion,
        )
      );
    };
    await informer.start();
    try {
      await eventually(cacheMatchesStore, 10_000, 'initial sync');
      expect(lists).toBe(1);

      // A dropped stream: the informer re-watches from its last resourceVersion, no relist,
      // and still sees what changed while it was disconnected.
      const connectsBefore = connects;
      faults.dropWatchesNow('Pod');
      store.create(podObject('default', 'during-drop', NOW));
      const web1 = store.get('Pod', 'default', 'web-1') as KubeObject;
      store.update({ ...web1, status: { ...(web1.status as object), phase: 'Failed' } });
      store.delete('Pod', 'team-a', 'batch-7');
      await eventually(
        () => connects > connectsBefore && cacheMatchesStore(),
        15_000,
        'resume after drop',
      );
      expect(lists).toBe(1);
      expect(informer.get('web-1', 'default')?.status?.phase).toBe('Failed');
      expect(informer.get('batch-7', 'team-a')).toBeUndefined();

      // A forced 410 on the next watch: the informer relists and re-watches on its own.
      faults.forceExpiredOnNextWatch('Pod');
      faults.dropWatchesNow('Pod');
      store.create(podObject('kube-system', 'during-410', NOW));
      store.delete('Pod', 'default', 'during-drop');
      await eventually(() => lists === 2 && cacheMatchesStore(), 15_000, 'relist after 410');
      store.create(podObject('default', 'after-relist', NOW));
      await eventually(cacheMatchesStore, 15_000, 'live after relist');
      expect(errors).toEqual([]);
    } finally {
      stopped = true;
      await informer.stop();
    }
  });
});
