import { describe, expect, it } from '@jest/globals';
import { BodyPool } from './body-pool.js';

const options = { capacity: 2, minBytes: 1024, maxBytes: 4096 };

describe('BodyPool', () => {
  it('gives at least minBytes and reuses a body it took back', () => {
    const pool = new BodyPool(options);
    const first = pool.acquire(10);
    expect(first.length).toBe(1024);
    pool.release(first.subarray(0, 5));
    expect(pool.size).toBe(1);
    const again = pool.acquire(1000);
    expect(again.buffer).toBe(first.buffer);
    expect(again.length).toBe(1024);
    expect(pool.size).toBe(0);
  });

  it('never hands out a kept body that is too small', () => {
    const pool = new BodyPool(options);
    const small = pool.acquire(100);
    pool.release(small);
    const large = pool.acquire(2048);
    expect(large.buffer).not.toBe(small.buffer);
    expect(large.length).toBe(2048);
    expect(pool.size).toBe(1);
  });

  it('keeps at most capacity bodies, none twice and none too large', () => {
    const pool = new BodyPool(options);
    const bodies = [pool.acquire(1), pool.acquire(1), pool.acquire(1)];
    pool.release(bodies[0]!);
    pool.release(bodies[0]!);
    expect(pool.size).toBe(1);
    for (const body of bodies) pool.release(body);
    expect(pool.size).toBe(2);
    const huge = new BodyPool(options).acquire(8192);
    const other = new BodyPool(options);
    other.release(huge);
    expect(other.size).toBe(0);
    const grown = other.acquire(8192);
    other.release(grown);
    expect(other.size).toBe(0);
  });

  it('ignores memory it did not hand out (such as slices of Node shared buffer pool)', () => {
    const pool = new BodyPool(options);
    pool.release(Buffer.from('line protocol'));
    pool.release(Buffer.allocUnsafe(2048));
    pool.release(new Uint8Array(2048));
    expect(pool.size).toBe(0);
  });

  it('keeps nothing with capacity 0', () => {
    const pool = new BodyPool({ capacity: 0, minBytes: 0, maxBytes: 0 });
    const body = pool.acquire(64);
    expect(body.length).toBe(64);
    pool.release(body);
    expect(pool.size).toBe(0);
  });

  it('rejects a bad capacity or sizes, naming them', () => {
    expect(() => new BodyPool({ ...options, capacity: -1 })).toThrow(/capacity -1/);
    expect(() => new BodyPool({ ...options, maxBytes: 10 })).toThrow(/min=1024 max=10/);
  });
});
