import { describe, expect, it } from '@jest/globals';
import { sampleEventShapes as sampleEvents } from '@heapster/sink/testing';
import { FirstSeenTimes } from './first-seen-times.js';

describe('first-seen times of events without a time', () => {
  it('should keep the first time of an untimed event version, and forget the oldest beyond the bound', () => {
    const [timed, , , untimed] = sampleEvents();
    const times = new FirstSeenTimes(2);
    expect(times.timeOf(untimed!, 1000)).toBe(1000);
    expect(times.timeOf(untimed!, 2000)).toBe(1000);
    expect(times.timeOf(timed!, 3000)).toBe(3000);
    const other = (rv: string) => ({
      ...untimed!,
      metadata: { ...untimed!.metadata, resourceVersion: rv },
    });
    times.timeOf(other('200'), 4000);
    times.timeOf(other('201'), 5000);
    expect(times.timeOf(untimed!, 6000)).toBe(6000);
  });
});
