import { describe, expect, it } from '@jest/globals';
import { ByteWriterPool } from './byte-writer-pool.js';
import { ByteWriter, utf8 } from './byte-writer.js';

const EDGES = [
  0, -0, 0.4, 0.5, 1.5, 2.5, -0.4, -0.6, -3, 7, 9, 10, 99, 100, 12_345, 99_999_999, 99_999_999.5, 100_000_000, 100_000_001, 199_999_999.5, 2 ** 31 - 1, 2 ** 31,
  2 ** 32, 4_294_967_296.7, 1_543_013_031_343_706, 1e16, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 1e20, 1e21, 1.5e300, NaN, Infinity, -Infinity, 1e-7,
];

function written(write: (w: ByteWriter) => void): string {
  const w = new ByteWriter(64);
  write(w);
  return w.toString();
}

describe('ByteWriter', () => {
  it('writes int(n) exactly as String(Math.max(0, Math.round(n)))', () => {
    for (const n of EDGES) expect([n, written((w) => w.int(n))]).toEqual([n, String(Math.max(0, Math.round(n)))]);
  });

  it('writes num(n) exactly as String(n)', () => {
    for (const n of EDGES) expect([n, written((w) => w.num(n))]).toEqual([n, String(n)]);
  });

  it('matches String() on every digit count and on pseudo-random integers up to 2^53', () => {
    let x = 1;
    for (let digits = 1; digits <= 16; digits++) {
      for (const n of [x - 1, x, x + 1, 2 * x - 1, 9 * x, 10 * x - 1]) expect(written((w) => w.int(n))).toBe(String(n));
      x *= 10;
    }
    let seed = 12_345;
    for (let i = 0; i < 20_000; i++) {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) | 0;
      const n = Math.floor(((seed >>> 0) / 4_294_967_296) * 2 ** (i % 54));
      expect(written((w) => w.int(n))).toBe(String(n));
    }
  });

  it('grows by doubling and keeps everything written before', () => {
    const w = new ByteWriter(64);
    const parts: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const s = i % 3 === 0 ? `,"k${i}":` : i % 3 === 1 ? 'ü€𝄞' : 'x'.repeat(i % 70);
      if (i % 2 === 0) w.bytes(utf8(s));
      else w.text(s);
      w.int(i * 1e9);
      parts.push(s, String(i * 1e9));
    }
    w.byte(0x7d);
    expect(w.toString()).toBe(`${parts.join('')}}`);
    expect(w.capacity).toBeGreaterThanOrEqual(w.length);
    expect(w.view().length).toBe(w.length);
    w.reset();
    w.text('again');
    expect(w.toString()).toBe('again');
  });
});

describe('ByteWriterPool', () => {
  it('hands back released writers reset, keeps at most maxIdle and none too large', () => {
    const pool = new ByteWriterPool({ maxIdle: 2, maxIdleBytes: 1024, initialBytes: 128 });
    const a = pool.acquire();
    const b = pool.acquire();
    const c = pool.acquire();
    expect(new Set([a, b, c]).size).toBe(3);
    a.text('stale');
    pool.release(a);
    pool.release(b);
    pool.release(c);
    expect(pool.idleCount).toBe(2);
    const again = pool.acquire();
    expect([a, b]).toContain(again);
    expect(again.length).toBe(0);
    const big = pool.acquire();
    big.text('y'.repeat(5000));
    pool.release(big);
    expect(pool.idleCount).toBe(0);
  });
});
