import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiFaults } from './api-faults.js';
import { createApiServer } from './api-server.js';
import type { ApiServer } from './api-server.js';
import { InMemoryObjectStore } from './in-memory-object-store.js';
import { nodeObject, populateSmallCluster } from './testing/fixtures.js';
import { WatchReader, httpRequest } from './testing/http-client.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('API faults', () => {
  const store = new InMemoryObjectStore({ now: () => NOW });
  const faults = new ApiFaults({ seed: 7 });
  let server: ApiServer;
  const readers: WatchReader[] = [];
  const watch = (path: string): WatchReader => {
    const reader = new WatchReader(`${server.url}${path}`);
    readers.push(reader);
    return reader;
  };

  beforeAll(async () => {
    populateSmallCluster(store, NOW);
    server = await createApiServer({ store, faults });
  });
  afterAll(async () => {
    readers.forEach(r => r.close());
    await server.close();
  });

  it('ends every watch stream a set time after it started, per kind', async () => {
    faults.setWatchDropAfter(200, 'Pod');
    try {
      const pods = watch('/api/v1/pods?watch=true');
      const nodes = watch('/api/v1/nodes?watch=true');
      expect(await pods.ended).toBe('end');
      await nodes.waitFor(e => e.length === 3);
      store.create(nodeObject('node-late', NOW));
      await nodes.waitFor(e => e.length === 4);
      nodes.close();
    } finally {
      faults.setWatchDropAfter(undefined, 'Pod');
    }
  });

  it('drops open watches now: cleanly by default, as a reset connection in reset mode', async () => {
    const events = watch('/api/v1/events?watch=true');
    const pods = watch('/api/v1/pods?watch=true');
    await events.waitFor(e => e.length === 3);
    await pods.waitFor(e => e.length > 0);
    faults.dropWatchesNow('Event');
    expect(await events.ended).toBe('end');
    faults.setWatchDropMode('reset');
    try {
      faults.dropWatchesNow();
      expect(await pods.ended).not.toBe('end');
    } finally {
      faults.setWatchDropMode('end');
    }
  });

  it('forces 410 Expired on the next watch, then watches work again', async () => {
    faults.forceExpiredOnNextWatch('Node');
    const expired = watch(`/api/v1/nodes?watch=true&resourceVersion=${store.resourceVersion}`);
    expect(await expired.ended).toBe('end');
    expect(expired.events[0]).toMatchObject({
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Expired' },
    });
    const fine = watch(`/api/v1/nodes?watch=true&resourceVersion=${store.resourceVersion}`);
    store.create(nodeObject('node-after-410', NOW));
    await fine.waitFor(e => e.length === 1);
    expect(fine.events[0]?.type).toBe('ADDED');
  });

  it('expires watches from resourceVersions older than a threshold', async () => {
    faults.setExpireWatchesOlderThan(store.resourceVersion);
    try {
      const old = watch(`/api/v1/pods?watch=true&resourceVersion=${store.resourceVersion - 1}`);
      expect(await old.ended).toBe('end');
      expect(old.events[0]?.object.code).toBe(410);
      const current = watch(
        `/api/v1/pods?watch=true&resourceVersion=${store.resourceVersion}&timeoutSeconds=1`,
      );
      expect(await current.ended).toBe('end');
      expect(current.events).toEqual([]);
    } finally {
      faults.setExpireWatchesOlderThan(undefined);
    }
  });

  it('slows lists down by the configured delay', async () => {
    faults.setListDelay(300, 'Namespace');
    try {
      const started = Date.now();
      const res = await httpRequest(`${server.url}/api/v1/namespaces`);
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      faults.setListDelay(undefined, 'Namespace');
    }
  });

  it('fails lists with the configured status, per kind or for all kinds', async () => {
    faults.setListFailure({ status: 503 }, 'Pod');
    try {
      const failed = await httpRequest(`${server.url}/api/v1/pods`);
      expect(failed.status).toBe(503);
      expect(failed.headers['retry-after']).toBe('1');
      expect(failed.json).toMatchObject({
        kind: 'Status',
        reason: 'ServiceUnavailable',
        code: 503,
      });
      expect((await httpRequest(`${server.url}/api/v1/nodes`)).status).toBe(200);
      expect((await httpRequest(`${server.url}/api/v1/namespaces/default/pods/web-1`)).status).toBe(
        200,
      );
      faults.setListFailure({ status: 500 });
      expect((await httpRequest(`${server.url}/api/v1/nodes`)).json).toMatchObject({
        reason: 'InternalError',
        code: 500,
      });
    } finally {
      faults.reset();
    }
    expect((await httpRequest(`${server.url}/api/v1/pods`)).status).toBe(200);
  });

  it('fails a share of lists when given a percentage', async () => {
    const rolls = [0.1, 0.9, 0.2, 0.8];
    const scripted = new ApiFaults({ random: () => rolls.shift() ?? 0 });
    const s2 = await createApiServer({ store, faults: scripted });
    try {
      scripted.setListFailure({ status: 429, percent: 50 });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1)
        statuses.push((await httpRequest(`${s2.url}/api/v1/nodes`)).status);
      expect(statuses).toEqual([429, 200, 429, 200]);
    } finally {
      await s2.close();
    }
  });

  it('validates fault settings and reports them', () => {
    expect(() => faults.setListFailure({ status: 200 })).toThrow(
      'listFailure.status must be an HTTP error status 400-599, got 200',
    );
    expect(() => faults.setListFailure({ status: 500, percent: 120 })).toThrow(
      'listFailure.percent must be within 0-100, got 120',
    );
    expect(() => faults.setWatchDropAfter(-1)).toThrow(
      'watchDropAfterMs must be a non-negative number, got -1',
    );
    faults.setListDelay(50, 'Event');
    expect(faults.snapshot()).toMatchObject({ listDelayMs: { Event: 50 }, watchDropMode: 'end' });
    faults.reset();
    expect(faults.snapshot().listDelayMs).toEqual({});
  });
});
