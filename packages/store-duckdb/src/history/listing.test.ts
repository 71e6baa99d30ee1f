import { afterEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { DataBatch, EntityType, LabelId, MetricId } from '@heapster/model';
import { ManualClock, noopLogger } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { parseConfig } from '../config.js';
import { acquireStore } from '../store-registry.js';
import { MINUTE, T0, never, tempDirectory } from '../testing/batches.js';
import { DuckDbHistory } from './duckdb-history.js';

const HOUR = 60 * MINUTE;
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const job of cleanup.splice(0).reverse()) await job();
});

function podsAt(timestamp: number, pods: readonly string[]): DataBatch {
  const batch = new DataBatch({ timestamp });
  for (const pod of pods) {
    const row = batch.table(EntityType.Pod).addRow({ namespace: 'web', pod, node: `node-${pod}` });
    batch.setLabel(EntityType.Pod, row, LabelId.PodId, `uid-${pod}`);
    batch.table(EntityType.Pod).setValue(row, MetricId.MemoryUsage, 1);
  }
  return batch;
}

describe('duckdb entity listings', () => {
  it('should list only what was seen during the range, as pods come and go', async () => {
    const dir = tempDirectory();
    const clock = new ManualClock(T0);
    const handle = acquireStore(parseConfig(parseSinkUri(`duckdb:${join(dir.path, 'l.duckdb')}`)), {
      logger: noopLogger,
      clock,
    });
    cleanup.push(dir.remove, () => handle.release());
    for (let t = T0; t < T0 + HOUR; t += 5 * MINUTE)
      await handle.store.writeBatch(podsAt(t, ['a', 'b']), never());
    for (let t = T0 + HOUR; t < T0 + 3 * HOUR; t += 5 * MINUTE)
      await handle.store.writeBatch(podsAt(t, ['b', 'c']), never());
    const history = new DuckDbHistory(handle.store);
    const pods = (start: number, end: number) =>
      history.entities('pod', { type: 'pod', namespace: 'web' }, { start, end });
    expect(await pods(T0, T0 + 30 * MINUTE)).toEqual(['a', 'b']);
    expect(await pods(T0 + 90 * MINUTE, T0 + 3 * HOUR)).toEqual(['b', 'c']);
    expect(await pods(T0, T0 + 3 * HOUR)).toEqual(['a', 'b', 'c']);
    expect(
      await history.entities('node', { type: 'pod' }, { start: T0 + 2 * HOUR, end: T0 + 2 * HOUR }),
    ).toEqual(['node-b', 'node-c']);
    expect(
      await history.entities(
        'pod_id',
        { type: 'pod', pods: ['a'] },
        { start: T0, end: T0 + 3 * HOUR },
      ),
    ).toEqual(['uid-a']);
  });
});
