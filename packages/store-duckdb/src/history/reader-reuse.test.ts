import { afterEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { ManualClock, noopLogger } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { parseConfig } from '../config.js';
import { READER_POOL_DEFAULTS } from '../reader-pool.js';
import { acquireStore } from '../store-registry.js';
import { DAY, T0, clusterBatch, never, tempDirectory } from '../testing/batches.js';
import { DuckDbHistory } from './duckdb-history.js';
import type { AggregationRequest, MetricQuery } from './historical-store.js';

// The historical reader keeps its connections (and their prepared statements and, for a
// read-only file, the catalog) between queries: concurrent queries must each get their own,
// a replaced snapshot must be followed — catalog included — while queries still running on
// the old file finish there, and shutdown must close them all.

const HOUR = 3_600_000;
const shape = { namespaces: 2, podsPerNamespace: 3, cpu: (p: number, t: number) => p + t / HOUR };
const query: MetricQuery = { metric: 'cpu/usage_rate', type: 'pod', namespace: 'ns-1' };
const request: AggregationRequest = {
  aggregations: ['count', 'max'],
  percentiles: [95],
  bucketMs: DAY,
};
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const job of cleanup.splice(0).reverse()) await job();
});

/** A writer with `days` days of hourly batches (closed days compacted), and a snapshot reader. */
async function writerAndReader(days: number) {
  const dir = tempDirectory();
  const file = join(dir.path, 'r.duckdb');
  const clock = new ManualClock(T0);
  const settings = { logger: noopLogger, clock, reopenCheckMs: 0 };
  const writer = acquireStore(parseConfig(parseSinkUri(`duckdb:${file}?retention=0`)), settings);
  cleanup.push(dir.remove, () => writer.release());
  const writeDay = async (day: number): Promise<void> => {
    for (let t = T0 + day * DAY; t < T0 + (day + 1) * DAY; t += HOUR) {
      clock.set(t);
      await writer.store.writeBatch(clusterBatch(t, shape), never());
    }
    await writer.store.maintain();
  };
  for (let day = 0; day < days; day++) await writeDay(day);
  const snapshot = await writer.store.snapshot();
  const reader = acquireStore(
    parseConfig(parseSinkUri(`duckdb:${snapshot}?read_only=true`)),
    settings,
  );
  cleanup.push(() => reader.release());
  return { writer, reader, writeDay };
}

const counts = async (history: DuckDbHistory, days: number) => {
  const [result] = await history.aggregate(query, { start: T0, end: T0 + days * DAY - 1 }, request);
  return result?.buckets.map(b => b.count);
};

describe('duckdb historical reader connections', () => {
  it('should answer concurrent queries alike, on at most the pool size of connections', async () => {
    const { reader } = await writerAndReader(2);
    const history = new DuckDbHistory(reader.store);
    const range = { start: T0, end: T0 + 2 * DAY - 1 };
    const aggregate = await history.aggregate(query, range, request);
    const points = await history.points({ ...query, pods: ['pod-4'] }, range);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0
          ? history.aggregate(query, range, request)
          : history.points({ ...query, pods: ['pod-4'] }, range),
      ),
    );
    answers.forEach((answer, i) => expect(answer).toEqual(i % 2 === 0 ? aggregate : points));
    expect(aggregate[0]?.buckets.map(b => b.count)).toEqual([72, 72]);
    const database = await reader.store.database();
    expect(database.readers.size).toBeGreaterThan(0);
    expect(database.readers.size).toBeLessThanOrEqual(READER_POOL_DEFAULTS.maxConnections);
  });

  it('should follow a replaced snapshot, catalog included, while a query on the old one finishes there', async () => {
    const { writer, reader, writeDay } = await writerAndReader(1);
    const history = new DuckDbHistory(reader.store);
    expect(await counts(history, 2)).toEqual([72, 0]);
    const old = await reader.store.database();

    // A read holding a connection of the old file across the replacement.
    let release = (): void => undefined;
    const held = new Promise<void>(resolve => (release = resolve));
    const onOld = reader.store.withReader(async r => {
      await held;
      const rows = await r.connection.runAndReadAll('SELECT count(*) FROM partitions');
      return Number(rows.getRowsJS()[0]?.[0]);
    });

    await writeDay(1); // a new day partition: the old catalog does not know it
    await writer.store.snapshot();
    expect(await counts(history, 2)).toEqual([72, 72]);
    const current = await reader.store.database();
    expect(current).not.toBe(old);
    expect(old.readers.size).toBe(1); // still held

    release();
    expect(await onOld).toBe(1); // the old file, whole
    expect(old.readers.size).toBe(0);
    expect(await counts(history, 2)).toEqual([72, 72]);
  });

  it('should close every pooled connection at shutdown', async () => {
    const { reader } = await writerAndReader(1);
    const history = new DuckDbHistory(reader.store);
    await Promise.all([counts(history, 1), counts(history, 1), history.ping()]);
    const database = await reader.store.database();
    expect(database.readers.size).toBeGreaterThan(0);
    await reader.release();
    expect(database.readers.size).toBe(0);
    await expect(history.ping()).rejects.toThrow(/closed/);
  });
});
