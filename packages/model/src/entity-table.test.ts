import { describe, expect, it } from '@jest/globals';
import { EntityTable } from './entity-table.js';
import { EntityType } from './entity-type.js';
import { StringTable } from './string-table.js';

const CPU = 3;
const MEMORY = 7;
const LABEL_IMAGE = 2;

function containers(capacity = 1): EntityTable {
  return new EntityTable(EntityType.PodContainer, new StringTable(), capacity);
}

describe('EntityTable', () => {
  it('should build Heapster metric-set keys from the identity parts', () => {
    const table = containers();
    const row = table.addRow({
      namespace: 'kube-system',
      pod: 'dns-1',
      container: 'dns',
      node: 'n1',
    });
    expect(table.key(row)).toBe('namespace:kube-system/pod:dns-1/container:dns');
    expect(table.identity(row, 'node')).toBe('n1');
  });

  it('should report absent values as NaN and keep float precision', () => {
    const table = containers();
    const row = table.addRow({ namespace: 'a', pod: 'p', container: 'c' });
    expect(table.value(row, CPU)).toBeNaN();
    expect(table.has(row, CPU)).toBe(false);
    table.setValue(row, CPU, 12.345678901);
    expect(table.value(row, CPU)).toBe(12.345678901);
    expect(table.metricIds()).toEqual([CPU]);
  });

  it('should keep values, labels, identities and times when the columns grow', () => {
    const table = containers(1);
    for (let i = 0; i < 100; i++) {
      const row = table.addRow({ namespace: 'ns', pod: `pod-${i}`, container: 'c' });
      table.setValue(row, CPU, i * 1.5);
      table.setLabel(row, LABEL_IMAGE, `image:${i % 3}`);
      table.setScrapeTime(row, 1000 + i);
      if (i === 0) table.setValue(row, MEMORY, 42);
    }
    expect(table.size).toBe(100);
    expect(table.value(99, CPU)).toBe(148.5);
    expect(table.value(50, MEMORY)).toBeNaN();
    expect(table.value(0, MEMORY)).toBe(42);
    expect(table.label(98, LABEL_IMAGE)).toBe('image:2');
    expect(table.identity(77, 'pod')).toBe('pod-77');
    expect(table.scrapeTime(99)).toBe(1099);
    expect(table.createTime(99)).toBeNaN();
  });

  it('should find rows by key, including rows added after the index was built', () => {
    const table = containers();
    table.addRow({ namespace: 'a', pod: 'p1', container: 'c' });
    expect(table.rowOf({ namespace: 'a', pod: 'p1', container: 'c' })).toBe(0);
    const later = table.addRow({ namespace: 'a', pod: 'p2', container: 'c' });
    expect(table.rowOf({ namespace: 'a', pod: 'p2', container: 'c' })).toBe(later);
    expect(table.rowOf({ namespace: 'a', pod: 'p3', container: 'c' })).toBe(-1);
  });

  it('should re-index a row whose identity changes', () => {
    const table = new EntityTable(EntityType.Pod, new StringTable());
    const row = table.addRow({ namespace: 'a', pod: 'p' });
    expect(table.rowOf({ namespace: 'a', pod: 'p' })).toBe(row);
    table.setIdentity(row, 'pod', 'q');
    expect(table.rowOf({ namespace: 'a', pod: 'p' })).toBe(-1);
    expect(table.rowOf({ namespace: 'a', pod: 'q' })).toBe(row);
  });

  it('should sum into absent values as zero', () => {
    const table = new EntityTable(EntityType.Namespace, new StringTable());
    const row = table.addRow({ namespace: 'a' });
    table.addValue(row, CPU, 1.5);
    table.addValue(row, CPU, 2);
    expect(table.value(row, CPU)).toBe(3.5);
  });

  it('should reject writes outside the table', () => {
    const table = containers();
    expect(() => table.setValue(0, CPU, 1)).toThrow('row 0 is outside the table (size 0)');
  });

  it('should reject a column id the catalogues cannot give out', () => {
    const table = containers();
    table.addRow({ pod: 'p' });
    expect(() => table.setValue(0, 0x10000, 1)).toThrow('column id 65536 is outside 0..65535');
    expect(() => table.setLabel(0, -1, 'x')).toThrow('column id -1 is outside 0..65535');
  });

  it('should list the metric and label columns in id order, and label string ids', () => {
    const strings = new StringTable();
    const table = new EntityTable(EntityType.Pod, strings);
    const row = table.addRow({ pod: 'p' });
    table.setValue(row, 40, 1);
    table.setValue(row, CPU, 2);
    table.setLabel(row, 9, 'nine');
    table.setLabel(row, LABEL_IMAGE, 'img');
    expect(table.metricIds()).toEqual([CPU, 40]);
    expect(table.labelIds()).toEqual([LABEL_IMAGE, 9]);
    expect(table.labelStringId(row, 9)).toBe(strings.idOf('nine'));
    expect(table.labelStringId(row, 5)).toBe(0);
    expect(table.value(row, 39)).toBeNaN();
  });

  it('should intern label strings once', () => {
    const strings = new StringTable();
    const table = new EntityTable(EntityType.Pod, strings);
    for (let i = 0; i < 10; i++) table.addRow({ namespace: 'shared-namespace', pod: `p${i}` });
    expect(strings.size).toBe(1 + 1 + 10);
  });

  it('should give rows added by string ids the keys, labels and index of addRow', () => {
    const strings = new StringTable();
    const byName = new EntityTable(EntityType.PodContainer, strings);
    const byId = new EntityTable(EntityType.PodContainer, strings);
    for (let i = 0; i < 40; i++) {
      const parts = { namespace: `ns${i % 3}`, pod: `p${i}`, container: 'app', node: 'n1' };
      const a = byName.addRow(parts);
      byName.setLabel(a, LABEL_IMAGE, `image:${i}`);
      const b = byId.addRowIds(
        strings.intern(parts.namespace),
        strings.intern(parts.pod),
        strings.intern(parts.container),
        strings.intern(parts.node),
      );
      byId.setLabelStringId(b, LABEL_IMAGE, strings.intern(`image:${i}`));
      expect(byId.key(b)).toBe(byName.key(a));
      expect(byId.label(b, LABEL_IMAGE)).toBe(`image:${i}`);
    }
    expect(byId.rowOf({ namespace: 'ns1', pod: 'p7', container: 'app', node: 'n1' })).toBe(7);
    expect(() => byId.setLabelStringId(40, LABEL_IMAGE, 1)).toThrow(RangeError);
  });
});
