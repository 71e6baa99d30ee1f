import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiServer } from './api-server.js';
import type { ApiServer } from './api-server.js';
import { InMemoryObjectStore } from './in-memory-object-store.js';
import { eventObject } from './testing/fixtures.js';
import { WatchReader } from './testing/http-client.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));

// A BOOKMARK at resourceVersion R promises that every later event of the stream is newer than
// R: a client checkpoints at R. Behind a slow client, a bookmark that took the store's version
// when it was finally written, instead of when it was queued, claimed events still queued behind
// it, and the eventer skipped them (bench/eventer.mjs: InfluxDB missed ~3,000 versions after
// its outage).
describe('API server: bookmarks behind a slow client', () => {
  const store = new InMemoryObjectStore({ now: () => NOW, historyLimit: 100_000 });
  let server: ApiServer;
  let reader: WatchReader | undefined;

  beforeAll(async () => {
    server = await createApiServer({ store, now: () => NOW, bookmarkIntervalSeconds: 0.05 });
  });
  afterAll(async () => {
    reader?.close();
    await server.close();
  });

  it('never claims an event that is still queued behind the bookmark', async () => {
    const from = store.resourceVersion;
    reader = new WatchReader(
      `${server.url}/api/v1/events?watch=1&allowWatchBookmarks=true&resourceVersion=${from}`,
    );
    await reader.waitFor(events => events.some(e => e.type === 'BOOKMARK'));
    reader.pause();
    // About 20 MB: more than the loopback socket buffers hold, so the server queues the rest.
    const message = 'x'.repeat(1000);
    for (let i = 0; i < 20_000; i += 1) {
      store.create(eventObject('default', `backlog-${i}`, NOW, { message }));
    }
    await sleep(200); // bookmarks are queued behind the backlog
    for (let i = 0; i < 500; i += 1) {
      store.create(eventObject('default', `after-${i}`, NOW, { message }));
    }
    const last = store.resourceVersion;
    reader.resume();
    const watcher = reader;
    await watcher.waitFor(
      events => events.some(e => Number(e.object.metadata.resourceVersion) === last),
      30_000,
    );
    const stream = watcher.events.map(e => ({
      type: e.type,
      rv: Number(e.object.metadata.resourceVersion),
    }));
    const firstBacklog = stream.findIndex(e => e.type !== 'BOOKMARK');
    expect(stream.slice(firstBacklog).filter(e => e.type === 'BOOKMARK').length).toBeGreaterThan(0);
    // Every event is newer than everything before it, bookmarks included.
    let floor = from;
    for (const event of stream) {
      if (event.type !== 'BOOKMARK') expect(event.rv).toBeGreaterThan(floor);
      floor = Math.max(floor, event.rv);
    }
  });
});
