import { describe, expect, it } from '@jest/globals';
import { EntityType, LabelId } from '@heapster/model';
import { ConfigError } from '@heapster/runtime';
import { LabelCopier } from './label-copier.js';
import { addRow, BatchFactory } from './testing/batch-fixtures.js';

const LABELS = Object.freeze({ tier: 'web', app: 'shop', 'app.kubernetes.io/name': 'cart' });

describe('LabelCopier', () => {
  it('should join sorted key:value pairs with the separator, minus ignored keys', () => {
    expect(new LabelCopier().joined(LABELS)).toBe('app.kubernetes.io/name:cart,app:shop,tier:web');
    const copier = new LabelCopier({ labelSeparator: ';', ignoreLabels: ['tier'] });
    expect(copier.joined(LABELS)).toBe('app.kubernetes.io/name:cart;app:shop');
  });

  it('should copy stored labels under their own or a new name', () => {
    const factory = new BatchFactory();
    const batch = factory.batch(0);
    const row = addRow(batch, EntityType.Pod, { namespace: 'default', pod: 'web' });
    const copier = new LabelCopier({
      storeLabels: ['app', 'component=app.kubernetes.io/name', 'absent'],
    });
    copier.copy(batch, EntityType.Pod, row, LABELS);
    const labels: Record<string, string> = {};
    batch.forEachLabel(EntityType.Pod, row, (key, value) => (labels[key] = value));
    expect(labels).toMatchObject({
      labels: 'app.kubernetes.io/name:cart,app:shop,tier:web',
      app: 'shop',
      component: 'cart',
    });
    expect(labels).not.toHaveProperty('absent');
    expect(factory.labels.byKey('component')?.dynamic).toBe(true);
    expect(batch.label(EntityType.Pod, row, LabelId.Labels)).toBe(labels.labels);
  });

  it('should write with the labels value interned exactly what it writes by strings', () => {
    const factory = new BatchFactory();
    const batch = factory.batch(0);
    const copier = new LabelCopier({
      storeLabels: ['app', 'component=app.kubernetes.io/name', 'absent', 'empty'],
      ignoreLabels: ['tier'],
    });
    const objects: Readonly<Record<string, string>>[] = [
      LABELS,
      {},
      { empty: '', app: 'x' },
      { absent: 'here', tier: 'db' },
    ];
    const render = (row: number): Record<string, string> => {
      const labels: Record<string, string> = {};
      batch.forEachLabel(EntityType.Pod, row, (key, value) => (labels[key] = value));
      return labels;
    };
    for (const [i, object] of objects.entries()) {
      const byStrings = addRow(batch, EntityType.Pod, { namespace: 'a', pod: `p${i}` });
      const byIds = addRow(batch, EntityType.Pod, { namespace: 'a', pod: `p${i}` });
      copier.apply(batch, EntityType.Pod, byStrings, copier.prepare(object));
      const copied = copier.prepare(object);
      copier.applyInterned(
        batch,
        EntityType.Pod,
        byIds,
        copied,
        batch.strings.intern(copied.joined),
      );
      expect(render(byIds)).toEqual(render(byStrings));
    }
  });

  it('should write nothing for an object without labels', () => {
    const batch = new BatchFactory().batch(0);
    const row = addRow(batch, EntityType.Node, { node: 'node-1' });
    new LabelCopier().copy(batch, EntityType.Node, row, {});
    expect(batch.table(EntityType.Node).labelIds()).toEqual([]);
  });

  it('should report every bad --store_label value together', () => {
    let error: unknown;
    try {
      new LabelCopier({ storeLabels: ['app.kubernetes.io/name', 'x=', 'pod_name', 'a=b', 'a=c'] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map(problem => problem.field)).toEqual(Array(4).fill('--store_label'));
    expect(problems.map(problem => problem.message.split(':')[0])).toEqual([
      '"app.kubernetes.io/name"',
      '"x="',
      '"pod_name"',
      '"a=c"',
    ]);
  });
});
