import { MetricId } from '@heapster/model';
import { ConfigError, type FieldProblem } from '@heapster/runtime';

/** How the long window stores values: 4 or 8 bytes a point. */
export type LongWindowPrecision = 'float32' | 'float64';

export interface RecentStoreOptions {
  /** The metric resolution (`--metric_resolution`), ms: sizes both windows. */
  readonly resolutionMs: number;
  /**
   * How long whole batches are kept, ms. Default: two resolutions plus a third of one as
   * margin, i.e. the newest three batches at any resolution — exactly Heapster's 140 s at its
   * 60 s default resolution.
   */
  readonly shortWindowMs?: number;
  /** How long the long-window metrics are kept per series, ms. Default 15 minutes (Heapster's). */
  readonly longWindowMs?: number;
  /**
   * `float32` (default) halves the ring buffers; a value then carries 24 significant bits
   * (relative error ≤ 6e-8: a 1 GiB memory value is off by at most 64 bytes). Points still in
   * the short window are always read from the batches, exactly. `float64` keeps every bit.
   */
  readonly longWindowPrecision?: LongWindowPrecision;
}

export interface ResolvedStoreOptions {
  readonly resolutionMs: number;
  readonly shortWindowMs: number;
  readonly longWindowMs: number;
  readonly longWindowPrecision: LongWindowPrecision;
  /** Points kept per series: batches whose timestamps fit (newest − longWindowMs, newest]. */
  readonly pointsPerSeries: number;
}

/** The metrics kept for the long window (Heapster kept the first two; working set is what `kubectl top` shows). */
export const LONG_WINDOW_METRIC_IDS: readonly number[] = [
  MetricId.CpuUsageRate,
  MetricId.MemoryUsage,
  MetricId.MemoryWorkingSet,
];

export const DEFAULT_LONG_WINDOW_MS = 15 * 60_000;

/** A ring longer than this is a configuration mistake (e.g. a 1 ms resolution), not a wish. */
const MAX_POINTS_PER_SERIES = 100_000;

/** Validates the options and fills in defaults; every problem is reported, each naming its field. */
export function resolveStoreOptions(options: RecentStoreOptions): ResolvedStoreOptions {
  const problems: FieldProblem[] = [];
  const { resolutionMs } = options;
  const resolutionOk = isPositive(resolutionMs);
  if (!resolutionOk) problems.push(notPositive('resolutionMs', resolutionMs));
  const longWindowMs = options.longWindowMs ?? DEFAULT_LONG_WINDOW_MS;
  const shortWindowMs =
    options.shortWindowMs ?? (resolutionOk ? defaultShortWindowMs(resolutionMs) : Number.NaN);
  const precision = options.longWindowPrecision ?? 'float32';
  if (!isPositive(longWindowMs)) problems.push(notPositive('longWindowMs', longWindowMs));
  if (options.shortWindowMs !== undefined && !isPositive(options.shortWindowMs)) {
    problems.push(notPositive('shortWindowMs', options.shortWindowMs));
  } else if (isPositive(longWindowMs) && shortWindowMs > longWindowMs) {
    // Series are dropped after one long window of absence; a batch still held must not
    // refer to a series whose slot was handed to another.
    problems.push({
      field: 'shortWindowMs',
      message: `${shortWindowMs} ms must not exceed longWindowMs (${longWindowMs} ms)`,
    });
  }
  if (precision !== 'float32' && precision !== 'float64') {
    problems.push({
      field: 'longWindowPrecision',
      message: `${JSON.stringify(precision)} is neither "float32" nor "float64"`,
    });
  }
  const pointsPerSeries = Math.ceil(longWindowMs / resolutionMs);
  if (resolutionOk && isPositive(longWindowMs) && pointsPerSeries > MAX_POINTS_PER_SERIES) {
    problems.push({
      field: 'longWindowMs',
      message: `${longWindowMs} ms at a ${resolutionMs} ms resolution needs ${pointsPerSeries} points per series (at most ${MAX_POINTS_PER_SERIES})`,
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    resolutionMs,
    shortWindowMs,
    longWindowMs,
    longWindowPrecision: precision,
    pointsPerSeries,
  };
}

/** 2⅓ resolutions: holds the newest three batches (timestamps 0, 1 and 2 resolutions old). */
export function defaultShortWindowMs(resolutionMs: number): number {
  return 2 * resolutionMs + resolutionMs / 3;
}

function isPositive(value: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function notPositive(field: string, value: unknown): FieldProblem {
  return { field, message: `${String(value)} is not a positive, finite number of milliseconds` };
}
