import { describe, expect, it } from '@jest/globals';
import { MetricId, type DataBatch } from '@heapster/model';
import { RecentStore } from './recent-store.js';
import { BatchBuilder, type Values } from './testing/batch-builder.js';

const R = 15_000;
const rate = { [MetricId.CpuUsageRate]: 12.5, [MetricId.MemoryWorkingSet]: 1024 };
const memoryOnly = { [MetricId.MemoryWorkingSet]: 1024 };

function batch(t: number, node: Values | undefined, pods: Values[], shared?: DataBatch): DataBatch {
  const b = new BatchBuilder(t, shared);
  if (node !== undefined) b.node('n1', node);
  pods.forEach((values, i) => b.pod('default', `p${i}`, 'n1', values));
  return b.batch;
}

describe('RecentStore readiness', () => {
  it('should become ready once the newest batch has CPU rates for nodes and pods', () => {
    const store = new RecentStore({ resolutionMs: R });
    expect(store.readiness()).toEqual({ ready: false, reason: 'no batch has been stored yet' });

    store.add(batch(0, undefined, [rate]));
    expect(store.readiness()).toEqual({
      ready: false,
      reason: 'the batch of 1970-01-01T00:00:00.000Z has no nodes',
    });

    store.add(batch(R, memoryOnly, [memoryOnly]));
    expect(store.readiness().ready).toBe(false);
    expect(store.readiness().reason).toContain('none of the 1 nodes');

    store.add(batch(2 * R, rate, [memoryOnly, memoryOnly]));
    expect(store.readiness().ready).toBe(false);
    expect(store.readiness().reason).toContain('none of the 2 pods');

    store.add(batch(3 * R, rate, [memoryOnly, rate]));
    expect(store.readiness()).toEqual({
      ready: true,
      reason:
        '1 of 1 nodes and 1 of 2 pods have CPU rates in the batch of 1970-01-01T00:00:45.000Z',
    });

    // Readiness follows the newest batch: a batch without rates (e.g. after a restart of every
    // kubelet) makes the store unready again.
    store.add(batch(4 * R, memoryOnly, [memoryOnly]));
    expect(store.readiness().ready).toBe(false);
  });

  it('should not wait for pod rates in a cluster without pods', () => {
    const store = new RecentStore({ resolutionMs: R });
    store.add(batch(0, rate, []));
    expect(store.readiness().ready).toBe(true);
  });
});
