import { afterEach, describe, expect, it } from '@jest/globals';
import { partitionTable } from './schema.js';
import type { StoreHandle } from './store-registry.js';
import { DAY, HOUR, T0, clusterBatch, never } from './testing/batches.js';
import { allRows } from './testing/plain-aggregate.js';
import { StoreFixture, THREE_PODS } from './testing/store-fixture.js';

const stores = new StoreFixture('m.duckdb');
afterEach(() => stores.cleanup());
const openStore = (query = '') => stores.open(query);
const shape = THREE_PODS;

/** Every sample, wherever it lives, in a canonical order. */
async function everySample(handle: StoreHandle): Promise<unknown[][]> {
  const tables = (
    await allRows(
      handle,
      "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'samples_%' OR table_name = 'hot'",
    )
  ).map(([t]) => String(t));
  const union = tables
    .map(t => `SELECT metric_id, series_id, epoch_ms(ts)::DOUBLE AS t, value FROM ${t}`)
    .join(' UNION ALL ');
  return allRows(handle, `SELECT * FROM (${union}) ORDER BY metric_id, series_id, t`);
}

describe('duckdb store maintenance', () => {
  it('should compact the tail into sorted day partitions without changing any sample', async () => {
    const { handle, clock } = openStore();
    const write = async (t: number) => {
      await handle.store.writeBatch(clusterBatch(t, shape), never());
    };
    for (let h = 0; h < 12; h += 3) await write(T0 + h * HOUR);
    const first = await handle.store.maintain(); // day 0 so far: one run
    expect(first.compactedRows).toBeGreaterThan(0);
    for (let h = 12; h < 24; h += 3) await write(T0 + h * HOUR); // a second run of day 0
    for (let h = 24; h < 48; h += 6) await write(T0 + h * HOUR); // day 1
    const before = await everySample(handle);
    clock.set(T0 + DAY + 12 * HOUR);
    const report = await handle.store.maintain();
    expect(report.finalizedDays).toEqual([T0 / DAY]);
    expect(await everySample(handle)).toEqual(before);
    expect(await allRows(handle, 'SELECT count(*) FROM hot')).toEqual([[0n]]);
    expect(
      await allRows(
        handle,
        "SELECT (day - DATE '1970-01-01')::INTEGER, runs FROM partitions ORDER BY day",
      ),
    ).toEqual([
      [T0 / DAY, 1],
      // Still open: the first day-1 batch compacted the stale day-0 tail and itself.
      [T0 / DAY + 1, 2],
    ]);
    // Physically sorted by (metric_id, series_id, ts): what the zonemaps prune on.
    const unsorted = await allRows(
      handle,
      `SELECT count(*) FROM (SELECT metric_id, series_id, ts,
         lag(metric_id) OVER w AS pm, lag(series_id) OVER w AS ps, lag(ts) OVER w AS pt
         FROM ${partitionTable(T0 / DAY)} WINDOW w AS (ORDER BY rowid))
       WHERE pm IS NOT NULL AND (metric_id, series_id, ts) < (pm, ps, pt)`,
    );
    expect(unsorted).toEqual([[0n]]);
  });

  it('should drop whole days past the retention, and series and events with them', async () => {
    const { handle, clock } = openStore('?retention=2d');
    for (let d = 0; d < 5; d++)
      await handle.store.writeBatch(clusterBatch(T0 + d * DAY, shape), never());
    await handle.store.writeEvents(
      [
        {
          metadata: { name: 'old', namespace: 'default', uid: 'old', resourceVersion: '1' },
          involvedObject: { kind: 'Pod', name: 'p' },
          lastTimestamp: new Date(T0).toISOString(),
        },
      ],
      never(),
    );
    clock.set(T0 + 4 * DAY + HOUR); // day 4, 01:00: days 0 and 1 ended more than 2 days ago
    const report = await handle.store.maintain();
    expect(report.droppedDays).toEqual([T0 / DAY, T0 / DAY + 1]);
    expect(report.deletedEvents).toBe(1);
    const tables = await allRows(
      handle,
      "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'samples_%' ORDER BY 1",
    );
    expect(tables).toEqual([
      [partitionTable(T0 / DAY + 2)],
      [partitionTable(T0 / DAY + 3)],
      [partitionTable(T0 / DAY + 4)],
    ]);
    // Every series was seen on day 4, so none is old enough to go.
    expect(report.deletedSeries).toBe(0);
  });
});
