import { afterEach, describe, expect, it } from '@jest/globals';
import { KubeApiClient } from './api-client.js';
import { listPages, type ListPage } from './list-pages.js';
import { eventJson } from './testing/fixtures.js';
import { asNew, startKubesimApi, type KubesimApi } from './testing/kubesim-api.js';

let api: KubesimApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** Counts GETs, and can hold the caller between pages to see what was requested meanwhile. */
class CountingClient extends KubeApiClient {
  started = 0;
  override getJson(...args: Parameters<KubeApiClient['getJson']>): Promise<unknown> {
    this.started += 1;
    return super.getJson(...args);
  }
}

async function withEvents(count: number): Promise<KubesimApi> {
  api = await startKubesimApi();
  for (let i = 0; i < count; i++)
    api.store.create(asNew(eventJson(`ns-${i % 3}`, `event-${String(i).padStart(3, '0')}`)));
  return api;
}

const names = (pages: readonly ListPage[]): string[] =>
  pages.flatMap(page =>
    page.items.map(item => (item as { metadata: { name: string } }).metadata.name),
  );

describe('listPages', () => {
  it('hands out the same pages with and without prefetch', async () => {
    const sim = await withEvents(25);
    const read = async (prefetch: boolean): Promise<ListPage[]> => {
      const pages: ListPage[] = [];
      for await (const page of listPages(sim.client, '/api/v1/events', { pageSize: 10, prefetch }))
        pages.push(page);
      return pages;
    };
    const plain = await read(false);
    const prefetched = await read(true);
    expect(plain.map(page => page.items.length)).toEqual([10, 10, 5]);
    expect(names(prefetched)).toEqual(names(plain));
    expect(new Set(prefetched.map(page => page.resourceVersion))).toEqual(
      new Set(plain.map(page => page.resourceVersion)),
    );
  });

  it('requests the next page while the caller works on this one, never two ahead', async () => {
    const sim = await withEvents(25);
    const client = new CountingClient(sim.client.kubeConfig);
    const seenAt: number[] = [];
    for await (const page of listPages(client, '/api/v1/events', {
      pageSize: 10,
      prefetch: true,
    })) {
      // Give a prefetch every chance to run ahead before looking.
      await new Promise(resolve => setTimeout(resolve, 50));
      seenAt.push(client.started);
      expect(page.items.length).toBeGreaterThan(0);
    }
    expect(seenAt).toEqual([2, 3, 3]);
    const plain = new CountingClient(sim.client.kubeConfig);
    const plainSeen: number[] = [];
    for await (const _page of listPages(plain, '/api/v1/events', { pageSize: 10 })) {
      await new Promise(resolve => setTimeout(resolve, 50));
      plainSeen.push(plain.started);
    }
    expect(plainSeen).toEqual([1, 2, 3]);
  });

  it('abandons the prefetched page when the caller stops early', async () => {
    const sim = await withEvents(25);
    const client = new CountingClient(sim.client.kubeConfig);
    const pages: ListPage[] = [];
    for await (const page of listPages(client, '/api/v1/events', {
      pageSize: 10,
      prefetch: true,
    })) {
      pages.push(page);
      break;
    }
    expect(pages).toHaveLength(1);
    expect(client.started).toBe(2);
    // The aborted prefetch settles quietly (an unhandled rejection would fail the run).
    await new Promise(resolve => setTimeout(resolve, 50));
  });
});
