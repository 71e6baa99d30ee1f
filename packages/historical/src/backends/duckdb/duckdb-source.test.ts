import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { noopLogger, systemClock } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { acquireStore, duckdbSinkFactory, parseConfig } from '@heapster/store-duckdb';
import { createHistoricalSource } from '../../create-historical-source.js';
import { describeConformance } from '../../testing/conformance.js';
import { buildDataset, HOUR, T0 } from '../../testing/dataset.js';
import { writeThroughSink } from '../../testing/write-through-sink.js';

const settings = { logger: noopLogger, clock: systemClock };
const signal = new AbortController().signal;

function temporaryFile(): { file: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'historical-duckdb-'));
  return {
    file: join(dir, 'heapster.duckdb'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

for (const method of ['linear', 'nearest_rank'] as const) {
  describeConformance(
    `DuckDB (${method})`,
    method === 'linear' ? 'linear' : 'nearest-rank',
    async dataset => {
      const { file, remove } = temporaryFile();
      const uri = `duckdb:${file}?retention=0`;
      // The source is created first so that the sink's writes and its reads share one store.
      const source = createHistoricalSource(`${uri}&percentile=${method}`, settings);
      await writeThroughSink(duckdbSinkFactory, uri, dataset.batches);
      return {
        source,
        stop: async () => {
          await source.close();
          remove();
        },
      };
    },
  );
}

describe('DuckDB from another process: the writer snapshot, read-only', () => {
  const { file, remove } = temporaryFile();
  let handle: ReturnType<typeof acquireStore>;
  beforeAll(async () => {
    const uri = `duckdb:${file}?retention=0`;
    handle = acquireStore(parseConfig(parseSinkUri(uri)), settings);
    await writeThroughSink(duckdbSinkFactory, uri, buildDataset().batches);
    await handle.store.snapshot();
  }, 120_000);
  afterAll(async () => {
    await handle.release();
    remove();
  });

  it('reads the snapshot even with read_only omitted, and bounds listings by time', async () => {
    const source = createHistoricalSource(`duckdb:${file}.snapshot`, {
      ...settings,
      readOnly: true,
    });
    await source.ping({ signal });
    const late = { start: T0 + 5 * HOUR, end: T0 + 6 * HOUR };
    expect(
      await source.entities('pod', { type: 'pod', namespace: 'ns-a' }, late, { signal }),
    ).toEqual(['web-0']);
    const [result] = await source.aggregate(
      { type: 'pod', namespace: 'ns-a', pods: ['web-0'], metric: 'cpu/usage_rate' },
      late,
      { aggregations: ['count'], percentiles: [], bucketMs: HOUR },
      { signal },
    );
    // 240 samples on the 15 s grid, plus the two written 1 ms and 7 ms after 05:00.
    expect(result?.buckets[0]?.count).toBe(242);
    await source.close();
  });

  it('is not ready while the file does not exist', async () => {
    const source = createHistoricalSource(`duckdb:${file}.missing`, {
      ...settings,
      readOnly: true,
    });
    await expect(source.ping({ signal })).rejects.toThrow(/does not exist/);
    await source.close();
  });
});
