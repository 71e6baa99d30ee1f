import { resolveMetricAlias } from '@heapster/model';
import { HistoricalQueryError, type HistoricalTimeRange } from '@heapster/sink';
import { bucketCount } from '../bucket-grid.js';
import { parseRfc3339 } from './time-format.js';

export type QueryValues = Readonly<Record<string, string | readonly string[] | undefined>>;

/** A query parameter (the first, if repeated, as Go's QueryParameter). */
export function queryValue(query: QueryValues, name: string): string | undefined {
  const value = query[name];
  const first = typeof value === 'string' ? value : value?.[0];
  return first === undefined || first === '' ? undefined : first;
}

/**
 * `start` (RFC 3339; required unless `startDefault` is given) and `end` (default now), both
 * included. Heapster refused a missing or zero start, so that no query scans all of history
 * by accident; listings (cheap index reads) default to the whole history instead.
 */
export function parseRange(
  query: QueryValues,
  now: number,
  startDefault?: number,
): HistoricalTimeRange {
  const startText = queryValue(query, 'start');
  const endText = queryValue(query, 'end');
  let start = startDefault;
  if (startText !== undefined) {
    start = parseRfc3339(startText);
    if (start === undefined) {
      throw new HistoricalQueryError(
        'start',
        `"${startText}" is not an RFC 3339 time (e.g. 2024-01-01T00:00:00Z)`,
      );
    }
  }
  if (start === undefined) throw new HistoricalQueryError('start', 'is required (RFC 3339)');
  if (start <= 0 && startDefault === undefined) {
    throw new HistoricalQueryError('start', 'must be after 1970-01-01T00:00:00Z');
  }
  let end = now;
  if (endText !== undefined) {
    const parsed = parseRfc3339(endText);
    if (parsed === undefined) {
      throw new HistoricalQueryError(
        'end',
        `"${endText}" is not an RFC 3339 time (e.g. 2024-01-02T00:00:00Z)`,
      );
    }
    end = parsed;
  }
  if (end < start) throw new HistoricalQueryError('end', 'is before start');
  return { start, end };
}

const UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** `bucket=<uint>(ms|s|m|h|d)` in ms; absent or 0 = one bucket over the whole range. */
export function parseBucket(query: QueryValues): number {
  const text = queryValue(query, 'bucket');
  if (text === undefined) return 0;
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  const ms = match === null ? Number.NaN : Number(match[1]) * (UNITS[match[2] as string] as number);
  if (!Number.isSafeInteger(ms)) {
    throw new HistoricalQueryError(
      'bucket',
      `"${text}" is not a duration such as 30s, 5m, 1h or 1d`,
    );
  }
  return ms;
}

/** Refuses a bucket width that would produce more than `maxBuckets` buckets over the range. */
export function checkBucketCount(
  bucketMs: number,
  range: HistoricalTimeRange,
  maxBuckets: number,
): void {
  const count = bucketCount(bucketMs, range);
  if (count > maxBuckets) {
    throw new HistoricalQueryError(
      'bucket',
      `${count} buckets over the range exceed the maximum of ${maxBuckets}; use a wider bucket or a shorter range`,
    );
  }
}

/** `labels=k:v,k2:v2` (the value may contain ':'), for labeled metrics. */
export function parseLabels(query: QueryValues): Record<string, string> | undefined {
  const text = queryValue(query, 'labels');
  if (text === undefined) return undefined;
  const labels: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const colon = pair.indexOf(':');
    const key = colon < 0 ? '' : pair.slice(0, colon);
    const value = colon < 0 ? '' : pair.slice(colon + 1);
    if (key === '' || value === '') {
      throw new HistoricalQueryError('labels', `"${pair}" is not a key:value pair`);
    }
    labels[key] = value;
  }
  return labels;
}

/** A comma-separated pod-list / pod-id-list, in order, at most `max` names. */
export function parseNameList(text: string, parameter: string, max: number): string[] {
  const names = text
    .split(',')
    .map(name => name.trim())
    .filter(name => name !== '');
  if (names.length === 0) throw new HistoricalQueryError(parameter, 'names no pod');
  if (names.length > max) {
    throw new HistoricalQueryError(parameter, `${names.length} pods given, at most ${max} allowed`);
  }
  return names;
}

/** The metric of a value route (its name may hold '/'); deprecated model names translated. */
export function metricName(wildcard: string | undefined): string {
  const name = (wildcard ?? '').replace(/^\/+|\/+$/g, '');
  if (name === '') throw new HistoricalQueryError('metric', 'no metric name given');
  return resolveMetricAlias(name);
}

/** A path parameter that names an entity: it must not be empty. */
export function entityName(value: string | undefined, parameter: string): string {
  if (value === undefined || value === '')
    throw new HistoricalQueryError(parameter, 'must not be empty');
  return value;
}
