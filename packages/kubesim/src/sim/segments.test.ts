import { describe, expect, it } from '@jest/globals';
import { hash01, Prng } from './prng.js';
import { Channel, FactorIntegral, SegmentClock } from './segments.js';

const T0 = Date.parse('2026-11-22T12:00:30Z');

describe('Prng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = new Prng(7);
    const b = new Prng(7);
    const c = new Prng(8);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it('draws integers inside the bounds and well-formed uuids and suffixes', () => {
    const r = new Prng(1);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 9);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(9);
    }
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.suffix(5)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('hashes statelessly into [0, 1)', () => {
    expect(hash01(1, 2, 3, 4)).toBe(hash01(1, 2, 3, 4));
    expect(hash01(1, 2, 3, 4)).not.toBe(hash01(1, 2, 3, 5));
    for (let k = 0; k < 100; k++) {
      const x = hash01(9, k, 1, 2);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});

describe('SegmentClock', () => {
  it('anchors segments on multiples of the length and keeps factors constant inside one', () => {
    const clock = new SegmentClock(T0, 60_000, 3);
    expect(clock.epochMs).toBe(Date.parse('2026-11-22T12:00:00Z'));
    const k = clock.index(T0 + 100_000);
    expect(clock.startOf(k)).toBe(Date.parse('2026-11-22T12:02:00Z'));
    expect(clock.factor(5, Channel.cpu, k)).toBe(clock.factor(5, Channel.cpu, k));
    expect(clock.factor(5, Channel.cpu, -3)).toBe(1);
    const f = clock.factor(5, Channel.cpu, k);
    expect(f).toBeGreaterThanOrEqual(0.25);
    expect(f).toBeLessThan(1.75);
  });
});

describe('FactorIntegral', () => {
  const clock = new SegmentClock(T0, 10_000, 11);

  // The integral the slow way: one millisecond at a time.
  function brute(key: number, origin: number, t: number): number {
    let sum = 0;
    for (let at = origin; at < t; at += 1) sum += clock.factor(key, Channel.cpu, clock.index(at)) / 1000;
    return sum;
  }

  it('equals the piecewise sum across several segments, including time before the epoch', () => {
    const origin = T0 - 25_000;
    const integral = new FactorIntegral(4, Channel.cpu, origin, clock);
    for (const t of [T0 - 20_000, T0 - 1, T0 + 3_000, T0 + 27_500, T0 + 61_000]) {
      expect(integral.at(clock, t)).toBeCloseTo(brute(4, origin, t), 6);
    }
  });

  it('grows by factor × Δt within a segment, and restarts correctly when asked about an earlier time', () => {
    const integral = new FactorIntegral(9, Channel.cpu, T0, clock);
    const k = clock.index(T0 + 41_000);
    const a = integral.at(clock, clock.startOf(k) + 1_000);
    const b = integral.at(clock, clock.startOf(k) + 7_500);
    expect(b - a).toBeCloseTo(clock.factor(9, Channel.cpu, k) * 6.5, 9);
    const early = integral.at(clock, T0 + 5_000);
    expect(early).toBeCloseTo(brute(9, T0, T0 + 5_000), 6);
    expect(integral.at(clock, T0)).toBe(0);
  });
});
