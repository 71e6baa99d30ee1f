import { describe, expect, it } from '@jest/globals';
import { EntityType } from './entity-type.js';
import { LabelSetTable } from './label-set.js';
import { LabeledValues } from './labeled-values.js';
import { StringTable } from './string-table.js';

describe('LabeledValues', () => {
  it('should keep rows across growth and find them per entity', () => {
    const values = new LabeledValues();
    for (let i = 0; i < 200; i++) values.add(EntityType.PodContainer, i % 10, 5, i % 2, i + 0.5);
    values.add(EntityType.Pod, 3, 6, 1, -1);
    expect(values.size).toBe(201);
    const ofRow3 = values.indicesOf(EntityType.PodContainer, 3);
    expect(ofRow3).toHaveLength(20);
    expect(ofRow3.map(i => values.value(i))).toContain(3.5);
    expect(values.indicesOf(EntityType.Pod, 3).map(i => values.value(i))).toEqual([-1]);
    values.add(EntityType.Pod, 3, 6, 1, -2);
    expect(values.indicesOf(EntityType.Pod, 3)).toHaveLength(2);
  });

  it('should visit every value with its coordinates', () => {
    const values = new LabeledValues();
    values.add(EntityType.Node, 0, 9, 4, 1e12);
    const seen: unknown[] = [];
    values.forEach((type, row, metric, labelSet, value) =>
      seen.push([type, row, metric, labelSet, value]),
    );
    expect(seen).toEqual([[EntityType.Node, 0, 9, 4, 1e12]]);
  });

  it('should refuse metric ids beyond 16 bits', () => {
    expect(() => new LabeledValues().add(EntityType.Node, 0, 70_000, 0, 1)).toThrow('does not fit');
  });
});

describe('LabelSetTable', () => {
  it('should give the same id to the same pairs in any order', () => {
    const sets = new LabelSetTable(new StringTable());
    const a = sets.intern([
      { key: 'make', value: 'nvidia' },
      { key: 'accelerator_id', value: 'gpu-0' },
    ]);
    const b = sets.intern([
      { key: 'accelerator_id', value: 'gpu-0' },
      { key: 'make', value: 'nvidia' },
    ]);
    expect(a).toBe(b);
    expect(sets.get(a).map(pair => pair.key)).toEqual(['accelerator_id', 'make']);
    expect(sets.valueOf(a, 'make')).toBe('nvidia');
    expect(sets.internPair('resource_id', '/')).not.toBe(a);
    expect(sets.intern([])).toBe(0);
  });
});
