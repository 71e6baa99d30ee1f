import { describe, expect, it } from '@jest/globals';
import { SeriesRing, SLOTS_PER_CHUNK } from './series-ring.js';

function points(ring: SeriesRing, slot: number, metric = 0): [number, number][] {
  const out: [number, number][] = [];
  ring.forEachPoint(slot, metric, (timestamp, value) => out.push([timestamp, value]));
  return out;
}

describe('SeriesRing', () => {
  it('should keep the last pointsPerSeries batches per series, oldest first', () => {
    const ring = new SeriesRing([1], 3, 'float64');
    ring.begin(10);
    const slot = ring.allocate();
    for (let t = 1; t <= 5; t++) {
      if (t > 1) ring.begin(t * 10);
      ring.markSeen(slot);
      ring.set(slot, 0, t + 0.5);
    }
    expect(points(ring, slot)).toEqual([
      [30, 3.5],
      [40, 4.5],
      [50, 5.5],
    ]);
    expect(ring.lastSeen(slot)).toBe(50);
  });

  it('should read NaN where a series was absent from a batch', () => {
    const ring = new SeriesRing([1], 4, 'float64');
    ring.begin(1);
    const a = ring.allocate();
    ring.set(a, 0, 1);
    ring.begin(2); // a absent
    ring.begin(3);
    ring.markSeen(a);
    ring.set(a, 0, 3);
    expect(points(ring, a)).toEqual([
      [1, 1],
      [3, 3],
    ]);
    expect(ring.hasPoints(a, 0, 1)).toBe(true);
    expect(ring.hasPoints(a, 0, 3)).toBe(false);
  });

  it('should keep every value when the slabs grow', () => {
    const ring = new SeriesRing([1, 2], 2, 'float32');
    ring.begin(100);
    for (let i = 0; i < 1000; i++) {
      const slot = ring.allocate();
      ring.set(slot, 0, i);
      ring.set(slot, 1, -i);
    }
    ring.begin(200);
    ring.set(777, 0, 1);
    expect(ring.slotCapacity).toBeGreaterThanOrEqual(1000);
    expect(points(ring, 777, 0)).toEqual([
      [100, 777],
      [200, 1],
    ]);
    expect(points(ring, 777, 1)).toEqual([[100, -777]]);
    expect(points(ring, 5, 1)).toEqual([[100, -5]]);
  });

  it('should grow by whole chunks, reserving a big jump at once', () => {
    const ring = new SeriesRing([1], 2, 'float32');
    expect(ring.slotCapacity).toBe(SLOTS_PER_CHUNK);
    ring.begin(1);
    ring.reserve(10_000);
    expect(ring.slotCapacity).toBe(5 * SLOTS_PER_CHUNK);
    for (let i = 0; i < 5 * SLOTS_PER_CHUNK; i++) ring.allocate();
    expect(ring.slotCapacity).toBe(5 * SLOTS_PER_CHUNK);
    ring.reserve(1);
    expect(ring.slotCapacity).toBe(6 * SLOTS_PER_CHUNK);
    ring.allocate();
    expect(ring.byteSize()).toBeGreaterThan(6 * SLOTS_PER_CHUNK * 2 * 4);
  });

  it('should keep every point of every series across chunks as it grows between batches', () => {
    const ring = new SeriesRing([1, 2], 3, 'float64');
    const slots: number[] = [];
    for (let t = 1; t <= 4; t++) {
      ring.begin(t);
      // Each batch brings more series than the ring had room for.
      for (let i = 0; i < 1_500; i++) slots.push(ring.allocate());
      for (const slot of slots) {
        ring.markSeen(slot);
        ring.set(slot, 0, slot * 10 + t);
        ring.set(slot, 1, -t);
      }
    }
    expect(ring.slotCapacity).toBe(3 * SLOTS_PER_CHUNK);
    // The first series of each chunk, the last of one, and the last allocated.
    for (const slot of [0, SLOTS_PER_CHUNK - 1, SLOTS_PER_CHUNK, 2 * SLOTS_PER_CHUNK, 5_999]) {
      const born = Math.floor(slot / 1_500) + 1;
      const from = Math.max(born, 2);
      expect(points(ring, slot, 0)).toEqual(
        Array.from({ length: 5 - from }, (_, k) => [from + k, slot * 10 + from + k]),
      );
    }
    expect(points(ring, 5_999, 1)).toEqual([[4, -4]]);
  });

  it('should free series last seen at or before the cutoff and reuse their slots cleared', () => {
    const ring = new SeriesRing([1], 8, 'float64');
    ring.begin(10);
    const old = ring.allocate();
    ring.set(old, 0, 42);
    ring.begin(20);
    const kept = ring.allocate();
    const freed: number[] = [];
    expect(ring.release(9, slot => freed.push(slot))).toBe(0);
    expect(ring.release(10, slot => freed.push(slot))).toBe(1);
    expect(freed).toEqual([old]);
    expect(ring.size).toBe(1);
    expect(ring.lastSeen(old)).toBeNaN();
    expect(ring.release(10, slot => freed.push(slot))).toBe(0); // a free slot is not freed twice
    const reused = ring.allocate();
    expect(reused).toBe(old);
    expect(points(ring, reused)).toEqual([]);
    expect(ring.lastSeen(kept)).toBe(20);
    expect(ring.used).toBe(2);
  });

  it('should store float32 values rounded to 24 significant bits', () => {
    const ring = new SeriesRing([1], 2, 'float32');
    ring.begin(1);
    const slot = ring.allocate();
    ring.set(slot, 0, 1_234_567_891);
    expect(points(ring, slot)).toEqual([[1, Math.fround(1_234_567_891)]]);
  });
});
