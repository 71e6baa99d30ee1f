import { describe, expect, it } from '@jest/globals';
import { LabelSetTable } from './label-set.js';
import { StringTable } from './string-table.js';

describe('LabelSetTable.internPair', () => {
  it('gives a single pair the id intern() gives it, whichever is asked first', () => {
    const sets = new LabelSetTable(new StringTable());
    const viaIntern = sets.intern([{ key: 'resource_id', value: 'Volume:data' }]);
    expect(sets.internPair('resource_id', 'Volume:data')).toBe(viaIntern);
    const viaPair = sets.internPair('resource_id', 'Volume:logs');
    expect(sets.intern([{ key: 'resource_id', value: 'Volume:logs' }])).toBe(viaPair);
    expect(sets.get(viaPair)).toEqual([{ key: 'resource_id', value: 'Volume:logs' }]);
  });

  it('tells pairs apart by key and by value, across many values', () => {
    const sets = new LabelSetTable(new StringTable());
    const ids = new Set<number>();
    for (let i = 0; i < 2_000; i++) ids.add(sets.internPair('resource_id', `Volume:v${i}`));
    ids.add(sets.internPair('accelerator_id', 'Volume:v1'));
    expect(ids.size).toBe(2_001);
    expect(sets.internPair('resource_id', 'Volume:v1999')).toBe(
      sets.intern([{ key: 'resource_id', value: 'Volume:v1999' }]),
    );
  });
});
