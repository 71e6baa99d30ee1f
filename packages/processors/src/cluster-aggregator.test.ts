import { describe, expect, it } from '@jest/globals';
import { EntityType, MetricId } from '@heapster/model';
import { ClusterAggregator } from './cluster-aggregator.js';
import { addRow, BatchFactory } from './testing/batch-fixtures.js';

describe('ClusterAggregator', () => {
  it('should sum namespace values into the cluster row', () => {
    const batch = new BatchFactory().batch(0);
    addRow(batch, EntityType.Namespace, {
      namespace: 'a',
      values: { [MetricId.CpuUsageRate]: 0.1, [MetricId.MemoryLimit]: 5 },
    });
    addRow(batch, EntityType.Namespace, {
      namespace: 'b',
      values: { [MetricId.CpuUsageRate]: 0.2, [MetricId.MemoryRequest]: 7 },
    });
    new ClusterAggregator().process(batch);
    const cluster = batch.table(EntityType.Cluster);
    expect(cluster.size).toBe(1);
    expect(cluster.key(0)).toBe('cluster');
    expect(cluster.value(0, MetricId.CpuUsageRate)).toBe(0.1 + 0.2);
    expect(cluster.value(0, MetricId.MemoryLimit)).toBe(5);
    expect(cluster.value(0, MetricId.MemoryRequest)).toBe(7);
  });

  it('should always create the cluster row, even for an empty batch', () => {
    const batch = new BatchFactory().batch(0);
    new ClusterAggregator().process(batch);
    expect(batch.table(EntityType.Cluster).size).toBe(1);
    expect(batch.table(EntityType.Cluster).metricIds()).toEqual([]);
  });
});
