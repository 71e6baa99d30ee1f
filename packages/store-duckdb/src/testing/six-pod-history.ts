import { join } from 'node:path';
import { expect } from '@jest/globals';
import { ManualClock, noopLogger } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { parseConfig } from '../config.js';
import { DuckDbHistory } from '../history/duckdb-history.js';
import type { AggregationRequest, MetricQuery } from '../history/historical-store.js';
import { acquireStore, type StoreHandle } from '../store-registry.js';
import { HOUR, T0, never, tempDirectory } from './batches.js';
import { expectSameAggregates, plainAggregate, sixPodBatch } from './plain-aggregate.js';

/** Every aggregation and three percentiles, per hour: what the equivalence tests ask first. */
export const EVERY_AGGREGATION: AggregationRequest = {
  aggregations: ['average', 'max', 'min', 'median', 'count'],
  percentiles: [50, 95, 99.9],
  bucketMs: HOUR,
};

export interface SixPodHistory {
  readonly writer: StoreHandle;
  /** A read-only store on the writer's snapshot. */
  readonly reader: StoreHandle;
  close(): Promise<void>;
}

/**
 * A store written with the six-pod cluster every `stepMs` from T0 to `endMs` (pod-1 recreated
 * at `recreatedAt`), and a read-only store on its snapshot. `beforeWrite` runs before each
 * batch, with the writer and its clock (to close weeks, run maintenance).
 */
export async function sixPodHistory(options: {
  readonly stepMs: number;
  readonly endMs: number;
  readonly recreatedAt: number;
  readonly beforeWrite?: (t: number, writer: StoreHandle, clock: ManualClock) => Promise<void>;
}): Promise<SixPodHistory> {
  const dir = tempDirectory();
  const file = join(dir.path, 'history.duckdb');
  const clock = new ManualClock(T0);
  const settings = { logger: noopLogger, clock, reopenCheckMs: 0 };
  const writer = acquireStore(parseConfig(parseSinkUri(`duckdb:${file}?retention=0`)), settings);
  for (let t = T0; t <= options.endMs; t += options.stepMs) {
    await options.beforeWrite?.(t, writer, clock);
    await writer.store.writeBatch(sixPodBatch(t, options.stepMs, options.recreatedAt), never());
  }
  await writer.store.idle();
  const snapshot = await writer.store.snapshot();
  const reader = acquireStore(
    parseConfig(parseSinkUri(`duckdb:${snapshot}?read_only=true`)),
    settings,
  );
  return {
    writer,
    reader,
    close: async () => {
      await reader.release();
      await writer.release();
      dir.remove();
    },
  };
}

/**
 * The query answered by the store's query layer, on the writer and on its read-only snapshot,
 * twice each (the second run reuses prepared statements and cached lookups), equals the plain
 * formulation on the writer — which must have some non-empty bucket.
 */
export async function expectAgreesWithPlain(
  history: SixPodHistory,
  query: MetricQuery,
  range: { start: number; end: number },
  request: AggregationRequest,
): Promise<void> {
  const expected = await plainAggregate(history.writer, query, range, request);
  expect(expected.flatMap(r => r.buckets).some(b => (b.count ?? 1) > 0)).toBe(true);
  for (const handle of [history.writer, history.reader]) {
    const answers = new DuckDbHistory(handle.store);
    expectSameAggregates(await answers.aggregate(query, range, request), expected);
    expectSameAggregates(await answers.aggregate(query, range, request), expected);
  }
}
