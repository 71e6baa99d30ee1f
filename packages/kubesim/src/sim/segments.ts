import { hash01 } from './prng.js';

/**
 * Time is cut into segments of fixed length, anchored at the simulation epoch (the start time
 * rounded down to a multiple of the segment length, so boundaries fall on multiples of it).
 * Every rate is a base value times a factor that is constant within a segment, so a consumer
 * that scrapes twice inside one segment must compute exactly base × factor.
 */
export class SegmentClock {
  readonly epochMs: number;
  readonly lengthMs: number;
  readonly seed: number;

  constructor(startMs: number, lengthMs: number, seed: number) {
    this.lengthMs = lengthMs;
    this.epochMs = Math.floor(startMs / lengthMs) * lengthMs;
    this.seed = seed;
  }

  /** Segment index of time t; negative before the epoch. */
  index(t: number): number {
    return Math.floor((t - this.epochMs) / this.lengthMs);
  }

  startOf(k: number): number {
    return this.epochMs + k * this.lengthMs;
  }

  /**
   * Factor of `channel` for entity `key` in segment k: in [0.25, 1.75), mean 1. Before the
   * epoch the model has no history, so the factor is the baseline 1 (which also makes
   * integrals over long-past start times O(1)).
   */
  factor(key: number, channel: number, k: number): number {
    if (k < 0) return 1;
    return 0.25 + 1.5 * hash01(this.seed, key, channel, k);
  }
}

/** Channels a factor can be drawn for; one entity may use several. */
export const Channel = {
  cpu: 1,
  memory: 2,
  network: 3,
  fs: 4,
  accelerator: 5,
} as const;

/**
 * The integral ∫ factor(τ) dτ in seconds from `originMs`, for one entity and channel. It caches
 * the running sum at the start of the newest segment reached, so evaluating at increasing
 * times costs O(segments crossed); a time before the cache restarts from the origin.
 */
export class FactorIntegral {
  private readonly key: number;
  private readonly channel: number;
  private readonly originMs: number;
  private cachedSegment: number;
  private cachedSum: number;

  constructor(key: number, channel: number, originMs: number, clock: SegmentClock) {
    this.key = key;
    this.channel = channel;
    this.originMs = originMs;
    this.cachedSegment = clock.index(originMs);
    this.cachedSum = 0;
  }

  at(clock: SegmentClock, t: number): number {
    if (t <= this.originMs) return 0;
    const k = clock.index(t);
    if (k < this.cachedSegment) {
      this.cachedSegment = clock.index(this.originMs);
      this.cachedSum = 0;
    }
    // Everything before the epoch has factor 1.
    if (k < 0) return (t - this.originMs) / 1000;
    if (this.cachedSegment < 0) {
      this.cachedSum = (clock.epochMs - this.originMs) / 1000;
      this.cachedSegment = 0;
    }
    while (this.cachedSegment < k) {
      const from = Math.max(this.originMs, clock.startOf(this.cachedSegment));
      const to = clock.startOf(this.cachedSegment + 1);
      this.cachedSum += (clock.factor(this.key, this.channel, this.cachedSegment) * (to - from)) / 1000;
      this.cachedSegment++;
    }
    const from = Math.max(this.originMs, clock.startOf(k));
    return this.cachedSum + (clock.factor(this.key, this.channel, k) * (t - from)) / 1000;
  }
}
