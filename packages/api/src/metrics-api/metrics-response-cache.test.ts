import { describe, expect, it } from '@jest/globals';
import { RecentStore } from '@heapster/store-memory';
import { buildBatch, directoriesOf, type ClusterSpec } from '../testing/metrics-fixtures.js';
import { randomCluster } from '../testing/random-cluster.js';
import type { MetricsVersion } from './metrics-json.js';
import { PLAIN_QUERY } from './metrics-lists.js';
import { MetricsResponseCache } from './metrics-response-cache.js';

const NOW = Date.parse('2026-08-01T12:00:00Z');

function cacheOver(spec: ClusterSpec, freeze: boolean) {
  const store = new RecentStore({ resolutionMs: 15_000 });
  const { batch, windows } = buildBatch(spec);
  store.add(batch, windows);
  const { nodes, pods } = directoriesOf(spec, NOW - 86_400_000);
  // The informer's label maps are frozen (and so rendered once each, see MetricsJson).
  const frozenLabels = new Map(
    spec.pods.map(p => [`${p.namespace}/${p.name}`, Object.freeze({ ...p.labels })]),
  );
  const frozen = {
    getPod: (namespace: string, name: string) => {
      const labels = frozenLabels.get(`${namespace}/${name}`);
      return labels === undefined ? undefined : { labels };
    },
  };
  const cache = new MetricsResponseCache({
    store,
    resolutionMs: 15_000,
    nodes,
    pods: freeze ? frozen : pods,
    now: () => NOW,
    sliceMs: 0.01,
  });
  return { cache, store };
}

describe('MetricsResponseCache: rendered lists equal per-request rendering', () => {
  it('byte for byte: all pods, every namespace, nodes, both versions', async () => {
    for (const [seed, pods, freeze] of [
      [11, 0, false],
      [12, 1, true],
      [13, 300, false],
      [14, 4_000, true],
    ] as const) {
      const spec = randomCluster(seed, pods);
      const { cache } = cacheOver(spec, freeze);
      const lists = cache.lists()!;
      const namespaces = [...new Set(spec.pods.map(p => p.namespace)), 'absent', ''];
      for (const version of ['v1beta1', 'v1alpha1'] as MetricsVersion[]) {
        const all = await cache.list('pods', version);
        expect(all?.toString()).toBe(lists.pods(PLAIN_QUERY, version).toString());
        for (const namespace of namespaces) {
          const cut = await cache.list('pods', version, namespace);
          expect(cut?.toString()).toBe(lists.pods(PLAIN_QUERY, version, namespace).toString());
        }
        const nodes = await cache.list('nodes', version);
        expect(nodes?.toString()).toBe(lists.nodes(PLAIN_QUERY, version).toString());
      }
      // The lists are valid JSON whose items are the pods served.
      const parsed = JSON.parse((await cache.list('pods', 'v1beta1'))!.toString());
      expect(parsed.items).toHaveLength(lists.snapshot.podCount);
      expect(cache.stats().pods.renders).toBe(1);
    }
  });

  it('cuts namespaces only from a list already rendered, never renders them all for one', async () => {
    const { cache } = cacheOver(randomCluster(21, 50), false);
    expect(await cache.list('pods', 'v1beta1', 'default')).toBeUndefined();
    expect(cache.stats().pods.renders).toBe(0);
    await cache.list('pods', 'v1beta1');
    expect(await cache.list('pods', 'v1beta1', 'default')).toBeInstanceOf(Buffer);
  });

  it('has nothing before the first batch and refuses bad options, naming them', async () => {
    const store = new RecentStore({ resolutionMs: 15_000 });
    const cache = new MetricsResponseCache({ store, resolutionMs: 15_000 });
    expect(await cache.list('pods', 'v1beta1')).toBeUndefined();
    expect(cache.lists()).toBeUndefined();
    cache.prepare();
    expect(() => new MetricsResponseCache({ store, resolutionMs: 1, sliceMs: 0 })).toThrow(
      /sliceMs/,
    );
    expect(
      () => new MetricsResponseCache({ store, resolutionMs: 1, prerenderWindowMs: -1 }),
    ).toThrow(/prerenderWindowMs/);
  });
});
