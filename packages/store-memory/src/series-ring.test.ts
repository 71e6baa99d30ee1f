import { describe, expect, it } from '@jest/globals';
import { SeriesRing } from './series-ring.js';

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

  it('should give a big reservation HEADROOM (1/32) and small steps GROWTH (1/8)', () => {
    const ring = new SeriesRing([1], 2, 'float32');
    ring.begin(1);
    ring.reserve(10_000);
    expect(ring.slotCapacity).toBe(10_313);
    for (let i = 0; i < 10_000; i++) ring.allocate();
    // A few more series than the last batch's fit in the headroom.
    ring.reserve(300);
    expect(ring.slotCapacity).toBe(10_313);
    ring.reserve(400);
    expect(ring.slotCapacity).toBe(Math.ceil(10_313 * 1.125));
  });

  it('should restore its headroom between batches only when less than half of it is left', () => {
    const ring = new SeriesRing([1], 2, 'float32');
    ring.begin(1);
    ring.reserve(10_000);
    for (let i = 0; i < 10_150; i++) ring.allocate();
    ring.set(10_149, 0, 7);
    // 163 spare slots of 10,313: at least half of 10,150 / 32 (159).
    expect(ring.keepHeadroom()).toBe(false);
    expect(ring.slotCapacity).toBe(10_313);
    ring.allocate();
    ring.allocate();
    // 161 spare slots: still at least ceil(10,152 / 64) = 159.
    expect(ring.keepHeadroom()).toBe(false);
    for (let i = 0; i < 5; i++) ring.allocate();
    // 10,157 live, 156 spare < 159: grows to 10,157 × (1 + 1/32), keeping every value.
    expect(ring.keepHeadroom()).toBe(true);
    expect(ring.slotCapacity).toBe(Math.ceil(10_157 * (1 + 1 / 32)));
    expect(points(ring, 10_149)).toEqual([[1, 7]]);
    expect(ring.keepHeadroom()).toBe(false);
  });

  it('should not grow an empty ring for headroom', () => {
    const ring = new SeriesRing([1], 2, 'float32');
    expect(ring.keepHeadroom()).toBe(false);
    expect(ring.slotCapacity).toBe(256);
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
