import { describe, expect, it } from '@jest/globals';
import type { LatestBatch } from '@heapster/store-memory';
import { ListRendition } from './list-rendition.js';
import { RenderedList } from './rendered-list.js';

const batch = (timestamp: number) => ({ batch: { timestamp } }) as unknown as LatestBatch;
const listOf = (latest: LatestBatch) =>
  new RenderedList('PodMetricsList', Buffer.from(`batch ${latest.batch.timestamp}`), new Map());
const text = (list: RenderedList) => list.body('v1beta1').toString();

/** A rendition whose renderings finish when the test says so. */
function controlled(windowMs = 60_000) {
  let now = 0;
  const pending: { latest: LatestBatch; finish: () => void; fail: () => void }[] = [];
  const rendition = new ListRendition(
    latest =>
      new Promise<RenderedList>((resolve, reject) => {
        pending.push({
          latest,
          finish: () => resolve(listOf(latest)),
          fail: () => reject(new Error('render failed')),
        });
      }),
    () => now,
    windowMs,
  );
  return {
    rendition,
    pending,
    advance: (ms: number) => (now += ms),
    settle: () => new Promise(resolve => setImmediate(resolve)),
  };
}

describe('ListRendition', () => {
  it('renders a batch once, for the first request, and a new batch for the first request after it', async () => {
    const { rendition, pending, settle } = controlled();
    const b1 = batch(1);
    const first = rendition.get(b1);
    const second = rendition.get(b1);
    expect(pending).toHaveLength(1);
    pending[0]!.finish();
    expect(text(await first)).toBe('batch 1');
    expect(await second).toBe(await first);
    await settle();
    expect(await rendition.get(b1)).toBe(await first);
    // Nothing rendered ahead: a request for the next batch waits for its rendering.
    const b2 = batch(2);
    const next = rendition.get(b2);
    expect(pending).toHaveLength(2);
    pending[1]!.finish();
    expect(text(await next)).toBe('batch 2');
    expect(rendition.stats().renders).toBe(2);
  });

  it('renders ahead when in demand and serves the previous list until that is done', async () => {
    const { rendition, pending, settle, advance } = controlled();
    const b1 = batch(1);
    const firstGet = rendition.get(b1);
    pending[0]!.finish();
    await firstGet;
    await settle();
    advance(30_000);
    const b2 = batch(2);
    rendition.renderAhead(b2);
    rendition.renderAhead(b2);
    expect(pending.map(p => p.latest)).toEqual([b1, b2]);
    expect(text(await rendition.get(b2))).toBe('batch 1');
    expect(rendition.peek(b2)).toBeUndefined();
    pending[1]!.finish();
    await settle();
    expect(text(await rendition.get(b2))).toBe('batch 2');
    expect(text(rendition.peek(b2)!)).toBe('batch 2');
    expect(rendition.stats()).toMatchObject({ batchTimestampMs: 2, renders: 2 });
  });

  it('does not render ahead without recent demand, and drops the list it held', async () => {
    const { rendition, pending, settle, advance } = controlled(60_000);
    rendition.renderAhead(batch(1));
    expect(pending).toHaveLength(0);
    const get = rendition.get(batch(1));
    pending[0]!.finish();
    await get;
    await settle();
    expect(rendition.stats().bytes).toBeGreaterThan(0);
    advance(60_001);
    rendition.renderAhead(batch(2));
    expect(pending).toHaveLength(1);
    expect(rendition.stats()).toMatchObject({ bytes: 0, renders: 1 });
    expect(rendition.stats().batchTimestampMs).toBeNaN();

    const never = controlled(0);
    const got = never.rendition.get(batch(1));
    never.pending[0]!.finish();
    await got;
    never.rendition.renderAhead(batch(2));
    expect(never.pending).toHaveLength(1);
  });

  it('hands a failed rendering to the waiting requests and renders again for the next', async () => {
    const { rendition, pending, settle } = controlled();
    const b1 = batch(1);
    const failing = rendition.get(b1);
    pending[0]!.fail();
    await expect(failing).rejects.toThrow('render failed');
    await settle();
    const retry = rendition.get(b1);
    expect(pending).toHaveLength(2);
    pending[1]!.finish();
    expect(text(await retry)).toBe('batch 1');
  });

  it('never lets a slow rendering of an older batch replace a newer list', async () => {
    const { rendition, pending, settle } = controlled();
    const old = rendition.get(batch(1));
    const newer = rendition.get(batch(2));
    pending[1]!.finish();
    await newer;
    pending[0]!.finish();
    await old;
    await settle();
    expect(rendition.stats().batchTimestampMs).toBe(2);
  });
});

describe('ListRendition: finishing (compression) after rendering', () => {
  /** Renders at once; each finish (gzip) ends when the test says so. */
  function finishing(windowMs = 60_000) {
    let now = 0;
    const finishes: { list: RenderedList; finish: () => void; fail: () => void }[] = [];
    const rendition = new ListRendition(
      async latest => listOf(latest),
      () => now,
      windowMs,
      list =>
        new Promise<void>((resolve, reject) => {
          finishes.push({ list, finish: resolve, fail: () => reject(new Error('gzip failed')) });
        }),
    );
    return {
      rendition,
      finishes,
      advance: (ms: number) => (now += ms),
      settle: () => new Promise(resolve => setImmediate(resolve)),
    };
  }

  it('gives a waiting request the plain list at once, or the finished one when asked', async () => {
    const { rendition, finishes, settle } = finishing();
    const b1 = batch(1);
    const plain = await rendition.get(b1);
    expect(text(plain)).toBe('batch 1');
    expect(finishes).toHaveLength(1);
    // Rendered, not finished: namespaces may be cut from it, but it is not held yet.
    expect(rendition.peek(b1)).toBe(plain);
    expect(rendition.stats().bytes).toBe(0);
    let finished: RenderedList | undefined;
    const waiting = rendition.get(b1, true).then(list => (finished = list));
    await settle();
    expect(finished).toBeUndefined();
    finishes[0]!.finish();
    await waiting;
    expect(finished).toBe(plain);
    await settle();
    expect(rendition.stats()).toMatchObject({ batchTimestampMs: 1, renders: 1 });
  });

  it('serves the previous finished list until the one rendered ahead is finished too', async () => {
    const { rendition, finishes, settle, advance } = finishing();
    const b1 = batch(1);
    const first = rendition.get(b1, true);
    await settle();
    finishes[0]!.finish();
    await first;
    await settle();
    advance(15_000);
    const b2 = batch(2);
    rendition.renderAhead(b2);
    await settle();
    expect(finishes).toHaveLength(2);
    expect(text(await rendition.get(b2, true))).toBe('batch 1');
    expect(text(await rendition.get(b2))).toBe('batch 1');
    finishes[1]!.finish();
    await settle();
    expect(text(await rendition.get(b2, true))).toBe('batch 2');
    expect(rendition.stats().renders).toBe(2);
  });

  it('holds and serves a list whose finishing failed, unfinished', async () => {
    const { rendition, finishes, settle } = finishing();
    const b1 = batch(1);
    const got = rendition.get(b1, true);
    await settle();
    finishes[0]!.fail();
    expect(text(await got)).toBe('batch 1');
    await settle();
    expect(rendition.stats()).toMatchObject({ batchTimestampMs: 1, renders: 1, gzipBytes: 0 });
    expect(text(await rendition.get(b1, true))).toBe('batch 1');
    expect(finishes).toHaveLength(1);
  });
});
