/** Exact statistics in plain JavaScript: what the store's aggregations are tested against. */

/** A deterministic value in [0, 1000) with three decimals, uniform-looking (mulberry32). */
export function sampleValue(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const unit = ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  return Math.floor(unit * 1_000_000) / 1000;
}

const ascending = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

/** Linear interpolation between closest ranks (Hyndman & Fan 7): quantile_cont. */
export function linearPercentile(values: readonly number[], q: number): number {
  const sorted = ascending(values);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

/** Nearest rank: the ⌈n·q⌉-th smallest value: quantile_disc. */
export function nearestRankPercentile(values: readonly number[], q: number): number {
  const sorted = ascending(values);
  return sorted[Math.max(1, Math.ceil(sorted.length * q)) - 1] as number;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

export function median(values: readonly number[]): number {
  return linearPercentile(values, 0.5);
}
