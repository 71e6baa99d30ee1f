import { RATE_MAPPINGS, type MetricRegistry } from '@heapster/model';

/**
 * Above this cpu/usage_rate (a million cores) a rate comes from a corrupt or wrapped counter,
 * not from a machine: the point is skipped. Heapster had no bound and published 1.8e19
 * millicores after counter resets (heapster#1126, kubernetes#30939).
 */
export const MAX_CPU_RATE_MILLICORES = 1e9;

/** The same bound for every other rate: a trillion bytes, faults or errors per second. */
export const MAX_RATE_PER_SECOND = 1e12;

/** One cumulative → rate mapping with catalogue ids resolved. */
export interface RateRule {
  readonly cumulativeId: number;
  readonly rateId: number;
  /** rate = scale × Δvalue / Δt in ns: 1000 gives millicores from ns, 1e9 gives per second. */
  readonly scale: number;
  /** The largest believable rate; above it the point is skipped. */
  readonly max: number;
  /** Matched per label set in the labeled values (disk io), not per column. */
  readonly labeled: boolean;
}

export interface RateBounds {
  readonly maxCpuRateMillicores: number;
  readonly maxRatePerSecond: number;
}

/** The catalogue's rate mappings (rates.ts) as ids. Rates keep their float precision. */
export function resolveRateRules(metrics: MetricRegistry, bounds: RateBounds): readonly RateRule[] {
  return RATE_MAPPINGS.map(mapping => {
    const rateId = metrics.get(mapping.rate).id;
    return {
      cumulativeId: metrics.get(mapping.cumulative).id,
      rateId,
      scale: mapping.scale,
      max:
        mapping.rate === 'cpu/usage_rate' ? bounds.maxCpuRateMillicores : bounds.maxRatePerSecond,
      labeled: mapping.labeled,
    };
  });
}

/** Rate of one counter over a window, or NaN when the point must be skipped. */
export function rateOf(rule: RateRule, delta: number, windowMs: number): number {
  const rate = (rule.scale * delta) / (windowMs * 1e6);
  return rate >= 0 && rate <= rule.max ? rate : Number.NaN;
}

/** Collection start times compare equal when both are unknown (Heapster's zero times). */
export function sameStart(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}
