/**
 * Seeded randomness. `Prng` is a sequential generator (mulberry32) for building the cluster in a
 * fixed order; `hash01` is a stateless hash for values that must not depend on the order in
 * which they are asked for (per-segment rate factors), so any scrape at any time sees the same.
 */

/** Mixes up to four 32-bit integers into a uniform number in [0, 1). */
export function hash01(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15) ^ d, 0x165667b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

export interface RandomSource {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** Uniform float in [min, max). */
  float(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Lower-case hex string of `length` characters. */
  hex(length: number): string;
  /** Kubernetes-style random suffix ("bcdfghjklmnpqrstvwxz2456789"), as generateName uses. */
  suffix(length: number): string;
  /** An RFC 4122 version-4 UUID. */
  uuid(): string;
}

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const HEX = '0123456789abcdef';

export class Prng implements RandomSource {
  private state: number;

  constructor(seed: number) {
    // Spread small seeds (1, 2, 3…) across the state space.
    this.state = Math.floor(hash01(seed | 0, 0x5eed, 17, 31) * 4294967296) | 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += HEX[Math.floor(this.next() * 16)];
    return out;
  }

  suffix(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += SUFFIX_ALPHABET[Math.floor(this.next() * SUFFIX_ALPHABET.length)];
    return out;
  }

  uuid(): string {
    const h = this.hex(32);
    const variant = HEX[8 + Math.floor(this.next() * 4)] ?? '8';
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
