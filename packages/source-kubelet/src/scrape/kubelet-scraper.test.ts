import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { DataBatch, EntityType } from '@heapster/model';
import { createMemoryLogger } from '@heapster/runtime';
import { Registry } from 'prom-client';
import { KubeletHttpError, KubeletConnectionError } from '../client/kubelet-errors.js';
import { FakeKubeletClient, type FakeAnswer } from '../testing/fake-kubelet-client.js';
import type { KubeletTarget } from '../targets/kubelet-target.js';
import { KubeletScraper, type KubeletScraperOptions } from './kubelet-scraper.js';

const summary = readFileSync(
  new URL('../../testdata/summary-golden.json', import.meta.url),
  'utf8',
);
const ok: FakeAnswer = { body: summary };

function targets(...names: string[]): KubeletTarget[] {
  return names.map(name => ({
    nodeName: name,
    address: '127.0.0.1',
    port: 1,
    hostname: name,
    hostId: '',
    ready: true,
  }));
}

function scraper(
  client: FakeKubeletClient,
  options: Partial<KubeletScraperOptions> = {},
): KubeletScraper {
  return new KubeletScraper({ client, timeoutMs: 2000, random: () => 0, ...options });
}

const scrapeOptions = () => ({ batch: new DataBatch({ timestamp: 0 }), resolutionMs: 15_000 });

