import type { ListedSeries } from './monitoring-reader.js';

/** One point of an answer: its end time (epoch ms) and numeric value. */
export interface SeriesPoint {
  readonly endMs: number;
  readonly value: number;
}

type Int64 = number | string | { toString(): string } | null | undefined;

/** int64 fields arrive as numbers, strings or Long objects depending on the decoder. */
function int64(value: Int64): number {
  return value === null || value === undefined ? 0 : Number(String(value));
}

function timeMs(time: { seconds?: Int64; nanos?: number | null } | null | undefined): number {
  if (time === null || time === undefined) return Number.NaN;
  return int64(time.seconds) * 1000 + Math.floor((time.nanos ?? 0) / 1e6);
}

/**
 * The numeric points of a series (any order; Cloud Monitoring sends newest first). int64,
 * double and bool values are read; a distribution has no single value and is skipped.
 */
export function pointsOf(series: ListedSeries): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  for (const point of series.points ?? []) {
    const endMs = timeMs(point.interval?.endTime);
    const typed = point.value;
    let value = Number.NaN;
    if (typed?.doubleValue !== null && typed?.doubleValue !== undefined) {
      value = Number(typed.doubleValue);
    } else if (typed?.int64Value !== null && typed?.int64Value !== undefined) {
      value = int64(typed.int64Value as Int64);
    } else if (typed?.boolValue !== null && typed?.boolValue !== undefined) {
      value = typed.boolValue ? 1 : 0;
    }
    if (Number.isFinite(endMs) && Number.isFinite(value)) points.push({ endMs, value });
  }
  return points;
}

/** A label of a series by its filter path (`resource.labels.pod_name`, `metric.labels.x`). */
export function seriesLabel(series: ListedSeries, path: string): string | undefined {
  const [root, field, key] = path.split('.');
  if (field !== 'labels' || key === undefined) return undefined;
  const labels = root === 'metric' ? series.metric?.labels : series.resource?.labels;
  const value = labels?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** A series' identity (metric and resource labels): tells several series of one group apart. */
export function seriesIdentity(series: ListedSeries): string {
  const sorted = (labels: Record<string, string> | null | undefined): [string, string][] =>
    Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    series.metric?.type ?? '',
    sorted(series.metric?.labels),
    series.resource?.type ?? '',
    sorted(series.resource?.labels),
  ]);
}
