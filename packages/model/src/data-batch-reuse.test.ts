import { describe, expect, it } from '@jest/globals';
import { LabelId } from './catalogue/labels.js';
import { MetricId } from './catalogue/metric-id.js';
import { DataBatch, type DataBatchOptions } from './data-batch.js';
import { EntityType } from './entity-type.js';
import { LabelSetTable } from './label-set.js';
import { StringTable } from './string-table.js';

const P = EntityType.Pod;
const C = EntityType.PodContainer;

/** Writes `pods` pods with two containers; `variant` changes which metrics and labels appear. */
function fill(batch: DataBatch, pods: number, variant: number): void {
  const rootfs = batch.labelSets.internPair('resource_id', '/');
  for (let i = 0; i < pods; i++) {
    const pod = batch.table(P).addRow({ namespace: `ns${i % 3}`, pod: `p${i}`, node: 'n1' });
    batch.table(P).setValue(pod, MetricId.CpuUsage, i * 10 + variant);
    batch.table(P).setScrapeTime(pod, 1000 + i);
    if (variant === 0) batch.table(P).setLabel(pod, LabelId.PodId, `uid-${i}`);
    else batch.table(P).setValue(pod, MetricId.MemoryUsage, i);
    for (const name of ['app', 'sidecar']) {
      const row = batch.table(C).addRow({
        namespace: `ns${i % 3}`,
        pod: `p${i}`,
        container: name,
        ...(variant === 1 ? { node: 'n2' } : {}),
      });
      if (variant === 0 || name === 'app') batch.table(C).setValue(row, MetricId.CpuUsage, i);
      if (variant === 0) batch.table(C).setCreateTime(row, 5);
      batch.labeled.add(C, row, MetricId.FilesystemUsage, rootfs, i + variant);
    }
  }
}

/** Everything a batch holds, as text: rows, values, labels, times, labeled values. */
function dump(batch: DataBatch): string[] {
  const lines: string[] = [];
  for (const table of batch.tables()) {
    for (let row = 0; row < table.size; row++) {
      const cells = [table.key(row), table.identity(row, 'node'), table.createTime(row)];
      cells.push(table.collectionStartTime(row), table.scrapeTime(row));
      for (const id of table.metricIds()) cells.push(`m${id}=${table.value(row, id)}`);
      for (const id of table.labelIds()) cells.push(`l${id}=${table.label(row, id)}`);
      lines.push(cells.join(' '));
    }
  }
  batch.labeled.forEach((type, row, metric, set, value) =>
    lines.push(`${type}/${row} ${metric} ${set} ${value}`),
  );
  return lines;
}

function options(timestamp: number, shared: DataBatch | undefined): DataBatchOptions {
  const strings = shared?.strings ?? new StringTable();
  return {
    timestamp,
    strings,
    labelSets: shared?.labelSets ?? new LabelSetTable(strings),
    metrics: shared?.metrics,
    labels: shared?.labels,
  };
}

describe('DataBatch reuse', () => {
  it('should give a batch built on reused columns exactly what a fresh one holds', () => {
    // Sized as capacityForNext sizes (a batch that grew by doubling keeps its slack to itself).
    let old = new DataBatch({
      ...options(0, undefined),
      capacity: { [P]: 67, [C]: 118 },
      labeledCapacity: 118,
    });
    fill(old, 50, 0);
    for (const [pods, variant] of [
      [50, 1],
      [46, 0],
      [49, 1],
    ] as const) {
      const capacity = old.capacityForNext();
      const cpuColumn = old.table(C).column(MetricId.CpuUsage);
      const fresh = new DataBatch({ ...options(1, old), ...capacity });
      fill(fresh, pods, variant);
      const reused = new DataBatch({ ...options(1, old), ...capacity, reuse: old });
      fill(reused, pods, variant);
      expect(dump(reused)).toEqual(dump(fresh));
      expect(dump(reused).length).toBeGreaterThan(pods * 3);
      // The old batch is left empty, never showing the new batch's cells.
      expect(old.entityCount()).toBe(0);
      expect(old.labeled.size).toBe(0);
      expect(dump(old)).toEqual([]);
      old = reused;
      // Its columns were taken, not copied.
      expect(reused.table(C).column(MetricId.CpuUsage)).toBe(cpuColumn);
    }
  });

  it('should take the columns only when they fit, and allocate afresh otherwise', () => {
    const old = new DataBatch({ ...options(0, undefined), capacity: { [P]: 64 } });
    fill(old, 10, 0);
    const bigger = new DataBatch({ ...options(1, old), capacity: { [P]: 1000 }, reuse: old });
    fill(bigger, 200, 1);
    const fresh = new DataBatch({ ...options(1, old), capacity: { [P]: 1000 } });
    fill(fresh, 200, 1);
    expect(dump(bigger)).toEqual(dump(fresh));
    expect(old.entityCount()).toBe(0);
  });

  it('should not hand a batch that shrank by more than an eighth the old slack', () => {
    const old = new DataBatch({ ...options(0, undefined), capacity: { [C]: 2048 } });
    fill(old, 10, 0);
    const cpuColumn = old.table(C).column(MetricId.CpuUsage);
    const smaller = new DataBatch({ ...options(1, old), capacity: { [C]: 1024 }, reuse: old });
    fill(smaller, 10, 1);
    expect(smaller.table(C).column(MetricId.CpuUsage)).not.toBe(cpuColumn);
    expect(smaller.table(C).byteSize()).toBeLessThan(
      new DataBatch({ ...options(0, undefined), capacity: { [C]: 2048 } }).table(C).byteSize(),
    );
    const fresh = new DataBatch({ ...options(1, old), capacity: { [C]: 1024 } });
    fill(fresh, 10, 1);
    expect(dump(smaller)).toEqual(dump(fresh));
  });

  it('should refuse to reuse a pinned batch until every pin is released', () => {
    const old = new DataBatch(options(0, undefined));
    fill(old, 3, 0);
    const unpin = old.pin();
    const unpinToo = old.pin();
    expect(() => new DataBatch({ ...options(1, old), reuse: old })).toThrow('pinned');
    unpin();
    unpin(); // releasing twice counts once
    expect(old.pinned).toBe(true);
    unpinToo();
    expect(old.pinned).toBe(false);
    const reused = new DataBatch({ ...options(1, old), reuse: old });
    fill(reused, 3, 1);
    expect(reused.table(P).size).toBe(3);
  });
});
