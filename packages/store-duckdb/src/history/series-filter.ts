import { DuckDBTimestampValue, listValue, type DuckDBValue } from '@duckdb/node-api';
import { parseEntityTypeName } from '@heapster/model';
import { TOUCH_INTERVAL_MS } from '../series-dictionary.js';
import type { SeriesSelector, TimeRange } from './historical-store.js';

/** A SQL condition with its positional parameters ($1, $2, … in order). */
export interface SqlFilter {
  readonly sql: string;
  readonly params: DuckDBValue[];
}

const LABEL_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

/** Problems in a selector or range: the API layer reports them as 400s naming the parameter. */
export class QueryError extends Error {
  readonly parameter: string;

  constructor(parameter: string, message: string) {
    super(`${parameter}: ${message}`);
    this.name = 'QueryError';
    this.parameter = parameter;
  }
}

export function checkRange(range: TimeRange): void {
  if (!Number.isFinite(range.start)) throw new QueryError('start', 'is not a valid time');
  if (!Number.isFinite(range.end)) throw new QueryError('end', 'is not a valid time');
  if (range.end < range.start) throw new QueryError('end', 'is before start');
}

/** A TIMESTAMP parameter from epoch ms. */
export function timestampParam(ms: number): DuckDBTimestampValue {
  if (!Number.isFinite(ms)) throw new RangeError(`time ${ms} is not a finite epoch-ms value`);
  return new DuckDBTimestampValue(BigInt(Math.round(ms)) * 1000n);
}

/** The earliest last sighting of a series seen in a range starting at `start` (epoch ms). */
export function seenSince(start: number): number {
  return start - TOUCH_INTERVAL_MS;
}

/**
 * The condition selecting rows of `series s` for a selector, seen during `range` — unless
 * `seen` is false: then the caller applies `seenSince` / `range.end` itself (the read-only
 * reader's series lookups, kept across ranges). last_seen is written at most once a minute, so
 * a series is taken as seen up to a minute after it. Every value is a parameter, so that one
 * prepared statement serves every selector of this shape.
 */
export function seriesFilter(selector: SeriesSelector, range: TimeRange, seen = true): SqlFilter {
  checkRange(range);
  if (parseEntityTypeName(selector.type) === undefined) {
    throw new QueryError('type', `"${selector.type}" is not an entity type`);
  }
  const params: DuckDBValue[] = [];
  const param = (value: DuckDBValue): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = [`s.type = ${param(selector.type)}`];
  if (seen) {
    conditions.push(
      `s.first_seen <= ${param(timestampParam(range.end))}`,
      `s.last_seen >= ${param(timestampParam(seenSince(range.start)))}`,
    );
  }
  if (selector.namespace !== undefined)
    conditions.push(`s.namespace = ${param(selector.namespace)}`);
  if (selector.node !== undefined) conditions.push(`s.node = ${param(selector.node)}`);
  if (selector.container !== undefined)
    conditions.push(`s.container = ${param(selector.container)}`);
  if (selector.pods !== undefined) {
    conditions.push(`list_contains(${param(listValue([...selector.pods]))}::VARCHAR[], s.pod)`);
  }
  if (selector.podIds !== undefined) {
    conditions.push(
      `list_contains(${param(listValue([...selector.podIds]))}::VARCHAR[], s.pod_id)`,
    );
  }
  for (const [key, value] of Object.entries(selector.labels ?? {})) {
    if (!LABEL_KEY.test(key)) throw new QueryError('labels', `"${key}" is not a label name`);
    conditions.push(`json_extract_string(s.metric_labels, '$."${key}"') = ${param(value)}`);
  }
  return { sql: conditions.join(' AND '), params };
}
