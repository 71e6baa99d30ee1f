import { afterEach, describe, expect, it } from '@jest/globals';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { KubeEvent } from '@heapster/model';
import { RetryableError } from '@heapster/runtime';
import { EVENTS_PER_TRANSACTION, EventWriter, storedCandidates } from './event-writer.js';
import { CREATE_SCHEMA } from './schema.js';
import { T0, never } from './testing/batches.js';

/** The events table as it was created before the anti-join: with its primary key. */
const KEYED_EVENTS = `CREATE TABLE events (
  uid VARCHAR NOT NULL, resource_version VARCHAR NOT NULL, rv_num BIGINT,
  namespace VARCHAR, name VARCHAR,
  object_kind VARCHAR, object_namespace VARCHAR, object_name VARCHAR, object_uid VARCHAR,
  reason VARCHAR, message VARCHAR, type VARCHAR,
  source_component VARCHAR, source_host VARCHAR, count INTEGER,
  first_timestamp TIMESTAMP, last_timestamp TIMESTAMP, event_time TIMESTAMP,
  event JSON NOT NULL, stored_at TIMESTAMP NOT NULL,
  PRIMARY KEY (uid, resource_version))`;

const opened: DuckDBInstance[] = [];
afterEach(() => opened.splice(0).forEach(instance => instance.closeSync()));

async function connect(schema: string): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  opened.push(instance);
  const connection = await instance.connect();
  await connection.run(schema);
  return connection;
}

function event(uid: string, rv: string, delivery: string): KubeEvent {
  return {
    metadata: { name: `ev.${uid}`, namespace: 'default', uid, resourceVersion: rv },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'pod-uid' },
    reason: 'BackOff',
    message: `delivery ${delivery}`,
    type: 'Warning',
    source: { component: 'kubelet', host: 'node-1' },
    count: 1,
    lastTimestamp: '2024-03-01T00:01:00Z',
  };
}

/** A small deterministic PRNG (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Batches as the eventer delivers them: watch batches in resourceVersion order, retries of
 * earlier batches, duplicates inside a batch, relists in name order over everything so far,
 * opaque and zero-padded versions. Each delivery is labelled in `message`.
 */
function deliveries(seed: number): KubeEvent[][] {
  const next = random(seed);
  const versions: [string, string][] = [];
  let rv = 1000;
  for (let i = 0; i < 1500; i++) {
    rv += 1 + Math.floor(next() * 3);
    const uid = `uid-${Math.floor(next() * 200)}`;
    const roll = next();
    versions.push([uid, roll < 0.03 ? `opaque-${rv}` : roll < 0.05 ? `000${rv}` : String(rv)]);
  }
  const batches: KubeEvent[][] = [];
  let label = 0;
  const batch = (items: [string, string][]) =>
    batches.push(items.map(([uid, version]) => event(uid, version, String(label++))));
  for (let at = 0; at < versions.length;) {
    const size = 1 + Math.floor(next() * 120);
    const slice = versions.slice(at, at + size);
    const roll = next();
    if (roll < 0.15 && batches.length > 0) batches.push(batches[batches.length - 1]!);
    if (roll > 0.9) slice.push(...slice.slice(0, 5));
    batch(slice);
    if (roll > 0.95) {
      const relist = versions.slice(0, at + size).filter(() => next() < 0.3);
      batch(relist.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    at += size;
  }
  return batches;
}

/** What INSERT OR IGNORE on the primary key kept: each version's first delivery. */
function firstDeliveries(batches: readonly KubeEvent[][]): Map<string, string> {
  const first = new Map<string, string>();
  for (const items of batches) {
    for (const item of items) {
      const key = `${item.metadata.uid}/${item.metadata.resourceVersion}`;
      if (!first.has(key)) first.set(key, item.message ?? '');
    }
  }
  return first;
}

async function stored(connection: DuckDBConnection): Promise<Map<string, string>> {
  const rows = (
    await connection.runAndReadAll(
      `SELECT uid || '/' || resource_version, any_value(message), count(*)::INTEGER
       FROM events GROUP BY ALL`,
    )
  ).getRowsJS();
  for (const [key, , copies] of rows) expect([key, copies]).toEqual([key, 1]);
  return new Map(rows.map(([key, message]) => [String(key), String(message)]));
}

describe('EventWriter', () => {
  it.each([1, 2, 3])(
    'stores what INSERT OR IGNORE on the old primary key stored (seed %i)',
    async seed => {
      const batches = deliveries(seed);
      const expected = firstDeliveries(batches);
      const connections = [await connect(CREATE_SCHEMA), await connect(KEYED_EVENTS)];
      for (const connection of connections) {
        const writer = new EventWriter(connection);
        await writer.load();
        let inserted = 0;
        for (const items of batches) inserted += await writer.write(items, T0, never());
        expect(inserted).toBe(expected.size);
        expect(await stored(connection)).toEqual(expected);
      }
    },
  );

  it('writes a large batch in slices: an abort keeps the slices committed before it', async () => {
    const connection = await connect(CREATE_SCHEMA);
    let commits = 0;
    // The connection, counting its commits.
    const counted = new Proxy(connection, {
      get(target, property) {
        if (property === 'run') {
          return async (sql: string) => {
            const result = await target.run(sql);
            if (sql === 'COMMIT') commits += 1;
            return result;
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    const writer = new EventWriter(counted);
    await writer.load();
    // Versions 0…n-6, then 0…4 again (another delivery of the first slice's, in the last slice).
    const n = 2 * EVENTS_PER_TRANSACTION + 10;
    const versions = Array.from({ length: n }, (_, i) => (i < n - 5 ? i : i - (n - 5)));
    const items = versions.map((v, i) => event(`uid-${v % 300}`, String(1000 + v), `d${i}`));
    const deadline = {
      get aborted() {
        return commits > 0;
      },
      reason: new RetryableError('deadline'),
    } as unknown as AbortSignal;

    await expect(writer.write(items, T0, deadline)).rejects.toThrow('deadline');
    expect((await stored(connection)).size).toBe(EVENTS_PER_TRANSACTION);
    expect(await writer.write(items, T0, never())).toBe(n - 5 - EVENTS_PER_TRANSACTION);
    expect(await stored(connection)).toEqual(firstDeliveries([items]));
    expect(commits).toBe(1 + 3); // the aborted write, then the three slices of the retry
  });

  it('narrows the anti-join to the batch range, with opaque versions apart', () => {
    const span = (min?: bigint, max?: bigint, opaque = false) => ({ min, max, opaque });
    expect(storedCandidates(span(5n, 90n))).toBe('rv_num BETWEEN 5 AND 90');
    expect(storedCandidates(span(5n, 90n, true))).toBe(
      '(rv_num BETWEEN 5 AND 90 OR rv_num IS NULL)',
    );
    expect(storedCandidates(span(undefined, undefined, true))).toBe('rv_num IS NULL');
    expect(storedCandidates(span())).toBe('false');
  });
});
