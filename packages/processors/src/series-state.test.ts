import { describe, expect, it } from '@jest/globals';
import { SeriesState } from './series-state.js';

type Key = readonly [number, number, number];
const keyOf = (key: Key): string => key.join('/');

/** Marks the series seen in `generation` the way the rate calculator does. */
function see(state: SeriesState, keys: readonly Key[], generation: number): void {
  for (const [a, b, c] of keys) {
    let slot = state.find(a, b, c);
    if (slot < 0) slot = state.add(a, b, c);
    state.seen[slot] = generation;
  }
}

describe('SeriesState', () => {
  it('should forget only the series not seen within the retention, whatever their chain', () => {
    const state = new SeriesState();
    // Pod 1 has three containers on one chain; pod 2 one.
    const pod1: Key[] = [
      [1, 10, 100],
      [1, 10, 101],
      [1, 10, 102],
    ];
    const pod2: Key[] = [[2, 10, 100]];
    see(state, [...pod1, ...pod2], 1);
    // Generation 2 sees the middle container of pod 1 and pod 2 only.
    see(state, [pod1[1] as Key, ...pod2], 2);
    expect(state.sweep(2, 0)).toBe(2);
    expect(state.size).toBe(2);
    expect(state.find(1, 10, 100)).toBe(-1);
    expect(state.find(1, 10, 102)).toBe(-1);
    expect(state.find(1, 10, 101)).toBeGreaterThanOrEqual(0);
    expect(state.find(2, 10, 100)).toBeGreaterThanOrEqual(0);
    // Freed slots are reused, and a re-added series is found again.
    const before = state.byteSize();
    see(state, [pod1[0] as Key, pod1[2] as Key], 3);
    expect(state.size).toBe(4);
    expect(state.byteSize()).toBe(before);
    expect(state.find(1, 10, 102)).toBeGreaterThanOrEqual(0);
  });

  it('should agree with a plain set of keys under churn', () => {
    // Scrambled but reproducible: which of 40 pods and 4 containers each batch reports.
    const pick = (n: number, range: number): number => ((n * 2_654_435_761) >>> 0) % range;
    const state = new SeriesState();
    const live = new Map<string, Key>();
    const lastSeen = new Map<string, number>();
    for (let generation = 1; generation <= 60; generation++) {
      const keys: Key[] = [];
      for (let i = 0; i < 200; i++) {
        const a = 1 + pick(generation * 1_000 + i, 40 + (generation % 7));
        keys.push([a, 1 + (a % 3), 1 + pick(generation * 7 + i * 13, 4)]);
      }
      see(state, keys, generation);
      for (const key of keys) {
        live.set(keyOf(key), key);
        lastSeen.set(keyOf(key), generation);
      }
      const retain = generation % 3;
      let expected = 0;
      for (const [name, seenAt] of lastSeen) {
        if (seenAt < generation - retain) {
          live.delete(name);
          lastSeen.delete(name);
          expected++;
        }
      }
      expect(state.sweep(generation, retain)).toBe(expected);
      expect(state.size).toBe(live.size);
      for (const [a, b, c] of live.values()) expect(state.find(a, b, c)).toBeGreaterThanOrEqual(0);
    }
  });
});
