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

  it('should answer every coordinate as stored, in any access order, across runs and recycling', () => {
    // A reference list of tuples against the run encoding: runs of one to six values, the same
    // metric set coming back after another (a new run), and reads in order, backwards and at random.
    let state = 7;
    const random = (n: number): number => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state % n;
    };
    let recycled: LabeledValues | undefined;
    for (let round = 0; round < 3; round++) {
      const expected: [EntityType, number, number, number, number][] = [];
      const values = new LabeledValues(8, recycled, 2);
      for (let group = 0; group < 400; group++) {
        const type = random(2) === 0 ? EntityType.Pod : EntityType.PodContainer;
        const row = random(5);
        const set = random(3);
        for (let k = random(6) + 1; k > 0; k--) {
          const tuple: [EntityType, number, number, number, number] = [
            type,
            row,
            random(9),
            set,
            group + k / 8,
          ];
          expected.push(tuple);
          expect(values.add(...tuple)).toBe(expected.length - 1);
        }
      }
      const at = (i: number): number[] => [
        values.entityType(i),
        values.row(i),
        values.metricId(i),
        values.labelSetId(i),
        values.value(i),
      ];
      const indices = expected.map((_, i) => i);
      expect(indices.map(at)).toEqual(expected);
      expect([...indices].reverse().map(at)).toEqual([...expected].reverse());
      for (let n = 0; n < 500; n++) {
        const i = random(expected.length);
        expect(at(i)).toEqual(expected[i]);
      }
      const visited: number[][] = [];
      values.forEach((...tuple) => visited.push(tuple));
      expect(visited).toEqual(expected);
      expect(values.indicesOf(EntityType.Pod, 2)).toEqual(
        indices.filter(i => expected[i]?.[0] === EntityType.Pod && expected[i]?.[1] === 2),
      );
      // Runs hold the coordinates once: fewer runs than values, and the bytes say so.
      expect(values.runCount).toBeLessThan(values.size / 2);
      recycled = values;
    }
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
