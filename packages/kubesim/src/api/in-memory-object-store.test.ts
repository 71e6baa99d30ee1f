import { describe, expect, it } from '@jest/globals';
import { InMemoryObjectStore, ObjectStoreError } from './in-memory-object-store.js';
import type { StoreChange } from './object-store.js';
import { eventObject, nodeObject, podObject } from './testing/fixtures.js';

const T0 = Date.parse('2026-11-22T00:00:00Z');

describe('InMemoryObjectStore', () => {
  it('assigns global, monotonic resourceVersions, uids and creation timestamps from the clock', () => {
    const store = new InMemoryObjectStore({ now: () => T0 + 1500 });
    expect(store.resourceVersion).toBe(1);
    const node = store.create({ ...nodeObject('node-a', T0), metadata: { name: 'node-a' } });
    const pod = store.create(podObject('default', 'p', T0));
    expect(node.metadata.resourceVersion).toBe('2');
    expect(pod.metadata.resourceVersion).toBe('3');
    expect(node.metadata.creationTimestamp).toBe('2026-11-22T00:00:01Z');
    expect(node.metadata.uid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(node.metadata.namespace).toBeUndefined();
    const updated = store.update({ ...pod, status: { phase: 'Succeeded' } });
    expect(updated.metadata.resourceVersion).toBe('4');
    expect(updated.metadata.uid).toBe(pod.metadata.uid);
    const deleted = store.delete('Pod', 'default', 'p');
    expect(deleted?.metadata.resourceVersion).toBe('5');
    expect(store.resourceVersion).toBe(5);
    expect(store.get('Pod', 'default', 'p')).toBeUndefined();
  });

  it('generates the same uids for the same seed and different ones for another seed', () => {
    const uids = (seed: string): string[] => {
      const store = new InMemoryObjectStore({ seed });
      return ['a', 'b'].map(n => store.create(nodeObject(n, T0)).metadata.uid);
    };
    expect(uids('x')).toEqual(uids('x'));
    expect(uids('x')).not.toEqual(uids('y'));
  });

  it('lists in etcd key order, by namespace, lazily from a key', () => {
    const store = new InMemoryObjectStore();
    for (const [ns, name] of [
      ['b', 'p2'],
      ['a-b', 'p1'],
      ['a', 'p9'],
      ['b', 'p1'],
      ['a', 'p10'],
    ] as const) {
      store.create(podObject(ns, name, T0));
    }
    const keys = (objects: { metadata: { namespace?: string; name: string } }[]): string[] =>
      objects.map(o => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(keys(store.list('Pod'))).toEqual(['a-b/p1', 'a/p10', 'a/p9', 'b/p1', 'b/p2']);
    expect(keys(store.list('Pod', 'a'))).toEqual(['a/p10', 'a/p9']);
    expect(keys([...store.scan('Pod', { fromKey: 'a/p9\u0000' })])).toEqual(['b/p1', 'b/p2']);
    expect(keys([...store.scan('Pod', { namespace: 'a', fromKey: 'a/p10\u0000' })])).toEqual([
      'a/p9',
    ]);
    expect(store.count('Pod')).toBe(5);
    expect(store.count('Pod', 'a')).toBe(2);
    expect(store.count('Pod', 'zzz')).toBe(0);
  });

  it('keeps a bounded per-kind history and reports too-old resourceVersions', () => {
    const store = new InMemoryObjectStore({ historyLimit: 3 });
    store.create(nodeObject('n', T0)); // rv 2
    for (let i = 0; i < 5; i += 1) store.create(eventObject('default', `e${i}`, T0)); // rv 3..7
    expect(store.changesSince('Node', 1)?.map(c => c.resourceVersion)).toEqual([2]);
    expect(store.changesSince('Event', 4)?.map(c => c.resourceVersion)).toEqual([5, 6, 7]);
    expect(store.changesSince('Event', 3)).toBeUndefined();
    expect(store.oldestResumableResourceVersion('Event')).toBe(4);
    expect(store.oldestResumableResourceVersion('Node')).toBe(1);
    expect(store.oldestRetainedResourceVersion).toBe(4);
    expect(store.changesSince('Event', 7)).toEqual([]);
  });

  it('notifies subscribers with the previous object, and unsubscribes', () => {
    const store = new InMemoryObjectStore();
    const seen: StoreChange[] = [];
    const off = store.subscribe('Pod', c => seen.push(c));
    const pod = store.create(podObject('default', 'p', T0));
    store.update({ ...pod, status: { phase: 'Failed' } });
    store.delete('Pod', 'default', 'p');
    off();
    store.create(podObject('default', 'q', T0));
    expect(seen.map(c => c.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(seen[1]?.previous).toBe(pod);
    expect((seen[2]?.previous?.status as { phase: string }).phase).toBe('Failed');
  });

  it('rejects duplicates, missing objects and missing namespaces with a reason', () => {
    const store = new InMemoryObjectStore();
    store.create(nodeObject('n', T0));
    expect(() => store.create(nodeObject('n', T0))).toThrow(
      new ObjectStoreError('AlreadyExists', 'Node "n" already exists'),
    );
    const pod = {
      ...podObject('default', 'p', T0),
      metadata: { name: 'p', uid: '', resourceVersion: '', creationTimestamp: '' },
    };
    expect(() =>
      store.update({
        ...pod,
        kind: 'Pod',
        apiVersion: 'v1',
        metadata: { ...pod.metadata, namespace: 'default' },
      }),
    ).toThrow('Pod "default/p" not found');
    expect(() => store.create({ ...podObject('x', 'p', T0), metadata: { name: 'p' } })).toThrow(
      'Pod "p": metadata.namespace is required',
    );
    expect(() => new InMemoryObjectStore({ historyLimit: 0 })).toThrow(
      'historyLimit must be a positive integer, got 0',
    );
  });
});
