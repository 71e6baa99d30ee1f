import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiServer } from './api-server.js';
import type { ApiServer } from './api-server.js';
import { InMemoryObjectStore } from './in-memory-object-store.js';
import type { KubeObject } from './object-store.js';
import { eventObject, podObject, populateSmallCluster } from './testing/fixtures.js';
import { TABLE_ACCEPT, WatchReader } from './testing/http-client.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const names = (reader: WatchReader): string[] =>
  reader.events.map(e => `${e.type} ${e.object.metadata?.name ?? ''}`);

describe('API server: watch', () => {
  const store = new InMemoryObjectStore({ now: () => NOW, historyLimit: 50 });
  let server: ApiServer;
  const readers: WatchReader[] = [];
  const watch = (path: string, headers?: Record<string, string>): WatchReader => {
    const reader = new WatchReader(`${server.url}${path}`, headers);
    readers.push(reader);
    return reader;
  };

  beforeAll(async () => {
    populateSmallCluster(store, NOW);
    server = await createApiServer({ store, now: () => NOW, bookmarkIntervalSeconds: 0.1 });
  });
  afterAll(async () => {
    readers.forEach(r => r.close());
    await server.close();
  });

  it('sends the current state as ADDED, then live changes, chunked, one JSON per line', async () => {
    const reader = watch('/api/v1/namespaces/default/pods?watch=true');
    await reader.waitFor(e => e.length === 3);
    expect(reader.headers['transfer-encoding']).toBe('chunked');
    expect(reader.headers['content-type']).toBe('application/json');
    expect(names(reader)).toEqual(['ADDED db-0', 'ADDED web-1', 'ADDED web-2']);
    const pod = store.create(podObject('default', 'w-live', NOW));
    store.create(podObject('team-a', 'elsewhere', NOW));
    store.update({ ...pod, metadata: { ...pod.metadata, labels: { x: 'y' } } });
    store.delete('Pod', 'default', 'w-live');
    await reader.waitFor(e => e.length === 6);
    expect(names(reader).slice(3)).toEqual(['ADDED w-live', 'MODIFIED w-live', 'DELETED w-live']);
    expect(reader.events[5]?.object.metadata.resourceVersion).toBe(String(store.resourceVersion));
  });

  it('replays history after a resourceVersion, then continues live', async () => {
    const from = store.resourceVersion;
    const a = store.create(eventObject('default', 'replay-a', NOW));
    store.update({ ...a, count: 2 } as KubeObject);
    const reader = watch(`/api/v1/events?watch=1&resourceVersion=${from}`);
    await reader.waitFor(e => e.length === 2);
    store.create(eventObject('kube-system', 'replay-b', NOW));
    await reader.waitFor(e => e.length === 3);
    expect(names(reader)).toEqual(['ADDED replay-a', 'MODIFIED replay-a', 'ADDED replay-b']);
  });

  it('sends ERROR 410 Expired and ends the stream for a resourceVersion older than the history', async () => {
    for (let i = 0; i < 60; i += 1) store.create(eventObject('default', `churn-${i}`, NOW));
    const reader = watch('/api/v1/events?watch=true&resourceVersion=2');
    expect(await reader.ended).toBe('end');
    expect(reader.status).toBe(200);
    expect(reader.events).toEqual([
      {
        type: 'ERROR',
        object: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          reason: 'Expired',
          code: 410,
          message: `too old resource version: 2 (${store.oldestResumableResourceVersion('Event')})`,
        },
      },
    ]);
  });

  it('applies selectors like the watch cache: leaving the selection is DELETED, entering is ADDED', async () => {
    const reader = watch(
      `/api/v1/pods?watch=true&labelSelector=app%3Dweb&resourceVersion=${store.resourceVersion}`,
    );
    const web1 = store.get('Pod', 'default', 'web-1') as KubeObject;
    const moved = store.update({ ...web1, metadata: { ...web1.metadata, labels: { app: 'db' } } });
    store.update({ ...moved, metadata: { ...moved.metadata, labels: { app: 'web' } } });
    store.create(podObject('default', 'not-web', NOW, { labels: { app: 'other' } }));
    store.create(podObject('team-a', 'web-3', NOW, { labels: { app: 'web' } }));
    await reader.waitFor(e => e.length === 3);
    expect(names(reader)).toEqual(['DELETED web-1', 'ADDED web-1', 'ADDED web-3']);
    expect(reader.events[0]?.object.metadata.labels).toEqual({ app: 'web', tier: 'frontend' });
    expect(reader.events[0]?.object.metadata.resourceVersion).toBe(moved.metadata.resourceVersion);
    const byField = watch('/api/v1/pods?watch=true&fieldSelector=spec.nodeName%3Dnode-a');
    await byField.waitFor(e => e.length === 2);
    expect(names(byField)).toEqual(['ADDED db-0', 'ADDED coredns-74ff55c5b-x2x9z']);
  });

  it('watches one object by name and through the /watch/ prefix', async () => {
    const one = watch('/api/v1/namespaces/default/pods/web-2?watch=true');
    const prefixed = watch('/api/v1/watch/namespaces/default/pods/web-2');
    await one.waitFor(e => e.length === 1);
    await prefixed.waitFor(e => e.length === 1);
    const web2 = store.get('Pod', 'default', 'web-2') as KubeObject;
    store.update({ ...web2, status: { phase: 'Failed' } });
    store.update({
      ...(store.get('Pod', 'default', 'db-0') as KubeObject),
      status: { phase: 'Failed' },
    });
    await one.waitFor(e => e.length === 2);
    await prefixed.waitFor(e => e.length === 2);
    expect(names(one)).toEqual(['ADDED web-2', 'MODIFIED web-2']);
    expect(names(prefixed)).toEqual(names(one));
  });

  it('sends BOOKMARK events only when allowed', async () => {
    const withBookmarks = watch(
      `/api/v1/nodes?watch=true&allowWatchBookmarks=true&resourceVersion=${store.resourceVersion}`,
    );
    const without = watch(`/api/v1/nodes?watch=true&resourceVersion=${store.resourceVersion}`);
    await withBookmarks.waitFor(e => e.filter(x => x.type === 'BOOKMARK').length >= 2);
    expect(withBookmarks.events[0]).toEqual({
      type: 'BOOKMARK',
      object: {
        kind: 'Node',
        apiVersion: 'v1',
        metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
      },
    });
    const node = store.get('Node', undefined, 'node-b') as KubeObject;
    store.update({
      ...node,
      metadata: { ...node.metadata, labels: { ...node.metadata.labels, touched: 'yes' } },
    });
    await without.waitFor(e => e.length === 1);
    expect(names(without)).toEqual(['MODIFIED node-b']);
  });

  it('ends the stream after timeoutSeconds', async () => {
    const reader = watch('/api/v1/namespaces?watch=true&timeoutSeconds=1');
    expect(await reader.ended).toBe('end');
    expect(reader.events.map(e => e.type)).toEqual(['ADDED', 'ADDED', 'ADDED']);
  });

  it('streams Tables with column definitions only in the first event (kubectl get --watch)', async () => {
    const reader = watch(`/api/v1/events?watch=true&resourceVersion=${store.resourceVersion}`, {
      accept: TABLE_ACCEPT,
    });
    const e1 = store.create(
      eventObject('default', 'table-1', NOW - 5000, {
        reason: 'Pulled',
        message: 'Container image pulled',
      }),
    );
    store.update({ ...e1, count: 2, lastTimestamp: '2026-11-22T12:00:00Z' } as KubeObject);
    await reader.waitFor(e => e.length === 2);
    const [first, second] = reader.events;
    expect(first?.object.kind).toBe('Table');
    expect(
      first?.object.columnDefinitions.map((c: { name: string }) => c.name).slice(0, 4),
    ).toEqual(['Last Seen', 'Type', 'Reason', 'Object']);
    expect(first?.object.rows[0].cells.slice(0, 4)).toEqual([
      '5s',
      'Normal',
      'Pulled',
      'pod/web-1',
    ]);
    expect(first?.object.rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      metadata: { name: 'table-1', namespace: 'default' },
    });
    expect(second?.type).toBe('MODIFIED');
    expect(second?.object.columnDefinitions).toBeNull();
    expect(second?.object.rows[0].cells[0]).toBe('0s');
  });

  it('rejects malformed watch parameters with 400 before streaming', async () => {
    const reader = watch('/api/v1/pods?watch=true&resourceVersion=abc');
    await reader.ended;
    expect(reader.status).toBe(400);
  });
});
