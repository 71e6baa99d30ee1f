import { describe, expect, it } from '@jest/globals';
import { LabelId } from './catalogue/labels.js';
import { MetricId } from './catalogue/metric-id.js';
import { DataBatch } from './data-batch.js';
import { EntityType } from './entity-type.js';
import { LabelSetTable } from './label-set.js';
import { StringTable } from './string-table.js';

describe('DataBatch', () => {
  it('should enumerate type, identity labels and label columns with Heapster keys', () => {
    const batch = new DataBatch({ timestamp: 60_000 });
    const containers = batch.table(EntityType.PodContainer);
    const row = containers.addRow({
      namespace: 'default',
      pod: 'web-1',
      container: 'nginx',
      node: 'node-1',
    });
    batch.setLabel(EntityType.PodContainer, row, LabelId.PodId, 'uid-1');
    batch.setLabel(EntityType.PodContainer, row, LabelId.ContainerBaseImage, 'nginx:1.25');
    const labels: [string, string][] = [];
    batch.forEachLabel(EntityType.PodContainer, row, (key, value) => labels.push([key, value]));
    expect(labels).toEqual([
      ['type', 'pod_container'],
      ['namespace_name', 'default'],
      ['pod_name', 'web-1'],
      ['container_name', 'nginx'],
      ['nodename', 'node-1'],
      ['pod_id', 'uid-1'],
      ['container_base_image', 'nginx:1.25'],
    ]);
  });

  it('should route identity labels to the identity columns', () => {
    const batch = new DataBatch({ timestamp: 0 });
    const row = batch.table(EntityType.Pod).addRow({ namespace: 'a', pod: 'p' });
    batch.setLabel(EntityType.Pod, row, LabelId.Nodename, 'node-9');
    expect(batch.table(EntityType.Pod).identity(row, 'node')).toBe('node-9');
    expect(batch.label(EntityType.Pod, row, LabelId.Nodename)).toBe('node-9');
    expect(batch.label(EntityType.Pod, row, LabelId.Type)).toBe('pod');
    expect(() => batch.setLabel(EntityType.Pod, row, LabelId.Type, 'x')).toThrow('type label');
  });

  it('should count entities and set values', () => {
    const batch = new DataBatch({ timestamp: 0 });
    const nodes = batch.table(EntityType.Node);
    const row = nodes.addRow({ node: 'n' });
    nodes.setValue(row, MetricId.CpuUsageRate, 250.5);
    nodes.setValue(row, MetricId.MemoryUsage, 1024);
    batch.labeled.add(
      EntityType.Node,
      row,
      MetricId.FilesystemUsage,
      batch.labelSets.internPair('resource_id', '/'),
      5,
    );
    expect(batch.entityCount()).toBe(1);
    expect(batch.valueCount()).toBe(3);
    expect(batch.byteSize()).toBeGreaterThan(0);
  });

  it('sizes the next batch from this one, so that its columns are allocated once and fit', () => {
    const fill = (batch: DataBatch): void => {
      const pods = batch.table(EntityType.Pod);
      for (let i = 0; i < 1500; i++) {
        const row = pods.addRow({ namespace: 'ns', pod: `p-${i}` });
        pods.setValue(row, MetricId.MemoryUsage, i);
        batch.labeled.add(EntityType.Pod, row, MetricId.FilesystemUsage, 0, i);
        batch.labeled.add(EntityType.Pod, row, MetricId.FilesystemLimit, 0, i);
      }
    };
    const first = new DataBatch({ timestamp: 0 });
    fill(first);
    const next = new DataBatch({ timestamp: 1, ...first.capacityForNext() });
    fill(next);
    expect(next.table(EntityType.Pod).size).toBe(1500);
    expect(next.labeled.size).toBe(3000);
    expect(next.labeled.value(2999)).toBe(1499);
    // The doubling batch holds 2,048 pod rows and 4,096 labeled values; the sized one about fit.
    expect(next.byteSize()).toBeLessThan(first.byteSize());
    const { capacity, labeledCapacity } = first.capacityForNext();
    expect(capacity[EntityType.Pod]).toBeGreaterThanOrEqual(1500);
    expect(capacity[EntityType.Pod]).toBeLessThan(1560);
    expect(labeledCapacity).toBeGreaterThanOrEqual(3000);
    expect(labeledCapacity).toBeLessThan(3100);
  });

  it('shares a label-set table between batches built on the same string table', () => {
    const strings = new StringTable();
    const labelSets = new LabelSetTable(strings);
    const first = new DataBatch({ timestamp: 0, strings, labelSets });
    const second = new DataBatch({ timestamp: 1, strings, labelSets });
    const id = first.labelSets.internPair('resource_id', 'Volume:data');
    expect(second.labelSets.internPair('resource_id', 'Volume:data')).toBe(id);
    expect(second.labelSets.get(id)).toEqual([{ key: 'resource_id', value: 'Volume:data' }]);
    expect(() => new DataBatch({ timestamp: 2, labelSets })).toThrow(/string table/);
  });

  it('should register dynamic metrics in the shared catalogue', () => {
    const first = new DataBatch({ timestamp: 0 });
    const second = new DataBatch({ timestamp: 1, metrics: first.metrics });
    const gpu = first.metrics.ensure('nvidia.com/gpu/request');
    expect(second.metrics.byName('nvidia.com/gpu/request')?.id).toBe(gpu.id);
  });
});
