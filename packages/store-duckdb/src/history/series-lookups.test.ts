import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { DuckDBTypeId, type DuckDBValue } from '@duckdb/node-api';
import { DataBatch, EntityType, LabelId, MetricId } from '@heapster/model';
import { ManualClock, noopLogger } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { parseConfig } from '../config.js';
import { acquireStore, type StoreHandle } from '../store-registry.js';
import type { Reader } from '../reader-pool.js';
import { MINUTE, T0, never, tempDirectory } from '../testing/batches.js';
import type { MetricQuery, TimeRange } from './historical-store.js';
import { seriesFilter } from './series-filter.js';
import { lookupStatement, readLookup, SeriesLookups, seenIn } from './series-lookups.js';

const SECOND = 1000;

let dir: ReturnType<typeof tempDirectory>;
let handle: StoreHandle;

beforeAll(async () => {
  dir = tempDirectory();
  const clock = new ManualClock(T0);
  handle = acquireStore(parseConfig(parseSinkUri(`duckdb:${join(dir.path, 'l.duckdb')}`)), {
    logger: noopLogger,
    clock,
  });
  // Pods come and go: pod p is in the batches of minutes [p, p + 5) (7 s past the minute).
  for (let m = 0; m < 12; m++) {
    const t = T0 + m * MINUTE + 7 * SECOND;
    const batch = new DataBatch({ timestamp: t });
    const pods = batch.table(EntityType.Pod);
    for (let p = Math.max(0, m - 4); p <= Math.min(m, 7); p++) {
      const row = pods.addRow({ namespace: 'ns-0', pod: `pod-${p}`, node: 'node-1' });
      batch.setLabel(EntityType.Pod, row, LabelId.PodId, `uid-${p}`);
      pods.setValue(row, MetricId.CpuUsageRate, p);
    }
    await handle.store.writeBatch(batch, never());
  }
}, 60_000);

afterAll(async () => {
  await handle.release();
  dir.remove();
});

const query: MetricQuery = { metric: 'cpu/usage_rate', type: 'pod', namespace: 'ns-0' };

/** Runs a statement binding its parameters as the types DuckDB inferred (as the reader does). */
async function rows(reader: Reader, sql: string, params: readonly DuckDBValue[]) {
  const statement = await reader.prepared(sql);
  params.forEach((value, i) => {
    const declared = statement.parameterType(i + 1);
    statement.bindValue(i + 1, value, declared.typeId === DuckDBTypeId.ANY ? undefined : declared);
  });
  return (await statement.runAndReadAll()).getRowsJS();
}

describe('series lookups kept across ranges', () => {
  it('should pick the series the SQL filter picks, at every boundary of first and last seen', async () => {
    const metricId = Number(
      (
        await handle.store.read(async c =>
          (
            await c.runAndReadAll("SELECT metric_id FROM metrics WHERE name = 'cpu/usage_rate'")
          ).getRowsJS(),
        )
      )[0]?.[0],
    );
    const lookup = lookupStatement(
      query,
      seriesFilter(query, { start: 0, end: 0 }, false),
      metricId,
    );
    const found = await handle.store.withReader(async reader =>
      readLookup(await rows(reader, lookup.sql, lookup.params)),
    );
    expect(found.length).toBe(8);
    expect(new Set(found.map(s => s.lastSeenUs)).size).toBe(8);
    const edges = found.flatMap(s => [s.firstSeenUs / 1000, s.lastSeenUs / 1000 + MINUTE]);
    const ranges: TimeRange[] = [];
    for (const edge of edges) {
      for (const d of [-1, 0, 1]) {
        ranges.push(
          { start: edge + d, end: edge + d + 90 * SECOND },
          { start: T0 - MINUTE, end: edge + d },
        );
      }
    }
    for (const range of ranges) {
      const filter = seriesFilter(query, range);
      const sql = `SELECT s.series_id FROM series s WHERE ${filter.sql}
        AND s.series_id IN (SELECT series_id FROM series_metrics WHERE metric_id = ${metricId})`;
      const expected = (await handle.store.withReader(reader => rows(reader, sql, filter.params)))
        .map(([id]) => Number(id))
        .sort((a, b) => a - b);
      const actual = seenIn(found, range)
        .map(s => s.id)
        .sort((a, b) => a - b);
      expect({ range, ids: actual }).toEqual({ range, ids: expected });
    }
  });

  it('should run a lookup once, and keep no more series than its budget', async () => {
    const lookups = new SeriesLookups(5);
    let runs = 0;
    const run = (rows: number) => async () => {
      runs++;
      return Array.from({ length: rows }, (_, i) => ({
        id: i,
        group: 'g',
        firstSeenUs: 0,
        lastSeenUs: 0,
      }));
    };
    const statement = (n: number) => ({ sql: `q${n}`, params: [n] });
    await lookups.get(statement(1), run(3));
    await lookups.get(statement(1), run(3));
    expect(runs).toBe(1);
    await lookups.get(statement(2), run(2)); // 5 rows kept: both stay
    await lookups.get(statement(1), run(3));
    expect(runs).toBe(2);
    await lookups.get(statement(3), run(1)); // 6 rows: the least recently used (2) goes
    await lookups.get(statement(1), run(3));
    expect(runs).toBe(3);
    await lookups.get(statement(2), run(2));
    expect(runs).toBe(4);
    await lookups.get(statement(4), run(6)); // over the budget alone: not kept
    await lookups.get(statement(4), run(6));
    expect(runs).toBe(6);
  });

  it('should forget a lookup that failed', async () => {
    const lookups = new SeriesLookups();
    await expect(
      lookups.get({ sql: 'bad', params: [] }, () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    await expect(lookups.get({ sql: 'bad', params: [] }, async () => [])).resolves.toEqual([]);
  });
});
