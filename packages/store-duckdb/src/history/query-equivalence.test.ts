import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { StoreHandle } from '../store-registry.js';
import { DAY, HOUR, MINUTE, T0 } from '../testing/batches.js';
import { sixPodCpu } from '../testing/plain-aggregate.js';
import {
  EVERY_AGGREGATION,
  expectAgreesWithPlain,
  sixPodHistory,
  type SixPodHistory,
} from '../testing/six-pod-history.js';
import { DuckDbHistory } from './duckdb-history.js';
import type { AggregationRequest, MetricQuery } from './historical-store.js';

// The query layer's fast path (pooled connections, prepared statements, a cached catalog for
// read-only files, grouping on series ids, a materialized scan) against the formulation it
// replaced: inline SQL on a fresh connection, every partition plus the tail, groups joined in
// from a VALUES list, one GROUP BY over the union.

const STEP = 5 * MINUTE;
const END = T0 + 2 * DAY - STEP;
const RECREATED = T0 + DAY + 2 * HOUR; // pod-1 is replaced by a new pod of the same name
const cpu = (pod: number, t: number): number => sixPodCpu(pod, t, STEP);

let history: SixPodHistory;
let writer: StoreHandle;
let reader: StoreHandle;

beforeAll(async () => {
  history = await sixPodHistory({
    stepMs: STEP,
    endMs: END,
    recreatedAt: RECREATED,
    beforeWrite: async (t, handle) => {
      if (t === T0 + DAY / 2 || t === T0 + DAY + HOUR) await handle.store.maintain();
    },
  });
  ({ writer, reader } = history);
}, 120_000);

afterAll(() => history.close());

const ALL = EVERY_AGGREGATION;
const cases: [string, MetricQuery, { start: number; end: number }, AggregationRequest][] = [
  [
    'one pod, every aggregation per hour, over partitions and the tail',
    { metric: 'cpu/usage_rate', type: 'pod', namespace: 'ns-0', pods: ['pod-2'] },
    { start: T0, end: END },
    ALL,
  ],
  [
    'a namespace pooled (its recreated pod has two series), nearest rank, 3 h buckets',
    { metric: 'cpu/usage_rate', type: 'pod', namespace: 'ns-1' },
    { start: T0 + 7 * HOUR + 17 * MINUTE, end: T0 + DAY + 5 * HOUR },
    { ...ALL, percentileMethod: 'nearest_rank', bucketMs: 3 * HOUR },
  ],
  [
    'a pod list, one series per pod (grouped on series ids)',
    { metric: 'cpu/usage_rate', type: 'pod', pods: ['pod-4', 'pod-0', 'pod-2'], groupBy: 'pod' },
    { start: T0 + DAY - 3 * HOUR, end: T0 + DAY + 4 * HOUR },
    { aggregations: ['count', 'average'], percentiles: [95], bucketMs: HOUR },
  ],
  [
    'a pod list with the recreated pod (two series in one group, joined)',
    { metric: 'cpu/usage_rate', type: 'pod', pods: ['pod-1', 'pod-3', 'pod-9'], groupBy: 'pod' },
    { start: T0 + DAY, end: END },
    { aggregations: ['count', 'average', 'max'], percentiles: [95], bucketMs: HOUR },
  ],
  [
    'one bucket for the whole range',
    { metric: 'cpu/usage_rate', type: 'pod', namespace: 'ns-0' },
    { start: T0 - DAY, end: T0 + DAY + 30 * MINUTE },
    { ...ALL, bucketMs: 0 },
  ],
];

describe('duckdb historical queries: the fast path answers as the replaced one', () => {
  for (const [name, query, range, request] of cases) {
    it(`should agree for ${name}, on the writer and on its read-only snapshot`, async () => {
      await expectAgreesWithPlain(history, query, range, request);
    });
  }

  it('should give the same raw points on the writer and on the snapshot', async () => {
    const query: MetricQuery = {
      metric: 'cpu/usage_rate',
      type: 'pod',
      pods: ['pod-1', 'pod-3'],
      groupBy: 'pod',
    };
    const range = { start: RECREATED - HOUR, end: RECREATED + HOUR };
    const live = await new DuckDbHistory(writer.store).points(query, range);
    expect(live.map(r => r.points.length)).toEqual([25, 25]);
    expect(live[0]?.points.map(p => p.value)).toEqual(
      live[0]?.points.map(p => cpu(1, p.timestamp)),
    );
    expect(await new DuckDbHistory(reader.store).points(query, range)).toEqual(live);
  });
});
