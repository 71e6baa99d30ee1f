import { afterEach, describe, expect, it } from '@jest/globals';
import type { KubeEvent } from '@heapster/model';
import { waitFor } from '@heapster/testing';
import {
  watchEvents,
  type EventChangeType,
  type EventWatch,
  type WatchEventsOptions,
} from './event-watch.js';
import { eventJson } from './testing/fixtures.js';
import { asNew, startKubesimApi, type KubesimApi } from './testing/kubesim-api.js';

const FAST_BACKOFF = { baseMs: 20, maxMs: 200 };
let api: KubesimApi | undefined;
let watch: EventWatch | undefined;

afterEach(async () => {
  await watch?.stop();
  await api?.close();
  watch = undefined;
  api = undefined;
});

interface Seen {
  readonly type: EventChangeType;
  readonly listed: boolean;
  readonly key: string;
  readonly event: KubeEvent;
}

function record(api: KubesimApi, options: Partial<WatchEventsOptions> = {}) {
  const seen: Seen[] = [];
  const listed: { resourceVersion: string; count: number }[] = [];
  const bookmarks: string[] = [];
  let expired = 0;
  watch = watchEvents({
    client: api.client,
    backoff: FAST_BACKOFF,
    onEvent: (type, event, isListed) => {
      seen.push({
        type,
        listed: isListed,
        key: `${event.metadata.uid}/${event.metadata.resourceVersion}`,
        event,
      });
    },
    onListed: (resourceVersion, count) => {
      listed.push({ resourceVersion, count });
    },
    onBookmark: rv => {
      bookmarks.push(rv);
    },
    onExpired: () => {
      expired += 1;
    },
    ...options,
  });
  return { seen, listed, bookmarks, expired: () => expired, watch };
}

function createEvents(api: KubesimApi, prefix: string, count: number): void {
  for (let i = 0; i < count; i += 1)
    api.store.create(asNew(eventJson('shop', `${prefix}.${i}`, { message: `m${i}` })));
}

