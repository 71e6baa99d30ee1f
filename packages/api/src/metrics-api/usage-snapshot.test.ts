import { describe, expect, it } from '@jest/globals';
import { EntityType } from '@heapster/model';
import { RecentStore } from '@heapster/store-memory';
import { buildBatch } from '../testing/metrics-fixtures.js';
import { UsageSnapshot } from './usage-snapshot.js';

describe('UsageSnapshot', () => {
  const { batch, windows } = buildBatch({
    timestamp: 60_000,
    nodes: [],
    pods: [
      { namespace: 'b', name: 'z', node: 'n', containers: [{ name: 'c', cpu: 1, memory: 2 }] },
      { namespace: 'a', name: 'y', node: 'n', containers: [{ name: 'c', cpu: 1, memory: 2 }] },
      { namespace: 'B', name: 'x', node: 'n', containers: [{ name: 'c', cpu: 1, memory: 2 }] },
    ],
  });
  const podRowWindows = (type: EntityType, row: number) =>
    type === EntityType.Pod && row === 1 ? 30_000 : windows(type, row);

  it('sorts by byte order and finds pods and namespace ranges', () => {
    const store = new RecentStore({ resolutionMs: 15_000 });
    store.add(batch, podRowWindows);
    const snapshot = UsageSnapshot.of(store.latest()!, 15_000);
    const names = Array.from({ length: snapshot.podCount }, (_, i) => snapshot.podName(i));
    expect(names).toEqual(['x', 'y', 'z']);
    expect(snapshot.findPod('a', 'y')).toBe(1);
    expect(snapshot.findPod('a', 'z')).toBe(-1);
    expect(snapshot.namespaceRange('b')).toEqual([2, 3]);
    expect(snapshot.namespaceRange('c')).toEqual([3, 3]);
  });

  it("falls back to the pod row's window, then to the resolution", () => {
    const store = new RecentStore({ resolutionMs: 15_000 });
    store.add(batch, podRowWindows);
    const snapshot = UsageSnapshot.of(store.latest()!, 15_000);
    // Pod row 1 is a/y: no container window, the pod's own 30 s; the others the resolution.
    expect([0, 1, 2].map(i => snapshot.podWindowMs(i))).toEqual([15_000, 30_000, 15_000]);
  });
});