describe('KubeletScraper', () => {
  it('scrapes every ready node into the batch and reports them', async () => {
    const client = new FakeKubeletClient(() => ok);
    const options = scrapeOptions();
    const report = await scraper(client).scrape(targets('a', 'b', 'c'), options);
    expect([...report.scraped].sort()).toEqual(['a', 'b', 'c']);
    expect(report.failed).toEqual([]);
    expect(report.pods).toBe(9);
    expect(options.batch.table(EntityType.Node).size).toBe(3);
    expect(
      options.batch.table(EntityType.Pod).rowOf({ namespace: 'default', pod: 'web-1' }),
    ).toBeGreaterThanOrEqual(0);
  });

  it('gives every body back to the client once decoded, a bad one included', async () => {
    const bad: FakeAnswer = { body: '{"node":' };
    const client = new FakeKubeletClient(node => (node === 'b' ? bad : ok));
    const report = await scraper(client).scrape(targets('a', 'b', 'c'), scrapeOptions());
    expect(report.failed.map(f => f.node)).toEqual(['b']);
    expect(client.recycled).toHaveLength(3);
    expect(client.recycled.filter(body => body === bad.body)).toHaveLength(1);
  });

  it('reports a node that hangs past its deadline and still returns the others', async () => {
    const client = new FakeKubeletClient(node => (node === 'slow' ? { hang: true } : ok));
    const report = await scraper(client, { timeoutMs: 50 }).scrape(
      targets('a', 'slow', 'b'),
      scrapeOptions(),
    );
    expect([...report.scraped].sort()).toEqual(['a', 'b']);
    expect(report.failed).toEqual([
      { node: 'slow', reason: 'kubelet slow timed out after 50 ms', class: 'timeout' },
    ]);
  });

  it('classifies failures and keeps a bad body out of the batch', async () => {
    const answers: Record<string, FakeAnswer> = {
      http: { error: new KubeletHttpError('http://x/stats/summary/', 503, 'busy') },
      reset: {
        error: new KubeletConnectionError(
          'http://x',
          'connection_reset',
          new Error('socket hang up'),
        ),
      },
      garbled: { body: summary.replace('"usageBytes": 8589934592', '"usageBytes": "lots"') },
      fine: ok,
    };
    const client = new FakeKubeletClient(node => answers[node] as FakeAnswer);
    const options = scrapeOptions();
    const report = await scraper(client).scrape(
      targets('http', 'reset', 'garbled', 'fine'),
      options,
    );
    expect(report.scraped).toEqual(['fine']);
    const byNode = Object.fromEntries(report.failed.map(f => [f.node, f]));
    expect(byNode.http?.class).toBe('http_error');
    expect(byNode.reset?.class).toBe('connection_reset');
    expect(byNode.garbled).toEqual({
      node: 'garbled',
      class: 'decode',
      reason: 'node.memory.usageBytes: expected a number, got "lots"',
    });
    expect(options.batch.table(EntityType.Node).size).toBe(1);
  });

  it('reports nodes that are not ready or were skipped by target resolution', async () => {
    const client = new FakeKubeletClient(() => ok);
    const notReady = { ...targets('down')[0]!, ready: false };
    const report = await scraper(client).scrape([...targets('up'), notReady], {
      ...scrapeOptions(),
      skipped: [{ node: 'lost', reason: 'no_address', detail: 'no usable address' }],
    });
    expect(client.requests).toEqual(['up']);
    expect(report.skipped.map(s => `${s.node}:${s.reason}`).sort()).toEqual([
      'down:not_ready',
      'lost:no_address',
    ]);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const client = new FakeKubeletClient(() => ok);
    const names = Array.from({ length: 12 }, (_, i) => `n${i}`);
    const report = await scraper(client, { concurrency: 3 }).scrape(
      targets(...names),
      scrapeOptions(),
    );
    expect(report.scraped).toHaveLength(12);
    expect(client.peakInFlight).toBe(3);
  });

  it('asks nodes in the order of their random stagger', async () => {
    const offsets = [0.9, 0.1, 0.5];
    const client = new FakeKubeletClient(() => ok);
    const random = () => offsets.shift() ?? 0;
    await scraper(client, { concurrency: 1, random }).scrape(
      targets('a', 'b', 'c'),
      scrapeOptions(),
    );
    expect(client.requests).toEqual(['b', 'c', 'a']);
  });

  it('spreads only the first wave of requests: the others wait for a free slot anyway', async () => {
    const client = new FakeKubeletClient(() => ok);
    const names = Array.from({ length: 40 }, (_, i) => `n${i}`);
    const report = await scraper(client, {
      concurrency: 2,
      random: () => 0,
      staggerPerNodeMs: 8,
    }).scrape(targets(...names), scrapeOptions());
    expect(report.scraped).toHaveLength(40);
    // 8 ms × 2 slots, not 8 ms × 40 nodes.
    expect(report.staggerMs).toBe(16);
  });

  it('reports the nodes not yet answered as aborted when the caller gives up', async () => {
    const controller = new AbortController();
    const client = new FakeKubeletClient(node => {
      if (node === 'b') controller.abort();
      return node === 'a' ? ok : { hang: true };
    });
    const report = await scraper(client, { concurrency: 1 }).scrape(targets('a', 'b', 'c'), {
      ...scrapeOptions(),
      signal: controller.signal,
    });
    expect(report.scraped).toEqual(['a']);
    expect(report.failed.map(f => `${f.node}:${f.class}`)).toEqual(['b:aborted', 'c:aborted']);
  });

  it('logs a failing node once, a change of cause once, and its recovery once', async () => {
    const logger = createMemoryLogger();
    const script: FakeAnswer[] = [
      ok,
      { error: new KubeletHttpError('u', 500, '') },
      { error: new KubeletHttpError('u', 502, '') },
      { error: new KubeletConnectionError('u', 'unreachable', new Error('refused')) },
      ok,
      ok,
    ];
    const client = new FakeKubeletClient(() => script.shift() as FakeAnswer);
    const s = scraper(client, { logger });
    for (let i = 0; i < 6; i++) await s.scrape(targets('a'), scrapeOptions());
    expect(logger.lines.map(l => `${l.message}:${String(l.fields.cause)}`)).toEqual([
      'kubelet scrape failing:http_error',
      'kubelet scrape failing:unreachable',
      'kubelet scrape recovered:unreachable',
    ]);
  });

  it('counts failures by class and nodes by state in its registry', async () => {
    const registry = new Registry();
    const client = new FakeKubeletClient(node =>
      node === 'bad' ? { error: new KubeletHttpError('u', 500, '') } : ok,
    );
    await scraper(client, { registry }).scrape(targets('good', 'bad'), {
      ...scrapeOptions(),
      skipped: [{ node: 'x', reason: 'not_ready', detail: '' }],
    });
    const text = await registry.metrics();
    expect(text).toContain('heapster_kubelet_scrape_failures_total{reason="http_error"} 1');
    expect(text).toContain('heapster_kubelet_nodes{state="ok"} 1');
    expect(text).toContain('heapster_kubelet_nodes{state="failing"} 1');
    expect(text).toContain('heapster_kubelet_nodes{state="skipped"} 1');
    expect(text).toContain('heapster_kubelet_skipped_nodes_total{reason="not_ready"} 1');
    expect(text).toContain(
      'heapster_kubelet_summary_request_duration_milliseconds_count{node="good"} 1',
    );
    expect(text).toContain(
      'heapster_scraper_duration_milliseconds_count{source="kubelet_summary"} 1',
    );
    expect(text).toMatch(/heapster_scraper_last_time_seconds\{source="kubelet_summary"\} \d+/);
  });

  it('drops the latency series of a node that left the cluster', async () => {
    const registry = new Registry();
    const s = scraper(new FakeKubeletClient(() => ok), { registry });
    await s.scrape(targets('a', 'gone'), scrapeOptions());
    await s.scrape(targets('a'), scrapeOptions());
    const text = await registry.metrics();
    expect(text).toContain('node="a"');
    expect(text).not.toContain('node="gone"');
  });

  it('refuses a non-positive timeout or concurrency', () => {
    const client = new FakeKubeletClient(() => ok);
    expect(() => scraper(client, { timeoutMs: 0 })).toThrow(
      'timeoutMs must be a positive number, got 0',
    );
    expect(() => scraper(client, { concurrency: 0 })).toThrow(
      'concurrency must be a positive integer, got 0',
    );
  });
});