describe('watchEvents against kubesim', () => {
  it('lists every event page by page, then watches ADDED, MODIFIED and DELETED from the list version', async () => {
    api = await startKubesimApi();
    createEvents(api, 'old', 1203);
    const listVersion = String(api.store.resourceVersion);
    const { seen, listed } = record(api, { pageSize: 500 });
    await waitFor(() => listed.length === 1, { description: 'the list' });
    expect(listed).toEqual([{ resourceVersion: listVersion, count: 1203 }]);
    expect(seen).toHaveLength(1203);
    expect(seen.every(s => s.type === 'ADDED' && s.listed)).toBe(true);

    createEvents(api, 'new', 3);
    const first = api.store.get('Event', 'shop', 'new.0')!;
    api.store.update({ ...first, count: 2, lastTimestamp: '2026-11-21T10:05:00.5Z' });
    api.store.delete('Event', 'shop', 'new.1');
    await waitFor(() => seen.length === 1203 + 5, { description: 'five watch events' });
    expect(seen.slice(1203).map(s => `${s.type} ${s.event.metadata.name} ${s.listed}`)).toEqual([
      'ADDED new.0 false',
      'ADDED new.1 false',
      'ADDED new.2 false',
      'MODIFIED new.0 false',
      'DELETED new.1 false',
    ]);
    const modified = seen[1203 + 3]!.event;
    expect(modified.count).toBe(2);
    // The timestamp exactly as the server sent it, not a Date re-serialised.
    expect(modified.lastTimestamp).toBe('2026-11-21T10:05:00.5Z');
    expect(watch!.resourceVersion).toBe(String(api.store.resourceVersion));
  });

  it.each(['end', 'reset'] as const)(
    'loses and repeats nothing across dropped streams (%s)',
    async mode => {
      api = await startKubesimApi();
      createEvents(api, 'before', 50);
      const { seen, listed } = record(api);
      await waitFor(() => listed.length === 1, { description: 'the list' });
      api.server.faults.setWatchDropMode(mode);
      api.server.faults.setWatchDropAfter(40, 'Event');
      api.server.faults.dropWatchesNow('Event'); // the open watch predates the fault
      for (let round = 0; round < 8; round += 1) {
        createEvents(api, `r${round}`, 60);
        const bump = api.store.get('Event', 'shop', `before.${round}`)!;
        api.store.update({ ...bump, count: 2 });
        const watches = watch!.stats.watches;
        await waitFor(() => watch!.stats.watches > watches, { description: 'a reconnect' });
      }
      const expected = 50 + 8 * 61;
      await waitFor(
        () =>
          seen.length >= expected && watch!.resourceVersion === String(api!.store.resourceVersion),
        {
          description: 'every change',
        },
      );
      const keys = seen.map(s => s.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toHaveLength(expected);
      const stored = api.store
        .changesSince('Event', 1)!
        .map(c => `${c.object.metadata.uid}/${c.object.metadata.resourceVersion}`);
      expect(keys.sort()).toEqual(stored.sort());
      expect(watch!.stats.watches).toBeGreaterThan(8);
    },
  );

  it('resumes from a checkpoint without listing, and reports a 410 instead of relisting', async () => {
    api = await startKubesimApi();
    createEvents(api, 'seen', 5);
    const checkpoint = String(api.store.resourceVersion);
    createEvents(api, 'unseen', 3);
    const resumed = record(api, { fromResourceVersion: checkpoint });
    await waitFor(() => resumed.seen.length === 3, { description: 'the three newer events' });
    expect(resumed.listed).toEqual([]);
    expect(resumed.seen.map(s => s.event.metadata.name)).toEqual([
      'unseen.0',
      'unseen.1',
      'unseen.2',
    ]);
    await watch!.stop();

    api.server.faults.setExpireWatchesOlderThan(api.store.resourceVersion, 'Event');
    const stale = record(api, { fromResourceVersion: checkpoint });
    await expect(stale.watch.done).resolves.toBe('expired');
    expect(stale.expired()).toBe(1);
    expect(stale.seen).toEqual([]);
  });

  it('passes bookmarks on and resumes from them', async () => {
    const urls: string[] = [];
    const extraRoutes = (_req: unknown, _res: unknown, url: URL): boolean => {
      urls.push(url.search);
      return false;
    };
    api = await startKubesimApi({ server: { bookmarkIntervalSeconds: 0.05, extraRoutes } });
    createEvents(api, 'a', 2);
    const { bookmarks, listed } = record(api);
    await waitFor(() => listed.length === 1, { description: 'the list' });
    // Another kind moves the global resourceVersion: only a bookmark tells the event watch.
    api.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    const moved = String(api.store.resourceVersion);
    await waitFor(() => bookmarks.includes(moved), {
      description: 'a bookmark at the new version',
    });
    expect(watch!.resourceVersion).toBe(moved);
    api.server.faults.dropWatchesNow('Event');
    await waitFor(() => watch!.stats.watches === 2, { description: 'a reconnect' });
    await waitFor(
      () => urls.some(url => url.includes('watch=1') && url.includes(`resourceVersion=${moved}`)),
      {
        description: 'the reconnect to start at the bookmark',
      },
    );
  });

  it('applies backpressure: the next event waits for the previous one to be taken', async () => {
    api = await startKubesimApi();
    createEvents(api, 'slow', 30);
    let inFlight = 0;
    let maxInFlight = 0;
    const names: string[] = [];
    watch = watchEvents({
      client: api.client,
      onEvent: async (_type, event) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise(resolve => setImmediate(resolve));
        names.push(event.metadata.name);
        inFlight -= 1;
      },
      onExpired: () => undefined,
    });
    await waitFor(() => names.length === 30, { description: 'thirty events' });
    createEvents(api, 'live', 30);
    await waitFor(() => names.length === 60, { description: 'sixty events' });
    expect(maxInFlight).toBe(1);
    expect(names.slice(30)).toEqual([...Array(30).keys()].map(i => `live.${i}`));
  });

  it('stops cleanly', async () => {
    api = await startKubesimApi();
    const { watch: local } = record(api);
    await waitFor(() => local.stats.watches === 1, { description: 'the watch' });
    await local.stop();
    await expect(local.done).resolves.toBe('stopped');
  });
});
