import { describe, expect, it } from '@jest/globals';
import { Pool } from './summary-scratch.js';

describe('Pool', () => {
  it('hands out recycled items in order and lists exactly those handed out', () => {
    let created = 0;
    const pool = new Pool(() => ({ id: created++ }));
    const first = [pool.next(), pool.next(), pool.next()];
    expect(pool.items).toEqual(first);
    const list = pool.items;

    pool.clear();
    expect([pool.next(), pool.next()]).toEqual(first.slice(0, 2));
    // Fewer this time: the list shrinks to them, and it is the same array, not a new one.
    expect(pool.items).toEqual(first.slice(0, 2));
    expect(pool.items).toBe(list);

    pool.clear();
    expect(pool.items).toEqual([]);
    // The items let go of come back before any new one is made.
    const again = [pool.next(), pool.next(), pool.next(), pool.next()];
    expect(new Set(again.slice(0, 3))).toEqual(new Set(first));
    expect(created).toBe(4);
  });
});
