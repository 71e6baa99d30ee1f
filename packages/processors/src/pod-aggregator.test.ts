import { describe, expect, it } from '@jest/globals';
import { EntityType, LabelId, MetricId } from '@heapster/model';
import { PodAggregator } from './pod-aggregator.js';
import { addRow, BatchFactory, hostLabels, labelOf, valueOf } from './testing/batch-fixtures.js';

const C = EntityType.PodContainer;
const P = EntityType.Pod;
const WEB = { namespace: 'shop', pod: 'web' };

describe('PodAggregator', () => {
  it('should sum flagged container metrics into the pod, skipping counters and labeled values', () => {
    const factory = new BatchFactory();
    const batch = factory.batch(0);
    const custom = factory.metrics.ensure('custom/queue_length').id;
    addRow(batch, P, { ...WEB, node: 'node-1' });
    for (const [container, cpu, memory] of [
      ['a', 100.25, 1_000],
      ['b', 50.5, 2_000],
    ] as const) {
      const row = addRow(batch, C, {
        ...WEB,
        container,
        node: 'node-1',
        values: {
          [MetricId.CpuUsageRate]: cpu,
          [MetricId.MemoryUsage]: memory,
          [MetricId.CpuUsage]: 9e9,
          [MetricId.Uptime]: 60_000,
          [MetricId.CpuRequest]: 100,
          [MetricId.RestartCount]: 2,
          [custom]: 3,
        },
      });
      batch.labeled.add(
        C,
        row,
        MetricId.FilesystemUsage,
        batch.labelSets.internPair('resource_id', '/'),
        7,
      );
    }
    new PodAggregator().process(batch);
    const pod = (metricId: number): number => valueOf(batch, P, WEB, metricId);
    expect(pod(MetricId.CpuUsageRate)).toBe(150.75);
    expect(pod(MetricId.MemoryUsage)).toBe(3_000);
    expect(pod(MetricId.CpuRequest)).toBe(200);
    expect(pod(MetricId.RestartCount)).toBe(4);
    expect(pod(custom)).toBe(6);
    expect(pod(MetricId.CpuUsage)).toBeNaN();
    expect(pod(MetricId.Uptime)).toBeNaN();
    expect(batch.labeled.size).toBe(2);
  });

  it("should keep a pod's own value from the source instead of summing its containers", () => {
    const batch = new BatchFactory().batch(0);
    addRow(batch, P, {
      ...WEB,
      values: { [MetricId.CpuUsageRate]: 500, [MetricId.MemoryWorkingSet]: 42 },
    });
    addRow(batch, P, { namespace: 'shop', pod: 'api' });
    addRow(batch, C, {
      ...WEB,
      container: 'a',
      values: { [MetricId.CpuUsageRate]: 100, [MetricId.MemoryUsage]: 7 },
    });
    addRow(batch, C, {
      namespace: 'shop',
      pod: 'api',
      container: 'a',
      values: { [MetricId.CpuUsageRate]: 30 },
    });
    new PodAggregator().process(batch);
    expect(valueOf(batch, P, WEB, MetricId.CpuUsageRate)).toBe(500);
    expect(valueOf(batch, P, WEB, MetricId.MemoryWorkingSet)).toBe(42);
    expect(valueOf(batch, P, WEB, MetricId.MemoryUsage)).toBe(7);
    expect(valueOf(batch, P, { namespace: 'shop', pod: 'api' }, MetricId.CpuUsageRate)).toBe(30);
  });

  it('should create a missing pod row with the labels of its container', () => {
    const batch = new BatchFactory().batch(0);
    addRow(batch, C, {
      ...WEB,
      container: 'a',
      node: 'node-1',
      values: { [MetricId.MemoryUsage]: 5 },
      labels: {
        ...hostLabels('node-1'),
        [LabelId.PodId]: 'uid-web',
        [LabelId.NamespaceId]: 'uid-shop',
        [LabelId.ContainerBaseImage]: 'x',
      },
    });
    addRow(batch, C, {
      namespace: '',
      pod: '',
      container: 'stray',
      values: { [MetricId.MemoryUsage]: 1 },
    });
    new PodAggregator().process(batch);
    expect(batch.table(P).size).toBe(1);
    expect(valueOf(batch, P, WEB, MetricId.MemoryUsage)).toBe(5);
    expect(batch.table(P).identity(0, 'node')).toBe('node-1');
    for (const [labelId, value] of [
      [LabelId.PodId, 'uid-web'],
      [LabelId.NamespaceId, 'uid-shop'],
      [LabelId.Hostname, 'node-1.example'],
      [LabelId.HostId, 'id-node-1'],
      [LabelId.ContainerBaseImage, ''],
    ] as const)
      expect(labelOf(batch, P, WEB, labelId)).toBe(value);
  });

  it('should keep pods with one name in two namespaces apart', () => {
    const batch = new BatchFactory().batch(0);
    for (const [namespace, memory] of [
      ['a', 1],
      ['b', 10],
      ['c', 100],
    ] as const) {
      if (namespace !== 'c') addRow(batch, P, { namespace, pod: 'web-0' });
      addRow(batch, C, {
        namespace,
        pod: 'web-0',
        container: 'x',
        values: { [MetricId.MemoryUsage]: memory },
      });
      addRow(batch, C, {
        namespace,
        pod: 'web-0',
        container: 'y',
        values: { [MetricId.MemoryUsage]: memory },
      });
    }
    new PodAggregator().process(batch);
    expect(batch.table(P).size).toBe(3);
    expect(valueOf(batch, P, { namespace: 'a', pod: 'web-0' }, MetricId.MemoryUsage)).toBe(2);
    expect(valueOf(batch, P, { namespace: 'b', pod: 'web-0' }, MetricId.MemoryUsage)).toBe(20);
    expect(valueOf(batch, P, { namespace: 'c', pod: 'web-0' }, MetricId.MemoryUsage)).toBe(200);
  });
});
