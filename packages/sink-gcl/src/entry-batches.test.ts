import { describe, expect, it } from '@jest/globals';
import { sampleEventShapes as sampleEvents } from '@heapster/sink/testing';
import { entryBatches, entryBytes, MAX_ENTRY_BYTES } from './entry-batches.js';
import { entryOf, type EventLogEntry } from './log-entry.js';

function entries(count: number, message = 'm'): EventLogEntry[] {
  const [template] = sampleEvents();
  return Array.from({ length: count }, (_, i) =>
    entryOf({ ...template!, metadata: { ...template!.metadata, uid: `ev-${i}` }, message }, 0),
  );
}

describe('entry batches', () => {
  it('should cut at the entry count, keeping order', () => {
    const batches = [...entryBatches(entries(5), 2, 1 << 20, () => undefined)];
    expect(batches.map(batch => batch.map(entry => entry.insertId))).toEqual([
      ['ev-0/101', 'ev-1/101'],
      ['ev-2/101', 'ev-3/101'],
      ['ev-4/101'],
    ]);
  });

  it('should cut at the byte budget', () => {
    const all = entries(10, 'x'.repeat(1000));
    const size = entryBytes(all[0]!);
    const batches = [...entryBatches(all, 1000, size * 3, () => undefined)];
    expect(batches.map(batch => batch.length)).toEqual([3, 3, 3, 1]);
  });

  it('should hand over entries Cloud Logging would refuse for their size', () => {
    const oversized: string[] = [];
    const all = [...entries(1), ...entries(1, 'x'.repeat(MAX_ENTRY_BYTES))];
    const batches = [...entryBatches(all, 1000, 1 << 30, entry => oversized.push(entry.insertId))];
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(1);
    expect(oversized).toEqual(['ev-0/101']);
  });
});
