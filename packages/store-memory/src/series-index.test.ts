import { describe, expect, it } from '@jest/globals';
import { EntityType } from '@heapster/model';
import { SeriesIndex } from './series-index.js';

describe('SeriesIndex', () => {
  it('should find series by the parts of their type only', () => {
    const index = new SeriesIndex();
    index.insert(EntityType.Pod, 0, 'default', 'web', '', 'node-1');
    index.insert(EntityType.PodContainer, 1, 'default', 'web', 'app', 'node-1');
    index.insert(EntityType.SysContainer, 2, '', '', 'kubelet', 'node-1');
    index.insert(EntityType.Cluster, 3, '', '', '', '');
    // A pod's node is not part of its key: found whatever node is asked for.
    expect(index.findNamed(EntityType.Pod, 'default', 'web', '', 'node-2')).toBe(0);
    expect(index.findNamed(EntityType.PodContainer, 'default', 'web', 'app', '')).toBe(1);
    expect(index.findNamed(EntityType.SysContainer, '', '', 'kubelet', 'node-1')).toBe(2);
    expect(index.findNamed(EntityType.Cluster, 'x', '', '', '')).toBe(3);
    expect(index.findNamed(EntityType.Node, '', '', '', 'node-1')).toBe(-1);
    expect(index.findNamed(EntityType.Pod, 'other', 'web', '', '')).toBe(-1);
    expect(index.key(1)).toBe('namespace:default/pod:web/container:app');
    expect(index.key(2)).toBe('node:node-1/container:kubelet');
    expect(index.key(3)).toBe('cluster');
    expect(index.key(9)).toBeUndefined();
  });

  it('should stay consistent through many inserts and removals (probe runs, rehashing)', () => {
    const index = new SeriesIndex();
    const live = new Map<number, string>();
    let next = 0;
    const free: number[] = [];
    // Deterministic pseudo-random churn.
    let seed = 7;
    const random = (): number => ((seed = Math.imul(seed, 48271) % 0x7fffffff) & 0xffff) / 0x10000;
    for (let step = 0; step < 6_000; step++) {
      if (live.size > 0 && random() < 0.45) {
        const slots = [...live.keys()];
        const slot = slots[Math.floor(random() * slots.length)]!;
        index.remove(slot);
        live.delete(slot);
        free.push(slot);
      } else {
        const slot = free.pop() ?? next++;
        const pod = `pod-${step}`;
        index.insert(EntityType.Pod, slot, `ns-${step % 7}`, pod, '', '');
        live.set(slot, `namespace:ns-${step % 7}/pod:${pod}`);
      }
    }
    expect(index.size).toBe(live.size);
    for (const [slot, key] of live) {
      expect(index.key(slot)).toBe(key);
      const [ns, pod] = key.replace('namespace:', '').split('/pod:') as [string, string];
      expect(index.findNamed(EntityType.Pod, ns, pod, '', '')).toBe(slot);
    }
    // Names of removed series are forgotten with them.
    expect(index.strings.size).toBe(
      live.size + new Set([...live.values()].map(k => k.split('/')[0])).size,
    );
  });

  it('should report unknown names as absent without interning them', () => {
    const index = new SeriesIndex();
    expect(index.findNamed(EntityType.Namespace, 'nope', '', '', '')).toBe(-1);
    expect(index.find(EntityType.Namespace, -1, 0, 0, 0)).toBe(-1);
    expect(index.strings.size).toBe(0);
  });
});
