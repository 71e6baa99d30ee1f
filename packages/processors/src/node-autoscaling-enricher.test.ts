import { describe, expect, it } from '@jest/globals';
import { EntityType, LabelId, MetricId } from '@heapster/model';
import { LabelCopier } from './label-copier.js';
import { NodeAutoscalingEnricher } from './node-autoscaling-enricher.js';
import { addRow, BatchFactory, nodeSource, valueOf } from './testing/batch-fixtures.js';

const NODES = nodeSource({
  'node-1': {
    labels: { zone: 'a', 'kubernetes.io/hostname': 'node-1' },
    capacity: { cpuMillis: 4_000, memoryBytes: 16e9, ephemeralBytes: 100e9 },
    allocatable: { cpuMillis: 3_800, memoryBytes: 15e9, ephemeralBytes: 90e9 },
  },
  'node-2': { labels: {}, capacity: { cpuMillis: 2_000 }, allocatable: { cpuMillis: 0 } },
});

function enrich(node: string, values: Record<number, number>) {
  const batch = new BatchFactory().batch(0);
  addRow(batch, EntityType.Node, { node, values });
  new NodeAutoscalingEnricher({
    nodes: NODES,
    labelCopier: new LabelCopier({ storeLabels: ['zone'] }),
  }).process(batch);
  return {
    batch,
    value: (metricId: number) => valueOf(batch, EntityType.Node, { node }, metricId),
  };
}

describe('NodeAutoscalingEnricher', () => {
  it('should write capacity, allocatable, utilisation and reservation ratios', () => {
    const { batch, value } = enrich('node-1', {
      [MetricId.CpuUsageRate]: 950,
      [MetricId.CpuRequest]: 1_900,
      [MetricId.MemoryUsage]: 6e9,
      [MetricId.MemoryWorkingSet]: 3e9,
      [MetricId.MemoryRequest]: 7.5e9,
      [MetricId.EphemeralStorageUsage]: 9e9,
      [MetricId.EphemeralStorageRequest]: 45e9,
    });
    expect(value(MetricId.CpuNodeCapacity)).toBe(4_000);
    expect(value(MetricId.CpuNodeAllocatable)).toBe(3_800);
    expect(value(MetricId.CpuNodeUtilization)).toBe(0.25);
    expect(value(MetricId.CpuNodeReservation)).toBe(0.5);
    expect(value(MetricId.MemoryNodeCapacity)).toBe(16e9);
    expect(value(MetricId.MemoryNodeAllocatable)).toBe(15e9);
    expect(value(MetricId.MemoryNodeUtilization)).toBe(0.4);
    expect(value(MetricId.MemoryNodeWorkingSetUtilization)).toBe(0.2);
    expect(value(MetricId.MemoryNodeReservation)).toBe(0.5);
    expect(value(MetricId.EphemeralStorageNodeCapacity)).toBe(100e9);
    expect(value(MetricId.EphemeralStorageNodeAllocatable)).toBe(90e9);
    expect(value(MetricId.EphemeralStorageNodeUtilization)).toBe(0.1);
    expect(value(MetricId.EphemeralStorageNodeReservation)).toBe(0.5);
    expect(batch.label(EntityType.Node, 0, LabelId.Labels)).toBe(
      'kubernetes.io/hostname:node-1,zone:a',
    );
    expect(batch.table(EntityType.Node).label(0, batch.labels.byKey('zone')!.id)).toBe('a');
  });

  it('should write no utilisation without usage, and a zero reservation without requests', () => {
    const { value } = enrich('node-1', {});
    expect(value(MetricId.CpuNodeUtilization)).toBeNaN();
    expect(value(MetricId.MemoryNodeUtilization)).toBeNaN();
    expect(value(MetricId.MemoryNodeWorkingSetUtilization)).toBeNaN();
    expect(value(MetricId.CpuNodeReservation)).toBe(0);
    expect(value(MetricId.MemoryNodeReservation)).toBe(0);
  });

  it('should write no ratio for a zero allocatable and nothing the node does not report', () => {
    const { value } = enrich('node-2', { [MetricId.CpuUsageRate]: 100 });
    expect(value(MetricId.CpuNodeCapacity)).toBe(2_000);
    expect(value(MetricId.CpuNodeAllocatable)).toBe(0);
    expect(value(MetricId.CpuNodeUtilization)).toBeNaN();
    expect(value(MetricId.CpuNodeReservation)).toBeNaN();
    expect(value(MetricId.MemoryNodeCapacity)).toBeNaN();
    expect(value(MetricId.EphemeralStorageNodeCapacity)).toBeNaN();
  });

  it('should leave nodes the source does not know alone', () => {
    const { batch } = enrich('node-9', { [MetricId.CpuUsageRate]: 1 });
    expect(batch.table(EntityType.Node).metricIds()).toEqual([MetricId.CpuUsageRate]);
  });
});
