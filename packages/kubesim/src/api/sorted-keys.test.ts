import { describe, expect, it } from '@jest/globals';
import { SortedKeys } from './sorted-keys.js';

describe('SortedKeys', () => {
  it('matches a sorted reference through inserts, duplicates, removals and block splits', () => {
    const keys = new SortedKeys();
    const reference = new Set<string>();
    let seed = 42;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let i = 0; i < 5000; i += 1) {
      const key = `ns-${next() % 13}/pod-${next() % 3000}`;
      if (next() % 4 === 0) {
        keys.remove(key);
        reference.delete(key);
      } else {
        keys.insert(key);
        reference.add(key);
      }
    }
    const sorted = [...reference].sort();
    expect(keys.length).toBe(sorted.length);
    const walked: string[] = [];
    for (let k = keys.ceiling(''); k !== undefined; k = keys.ceiling(`${k}\u0000`)) walked.push(k);
    expect(walked).toEqual(sorted);
    for (const probe of ['', 'ns-1/', 'ns-5/pod-2', 'ns-9/pod-999\u0000', 'zzz']) {
      expect(keys.rank(probe)).toBe(sorted.filter(k => k < probe).length);
      expect(keys.ceiling(probe)).toBe(sorted.find(k => k >= probe));
    }
  });
});
