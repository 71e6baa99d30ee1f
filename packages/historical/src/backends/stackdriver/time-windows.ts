import { HistoricalQueryError, type HistoricalTimeRange } from '@heapster/sink';
import { bucketStarts } from '../../bucket-grid.js';

/**
 * ListTimeSeries reads the half-open interval (start, end]; Heapster's ranges and buckets
 * include their start. Every interval here therefore starts 1 ms before the first instant it
 * must hold: exact for the millisecond (or coarser) times the sink writes.
 */
export interface ReadWindow {
  /** Exclusive start, epoch ms. */
  readonly startMs: number;
  /** Inclusive end, epoch ms. */
  readonly endMs: number;
}

/** A window read with an aligner: one aligned point per period, stamped with the period's end. */
export interface AlignedWindow extends ReadWindow {
  readonly periodSeconds: number;
  /** The Heapster bucket an aligned point (by its end time) belongs to. */
  bucketOf(pointEndMs: number): number;
}

/** Cloud Monitoring's shortest alignment period. */
export const MIN_ALIGNMENT_MS = 60_000;

/** Cloud Monitoring keeps data at most 24 months: intervals never reach further back. */
const RETENTION_MS = 732 * 86_400_000;

function clamp(window: ReadWindow): ReadWindow {
  return { startMs: Math.max(window.startMs, window.endMs - RETENTION_MS), endMs: window.endMs };
}

/** Raw points of [start, end]. */
export function rawWindow(range: HistoricalTimeRange): ReadWindow {
  return clamp({ startMs: range.start - 1, endMs: range.end });
}

/**
 * The windows answering every bucket of a range with one aligned point each (alignment
 * period = bucket). Aligned periods end at the interval's end and count back from it, so the
 * buckets before the last are read in one interval ending 1 ms before the last bucket (each
 * period then covers exactly [b, b + bucket)), and the last bucket — possibly cut by `end` —
 * in its own interval. bucket = 0 is one period over the whole range.
 */
export function perBucketWindows(bucketMs: number, range: HistoricalTimeRange): AlignedWindow[] {
  if (bucketMs === 0) {
    const length = range.end - range.start + 1;
    const periodSeconds = Math.max(MIN_ALIGNMENT_MS, length) / 1000;
    return [
      {
        ...rawWindow(range),
        periodSeconds: Math.ceil(periodSeconds),
        bucketOf: () => range.start,
      },
    ];
  }
  if (bucketMs < MIN_ALIGNMENT_MS || bucketMs % 1000 !== 0) {
    throw new HistoricalQueryError(
      'bucket',
      `${bucketMs} ms: Cloud Monitoring aligns over whole seconds, at least 60 s`,
    );
  }
  const starts = bucketStarts(bucketMs, range);
  const last = starts[starts.length - 1] as number;
  const periodSeconds = bucketMs / 1000;
  const windows: AlignedWindow[] = [];
  if (starts.length > 1) {
    windows.push({
      ...clamp({ startMs: range.start - 1, endMs: last - 1 }),
      periodSeconds,
      // Stamped b + bucket − 1 ms (or b + bucket if the service rounds): either way bucket b.
      bucketOf: end => Math.floor((end - 1) / bucketMs) * bucketMs,
    });
  }
  windows.push({
    ...clamp({ startMs: Math.max(range.start, last) - 1, endMs: range.end }),
    periodSeconds,
    bucketOf: () => last,
  });
  return windows;
}

/**
 * The window of a series aligned at `periodMs` (summed series, rates): whole periods
 * [m, m + period) for every m in [start, end] on the period grid, so that each aligned point
 * stands for the period starting at m (the sink writes at multiples of its resolution).
 */
export function periodWindow(
  periodMs: number,
  range: HistoricalTimeRange,
): (AlignedWindow & { periodStartOf(pointEndMs: number): number }) | undefined {
  const first = Math.ceil(range.start / periodMs) * periodMs;
  const last = Math.floor(range.end / periodMs) * periodMs;
  if (first > last) return undefined;
  const periodStartOf = (end: number): number => Math.floor((end - 1) / periodMs) * periodMs;
  return {
    ...clamp({ startMs: first - 1, endMs: last + periodMs - 1 }),
    periodSeconds: periodMs / 1000,
    bucketOf: periodStartOf,
    periodStartOf,
  };
}

/** A bucket width the period series can answer: a multiple of the period, or the whole range. */
export function checkBucketOfPeriod(bucketMs: number, periodMs: number): void {
  if (bucketMs !== 0 && bucketMs % periodMs !== 0) {
    throw new HistoricalQueryError(
      'bucket',
      `${bucketMs} ms: summed and rate series are aligned every ${periodMs / 1000} s ` +
        `(alignment_period); ask for a multiple of it`,
    );
  }
}
