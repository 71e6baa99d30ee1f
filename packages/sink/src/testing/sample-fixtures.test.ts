import { describe, expect, it } from '@jest/globals';
import { ENTITY_TYPES, eventVersionKey } from '@heapster/model';
import { SAMPLE_TIMESTAMP, sampleBatch } from './sample-batch.js';
import { sampleEventShapes, sampleEvents } from './sample-events.js';

// The sinks' golden files are built from these fixtures: a change here shows up there.
describe('shared sink fixtures', () => {
  it('sampleBatch covers every entity type at the fixed batch time', () => {
    const batch = sampleBatch();
    expect(batch.timestamp).toBe(SAMPLE_TIMESTAMP);
    expect(ENTITY_TYPES.every(type => batch.table(type).size > 0)).toBe(true);
    expect(batch.entityCount()).toBe(6);
    expect(batch.labeled.size).toBe(3);
    expect(sampleBatch(SAMPLE_TIMESTAMP + 60_000).timestamp).toBe(SAMPLE_TIMESTAMP + 60_000);
  });

  it('hands out fresh events on every call (tests may change them)', () => {
    const first = sampleEvents();
    (first[0] as { count?: number }).count = 99;
    expect(sampleEvents()[0]?.count).toBe(3);
  });

  it('sampleEventShapes extends the two sample events with the odd shapes', () => {
    const shapes = sampleEventShapes();
    const [podEvent, nodeWarning] = sampleEvents();
    expect(shapes.map(eventVersionKey)).toEqual(['ev-1/101', 'ev-2/102', 'ev-3/103', 'ev-4/104']);
    expect(shapes[0]).toEqual(podEvent);
    expect(shapes[1]).toEqual({ ...nodeWarning, lastTimestamp: null });
    expect(Object.keys(shapes[1] ?? {}).slice(-2)).toEqual(['lastTimestamp', 'type']);
    expect(shapes[3]?.type).toBeUndefined();
  });
});
