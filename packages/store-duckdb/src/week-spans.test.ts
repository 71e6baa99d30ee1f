import { afterEach, describe, expect, it } from '@jest/globals';
import { partitionTable, spanStart, spanTable } from './schema.js';
import type { StoreHandle } from './store-registry.js';
import { DAY, HOUR, T0, clusterBatch, never } from './testing/batches.js';
import { allRows } from './testing/plain-aggregate.js';
import { StoreFixture, THREE_PODS } from './testing/store-fixture.js';

const DAY0 = T0 / DAY;
const WEEK0 = spanStart(DAY0); // T0 is the second day of its week
const WEEK1 = WEEK0 + 7;

const stores = new StoreFixture('w.duckdb');
afterEach(() => stores.cleanup());
const openStore = (query = '') => stores.open(query);
const shape = THREE_PODS;

async function sampleTables(handle: StoreHandle): Promise<string[]> {
  const rows = await allRows(
    handle,
    "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'samples_%' ORDER BY 1",
  );
  return rows.map(([t]) => String(t));
}

/** Every sample, wherever it lives, in a canonical order. */
async function everySample(handle: StoreHandle): Promise<unknown[][]> {
  const union = [...(await sampleTables(handle)), 'hot']
    .map(t => `SELECT metric_id, series_id, epoch_ms(ts)::DOUBLE AS t, value FROM ${t}`)
    .join(' UNION ALL ');
  return allRows(handle, `SELECT * FROM (${union}) ORDER BY metric_id, series_id, t`);
}

const spans = (handle: StoreHandle) =>
  allRows(
    handle,
    `SELECT (start_day - DATE '1970-01-01')::INTEGER, (first_day - DATE '1970-01-01')::INTEGER,
       (last_day - DATE '1970-01-01')::INTEGER, rows FROM spans ORDER BY start_day`,
  );

/** Writes a batch every 6 h over `days` days from T0, the clock held at T0 (nothing closes). */
async function writeDays(handle: StoreHandle, days: number): Promise<void> {
  for (let t = T0; t < T0 + days * DAY; t += 6 * HOUR) {
    await handle.store.writeBatch(clusterBatch(t, shape), never());
  }
}

describe('duckdb store: closed weeks merged into span tables', () => {
  it('should merge the day tables of closed weeks without changing any sample', async () => {
    const { handle, clock } = openStore('?retention=0');
    await writeDays(handle, 16); // days 0–15: weeks WEEK0 (6 days), WEEK1 (7), WEEK1 + 7 (3)
    await handle.store.maintain();
    const before = await everySample(handle);
    clock.set(T0 + 15 * DAY + HOUR);
    const report = await handle.store.maintain();
    expect(report.mergedWeeks).toEqual([WEEK0, WEEK1]);
    expect(await everySample(handle)).toEqual(before);
    expect(await sampleTables(handle)).toEqual([
      ...[13, 14, 15].map(d => partitionTable(DAY0 + d)),
      spanTable(WEEK0),
      spanTable(WEEK1),
    ]);
    const rowsOf = async (table: string) =>
      Number((await allRows(handle, `SELECT count(*) FROM ${table}`))[0]?.[0]);
    expect(await spans(handle)).toEqual([
      [WEEK0, DAY0, WEEK0 + 6, BigInt(await rowsOf(spanTable(WEEK0)))],
      [WEEK1, WEEK1, WEEK1 + 6, BigInt(await rowsOf(spanTable(WEEK1)))],
    ]);
    const days = await allRows(
      handle,
      "SELECT (day - DATE '1970-01-01')::INTEGER FROM partitions ORDER BY 1",
    );
    expect(days).toEqual([[DAY0 + 13], [DAY0 + 14], [DAY0 + 15]]);
    // Physically sorted by (metric_id, series_id, ts): a series' week is one range.
    const unsorted = await allRows(
      handle,
      `SELECT count(*) FROM (SELECT metric_id, series_id, ts,
         lag(metric_id) OVER w AS pm, lag(series_id) OVER w AS ps, lag(ts) OVER w AS pt
         FROM ${spanTable(WEEK1)} WINDOW w AS (ORDER BY rowid))
       WHERE pm IS NOT NULL AND (metric_id, series_id, ts) < (pm, ps, pt)`,
    );
    expect(unsorted).toEqual([[0n]]);
    // Nothing more to merge.
    expect((await handle.store.maintain()).mergedWeeks).toEqual([]);
  });

  it('should merge samples that arrive late for a merged day into its span', async () => {
    const { handle, clock } = openStore('?retention=0');
    await writeDays(handle, 9);
    clock.set(T0 + 8 * DAY + HOUR);
    expect((await handle.store.maintain()).mergedWeeks).toEqual([WEEK0]);
    const merged = await everySample(handle);
    const late = T0 + 2 * DAY + 7 * HOUR;
    await handle.store.writeBatch(clusterBatch(late, shape), never());
    await handle.store.maintain();
    const after = await everySample(handle);
    expect(after.length).toBeGreaterThan(merged.length);
    expect(after.filter(row => Number(row[2]) !== late)).toEqual(merged);
    expect(await sampleTables(handle)).toEqual([
      partitionTable(DAY0 + 6),
      partitionTable(DAY0 + 7),
      partitionTable(DAY0 + 8),
      spanTable(WEEK0),
    ]);
    const [[rows]] = (await allRows(handle, `SELECT count(*) FROM ${spanTable(WEEK0)}`)) as [
      [bigint],
    ];
    expect(await spans(handle)).toEqual([[WEEK0, DAY0, WEEK0 + 6, rows]]);
  });

  it('should trim a span day by day as the retention reaches into it, then drop it', async () => {
    const { handle, clock } = openStore('?retention=3d');
    await writeDays(handle, 17);
    clock.set(T0 + 13 * DAY + HOUR);
    // Cutoff in day 10: days 0–9 go, then what is left of week WEEK1 (days 10–12) merges.
    const first = await handle.store.maintain();
    expect(first.droppedDays).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(d => DAY0 + d));
    expect(first.mergedWeeks).toEqual([WEEK1]);
    const spanRows = async () =>
      ((await allRows(handle, `SELECT count(*) FROM ${spanTable(WEEK1)}`)) as [[bigint]])[0][0];
    expect(await spans(handle)).toEqual([[WEEK1, DAY0 + 10, WEEK1 + 6, await spanRows()]]);
    const before = await everySample(handle);

    clock.set(T0 + 14 * DAY + 2 * HOUR); // cutoff in day 11: day 10 goes, from inside the span
    expect((await handle.store.maintain()).droppedDays).toEqual([DAY0 + 10]);
    expect(await spans(handle)).toEqual([[WEEK1, DAY0 + 11, WEEK1 + 6, await spanRows()]]);
    expect(await everySample(handle)).toEqual(
      before.filter(row => Number(row[2]) >= T0 + 11 * DAY),
    );

    clock.set(T0 + 16 * DAY + 2 * HOUR); // cutoff in day 13: the rest of the span goes
    expect((await handle.store.maintain()).droppedDays).toEqual([DAY0 + 11, DAY0 + 12]);
    expect(await spans(handle)).toEqual([]);
    expect(await sampleTables(handle)).toEqual([13, 14, 15, 16].map(d => partitionTable(DAY0 + d)));
  });
});
