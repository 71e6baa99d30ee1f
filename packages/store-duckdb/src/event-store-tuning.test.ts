import { afterEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { KubeEvent } from '@heapster/model';
import { ManualClock, noopLogger } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { parseConfig } from './config.js';
import { EVENT_ROW_GROUP_SIZE } from './event-store-tuning.js';
import type { StoreProfile } from './event-store-tuning.js';
import { EVENTS_PER_TRANSACTION } from './event-writer.js';
import { acquireStore, type StoreHandle } from './store-registry.js';
import { T0, never, tempDirectory } from './testing/batches.js';

const settings = { logger: noopLogger, clock: new ManualClock(T0) };
const dirs: (() => void)[] = [];
afterEach(() => dirs.splice(0).forEach(remove => remove()));

function file(name: string): string {
  const dir = tempDirectory();
  dirs.push(dir.remove);
  return join(dir.path, name);
}

function acquire(path: string, profile: StoreProfile, options = ''): StoreHandle {
  return acquireStore(parseConfig(parseSinkUri(`duckdb:${path}${options}`)), settings, profile);
}

/** Event i: version i (a retried or relisted batch repeats some). */
function event(i: number): KubeEvent {
  return {
    metadata: { name: `ev.${i}`, namespace: 'ns', uid: `uid-${i % 3000}`, resourceVersion: `${i}` },
    involvedObject: { kind: 'Pod', namespace: 'ns', name: `pod-${i % 7}`, uid: 'pod-uid' },
    reason: 'BackOff',
    message: `restart ${i}`,
    type: 'Warning',
    source: { component: 'kubelet', host: 'node-1' },
    count: 1 + Math.floor(i / 3000),
    lastTimestamp: new Date(T0 + i * 1000).toISOString(),
  };
}

function events(from: number, to: number): KubeEvent[] {
  return Array.from({ length: to - from }, (_, k) => event(from + k));
}

async function query(handle: StoreHandle, sql: string): Promise<unknown[][]> {
  return handle.store.read(async (connection: DuckDBConnection) =>
    (await connection.runAndReadAll(sql)).getRowsJS(),
  );
}

const SETTINGS = `SELECT current_setting('memory_limit'), current_setting('threads')::VARCHAR,
  current_setting('checkpoint_threshold')`;
const ROW_GROUPS =
  "SELECT count(DISTINCT row_group_id)::INTEGER FROM pragma_storage_info('events')";
const ROWS = 'SELECT * EXCLUDE (stored_at) FROM events ORDER BY rv_num';

/** Writes the same batches (with a retry and overlaps) to a store opened with `profile`. */
async function fill(path: string, profile: StoreProfile): Promise<StoreHandle> {
  const handle = acquire(path, profile);
  const store = handle.store;
  expect(await store.writeEvents(events(0, 4_500), never())).toBe(4_500);
  expect(await store.writeEvents(events(0, 4_500), never())).toBe(0); // a retry
  // Overlapping, out of order (a relist), and one version twice in the batch.
  const relisted = [...events(4_000, 10_000).reverse(), event(9_999)];
  expect(await store.writeEvents(relisted, never())).toBe(5_500);
  await store.idle();
  return handle;
}

describe('an events store (the eventer opens its file for events)', () => {
  it('uses small row groups and its own defaults, which the URI overrides', async () => {
    const path = file('events.duckdb');
    const handle = await fill(path, 'events');
    expect(await query(handle, SETTINGS)).toEqual([['30.5 MiB', '1', '7.6 MiB']]);
    await handle.store.snapshot(); // CHECKPOINT writes the row groups to the file
    expect(await query(handle, ROW_GROUPS)).toEqual([[Math.ceil(10_000 / EVENT_ROW_GROUP_SIZE)]]);
    await handle.release();
    expect(EVENTS_PER_TRANSACTION).toBeLessThan(4_500); // the batches above were split

    const overridden = acquire(file('other.duckdb'), 'events', '?memory_limit=64MB&threads=2');
    expect(await query(overridden, SETTINGS)).toEqual([['61.0 MiB', '2', '7.6 MiB']]);
    await overridden.release();
  });

  it('leaves a metric store as DuckDB opens any file', async () => {
    const handle = await fill(file('metrics.duckdb'), 'default');
    const [memoryLimit, , checkpoint] = (await query(handle, SETTINGS))[0] ?? [];
    expect(memoryLimit).not.toBe('30.5 MiB');
    expect(checkpoint).toBe('16.0 MiB');
    await handle.store.snapshot();
    expect(await query(handle, ROW_GROUPS)).toEqual([[1]]);
    await handle.release();
  });

  it('stores what a metric store stores, and its file reads the same after a restart', async () => {
    const eventsPath = file('events.duckdb');
    const tuned = await fill(eventsPath, 'events');
    const plain = await fill(file('plain.duckdb'), 'default');
    const expected = await query(plain, ROWS);
    expect(expected).toHaveLength(10_000);
    expect(await query(tuned, ROWS)).toEqual(expected);
    await tuned.release();
    await plain.release();

    // The eventer restarted, and the oldtimer's read-only open of the same file.
    const reopened = acquire(eventsPath, 'events');
    expect(await reopened.store.lastStoredResourceVersion()).toBe('9999');
    expect(await reopened.store.writeEvents(events(9_000, 10_001), never())).toBe(1);
    await reopened.release();
    const reader = acquire(eventsPath, 'default', '?read_only=true');
    const rows = await query(reader, ROWS);
    expect(rows.slice(0, 10_000)).toEqual(expected);
    expect(rows).toHaveLength(10_001);
    await reader.release();
  });
});
