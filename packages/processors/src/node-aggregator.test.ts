import { describe, expect, it } from '@jest/globals';
import { EntityType, MetricId } from '@heapster/model';
import { NodeAggregator } from './node-aggregator.js';
import { addRow, BatchFactory, valueOf } from './testing/batch-fixtures.js';

describe('NodeAggregator', () => {
  it('should sum pod requests and limits into existing node rows only', () => {
    const batch = new BatchFactory().batch(0);
    addRow(batch, EntityType.Node, { node: 'node-1', values: { [MetricId.CpuUsageRate]: 900 } });
    const pod = (name: string, node: string | undefined) =>
      addRow(batch, EntityType.Pod, {
        namespace: 'shop',
        pod: name,
        ...(node === undefined ? {} : { node }),
        values: {
          [MetricId.CpuRequest]: 100,
          [MetricId.CpuLimit]: 150,
          [MetricId.MemoryRequest]: 1_000,
          [MetricId.MemoryLimit]: 1_500,
          [MetricId.EphemeralStorageRequest]: 10,
          [MetricId.EphemeralStorageLimit]: 20,
          [MetricId.CpuUsageRate]: 300,
        },
      });
    pod('a', 'node-1');
    pod('b', 'node-1');
    pod('c', 'node-2');
    pod('d', undefined);
    new NodeAggregator().process(batch);
    const node = (metricId: number): number =>
      valueOf(batch, EntityType.Node, { node: 'node-1' }, metricId);
    expect(batch.table(EntityType.Node).size).toBe(1);
    expect(node(MetricId.CpuRequest)).toBe(200);
    expect(node(MetricId.CpuLimit)).toBe(300);
    expect(node(MetricId.MemoryRequest)).toBe(2_000);
    expect(node(MetricId.MemoryLimit)).toBe(3_000);
    expect(node(MetricId.EphemeralStorageRequest)).toBe(20);
    expect(node(MetricId.EphemeralStorageLimit)).toBe(40);
    // Usage is the node's own (from the kubelet), never a sum of pods.
    expect(node(MetricId.CpuUsageRate)).toBe(900);
  });
});
