import { isSharedArrayBuffer } from 'node:util/types';
import { describe, expect, it } from '@jest/globals';
import { BodyBufferPool } from './body-buffer-pool.js';

describe('BodyBufferPool', () => {
  it('hands out buffers of at least the size asked, in power-of-two classes from 64 KiB', () => {
    const pool = new BodyBufferPool();
    expect(pool.acquire(0).length).toBe(65_536);
    expect(pool.acquire(65_537).length).toBe(131_072);
    expect(pool.acquire(209_000).length).toBe(262_144);
  });

  it('hands out shared memory, which a read worker reads where it is', () => {
    expect(isSharedArrayBuffer(new BodyBufferPool().acquire(10).buffer)).toBe(true);
  });

  it('reuses the memory of a released buffer (or of a view of it) for the same class', () => {
    const pool = new BodyBufferPool();
    const first = pool.acquire(100_000);
    pool.release(first.subarray(0, 10));
    expect(pool.freeBytes).toBe(131_072);
    const again = pool.acquire(120_000);
    expect(again.buffer).toBe(first.buffer);
    expect(pool.freeBytes).toBe(0);
    expect(pool.acquire(120_000).buffer).not.toBe(first.buffer);
  });

  it('takes back only its own buffers, once each, and no more than its limit', () => {
    const pool = new BodyBufferPool(200_000);
    pool.release(Buffer.alloc(70_000));
    pool.release(new Uint8Array(65_536));
    expect(pool.freeBytes).toBe(0);
    const a = pool.acquire(1);
    const b = pool.acquire(1);
    const c = pool.acquire(1);
    const d = pool.acquire(1);
    pool.release(a);
    pool.release(a);
    expect(pool.freeBytes).toBe(65_536);
    pool.release(b);
    pool.release(c);
    pool.release(d); // beyond 200,000 bytes: left to the garbage collector
    expect(pool.freeBytes).toBe(3 * 65_536);
  });
});
