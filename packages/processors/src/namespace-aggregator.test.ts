import { describe, expect, it } from '@jest/globals';
import { EntityType, LabelId, MetricId } from '@heapster/model';
import { NamespaceAggregator } from './namespace-aggregator.js';
import { addRow, BatchFactory, labelOf, valueOf } from './testing/batch-fixtures.js';

describe('NamespaceAggregator', () => {
  it('should create namespace rows and sum the six namespace metrics of their pods', () => {
    const batch = new BatchFactory().batch(0);
    const values = (cpu: number, memory: number) => ({
      [MetricId.CpuUsageRate]: cpu,
      [MetricId.MemoryUsage]: memory,
      [MetricId.CpuRequest]: 100,
      [MetricId.CpuLimit]: 200,
      [MetricId.MemoryRequest]: 1_000,
      [MetricId.MemoryLimit]: 2_000,
      [MetricId.MemoryWorkingSet]: 5,
      [MetricId.EphemeralStorageRequest]: 9,
    });
    addRow(batch, EntityType.Pod, {
      namespace: 'shop',
      pod: 'a',
      values: values(0.25, 10),
      labels: { [LabelId.NamespaceId]: 'uid-shop' },
    });
    addRow(batch, EntityType.Pod, { namespace: 'shop', pod: 'b', values: values(0.5, 20) });
    addRow(batch, EntityType.Pod, {
      namespace: 'ops',
      pod: 'c',
      values: { [MetricId.MemoryUsage]: 1 },
    });
    addRow(batch, EntityType.Pod, { namespace: '', pod: 'stray', values: values(9, 9) });
    new NamespaceAggregator().process(batch);
    const shop = (metricId: number): number =>
      valueOf(batch, EntityType.Namespace, { namespace: 'shop' }, metricId);
    expect(batch.table(EntityType.Namespace).size).toBe(2);
    expect(shop(MetricId.CpuUsageRate)).toBe(0.75);
    expect(shop(MetricId.MemoryUsage)).toBe(30);
    expect(shop(MetricId.CpuRequest)).toBe(200);
    expect(shop(MetricId.CpuLimit)).toBe(400);
    expect(shop(MetricId.MemoryRequest)).toBe(2_000);
    expect(shop(MetricId.MemoryLimit)).toBe(4_000);
    expect(shop(MetricId.MemoryWorkingSet)).toBeNaN();
    expect(shop(MetricId.EphemeralStorageRequest)).toBeNaN();
    expect(labelOf(batch, EntityType.Namespace, { namespace: 'shop' }, LabelId.NamespaceId)).toBe(
      'uid-shop',
    );
    expect(valueOf(batch, EntityType.Namespace, { namespace: 'ops' }, MetricId.MemoryUsage)).toBe(
      1,
    );
    expect(
      valueOf(batch, EntityType.Namespace, { namespace: 'ops' }, MetricId.CpuUsageRate),
    ).toBeNaN();
  });
});
