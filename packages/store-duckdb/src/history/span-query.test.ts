import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { DataBatch } from '@heapster/model';
import { ManualClock, noopLogger } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { parseConfig } from '../config.js';
import { spanStart, spanTable } from '../schema.js';
import { acquireStore, type StoreHandle } from '../store-registry.js';
import { DAY, HOUR, MINUTE, T0, never, tempDirectory } from '../testing/batches.js';
import { allRows, sixPodBatch, sixPodCpu } from '../testing/plain-aggregate.js';
import {
  EVERY_AGGREGATION,
  expectAgreesWithPlain,
  sixPodHistory,
  type SixPodHistory,
} from '../testing/six-pod-history.js';
import { DuckDbHistory } from './duckdb-history.js';
import type { AggregationRequest, MetricQuery } from './historical-store.js';

// Queries over span tables (merged weeks) and, on a read-only file, with series lookups kept
// across ranges, against a plain formulation: inline SQL over every sample table and the tail,
// the series picked by first/last seen in SQL.

const STEP = 20 * MINUTE;
const DAYS = 16;
const END = T0 + DAYS * DAY - STEP; // the last day stays in the tail
const RECREATED = T0 + 9 * DAY + 5 * HOUR; // pod-1 is replaced by a new pod of the same name
const WEEK0 = spanStart(T0 / DAY);
const cpu = (pod: number, t: number): number => sixPodCpu(pod, t, STEP);
const batchAt = (t: number): DataBatch => sixPodBatch(t, STEP, RECREATED);

let history: SixPodHistory;
let writer: StoreHandle;
let reader: StoreHandle;

beforeAll(async () => {
  history = await sixPodHistory({
    stepMs: STEP,
    endMs: END,
    recreatedAt: RECREATED,
    beforeWrite: async (t, _writer, clock) => {
      // The last day's first batch closes the others: weeks 0 and 1 merge into span tables.
      if (t === T0 + (DAYS - 1) * DAY) clock.set(t + HOUR);
    },
  });
  ({ writer, reader } = history);
}, 120_000);

afterAll(() => history.close());

const ALL = EVERY_AGGREGATION;
const pod = (...pods: string[]): MetricQuery => ({
  metric: 'cpu/usage_rate',
  type: 'pod',
  pods,
  groupBy: 'pod',
});
const cases: [string, MetricQuery, { start: number; end: number }, AggregationRequest][] = [
  [
    'one pod over every span, day table and the tail',
    { metric: 'cpu/usage_rate', type: 'pod', namespace: 'ns-0', pods: ['pod-2'] },
    { start: T0, end: END },
    { aggregations: [], percentiles: [95], bucketMs: HOUR },
  ],
  [
    'one pod, both ends inside span tables',
    { metric: 'cpu/usage_rate', type: 'pod', pods: ['pod-4'] },
    { start: T0 + 3 * DAY + 5 * HOUR + 17 * MINUTE, end: T0 + 11 * DAY + 13 * MINUTE },
    ALL,
  ],
  [
    'a pod list across the recreation of pod-1 (two series in one group)',
    pod('pod-1', 'pod-3', 'pod-9'),
    { start: T0 + 8 * DAY, end: T0 + 11 * DAY },
    { aggregations: ['count', 'average', 'max'], percentiles: [95], bucketMs: HOUR },
  ],
  [
    'a pod list after the recreation (the old series unseen by then)',
    pod('pod-1', 'pod-3'),
    { start: RECREATED + 2 * HOUR, end: RECREATED + 30 * HOUR },
    { aggregations: ['count', 'min'], percentiles: [50], bucketMs: 2 * HOUR },
  ],
  [
    'a pod list before the recreation (the new series not yet seen)',
    pod('pod-1', 'pod-0'),
    { start: RECREATED - 30 * HOUR, end: RECREATED - STEP },
    { aggregations: ['count', 'max'], percentiles: [99], bucketMs: 3 * HOUR },
  ],
  [
    'a namespace pooled, nearest rank, 6 h buckets, from before the first sample',
    { metric: 'cpu/usage_rate', type: 'pod', namespace: 'ns-1' },
    { start: T0 - 2 * DAY, end: END },
    { ...ALL, percentileMethod: 'nearest_rank', bucketMs: 6 * HOUR },
  ],
  [
    'one bucket for the whole range',
    { metric: 'cpu/usage_rate', type: 'pod', namespace: 'ns-0' },
    { start: T0 + DAY + 7 * MINUTE, end: T0 + 13 * DAY },
    { ...ALL, bucketMs: 0 },
  ],
];

describe('duckdb historical queries over span tables', () => {
  it('should have merged the closed weeks (what these cases read)', async () => {
    const tables = await allRows(
      writer,
      "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'samples_w%' ORDER BY 1",
    );
    expect(tables).toEqual([[spanTable(WEEK0)], [spanTable(WEEK0 + 7)]]);
    expect(await allRows(writer, 'SELECT count(*) > 0 FROM hot')).toEqual([[true]]);
  });

  for (const [name, query, range, request] of cases) {
    it(`should agree with the plain formulation for ${name}`, async () => {
      await expectAgreesWithPlain(history, query, range, request);
    });
  }

  it('should give the stored raw points across a span boundary, on both', async () => {
    const query = pod('pod-1', 'pod-5');
    const range = { start: T0 + 13 * DAY - 2 * HOUR, end: T0 + 13 * DAY + HOUR };
    const live = await new DuckDbHistory(writer.store).points(query, range);
    expect(live.map(r => r.points.length)).toEqual([10, 10]);
    expect(live[1]?.points.map(p => p.value)).toEqual(
      live[1]?.points.map(p => cpu(5, p.timestamp)),
    );
    expect(await new DuckDbHistory(reader.store).points(query, range)).toEqual(live);
  });
});

describe('duckdb historical queries on a file without span tables (an earlier build)', () => {
  it('should read it read-only as before', async () => {
    const older = tempDirectory();
    const file = join(older.path, 'old.duckdb');
    const settings = { logger: noopLogger, clock: new ManualClock(T0) };
    const handle = acquireStore(parseConfig(parseSinkUri(`duckdb:${file}`)), settings);
    for (let t = T0; t < T0 + 2 * HOUR; t += STEP)
      await handle.store.writeBatch(batchAt(t), never());
    await handle.store.maintain();
    await handle.store.read(async connection => {
      await connection.run('DROP TABLE spans');
    });
    await handle.release();
    const old = acquireStore(parseConfig(parseSinkUri(`duckdb:${file}?read_only=true`)), settings);
    try {
      const result = await new DuckDbHistory(old.store).aggregate(
        pod('pod-0'),
        { start: T0, end: T0 + 2 * HOUR - 1 },
        { aggregations: ['count'], percentiles: [], bucketMs: HOUR },
      );
      expect(result[0]?.buckets.map(b => b.count)).toEqual([3, 3]);
    } finally {
      await old.release();
      older.remove();
    }
  });
});
