import { PermanentError, RetryableError } from '@heapster/runtime';
import { bodyExcerpt, type HttpAnswer } from '../http-post.js';

export interface InfluxSeries {
  readonly name?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly columns: readonly string[];
  readonly values?: readonly (readonly unknown[])[];
}

interface InfluxAnswer {
  readonly results?: readonly {
    readonly series?: readonly InfluxSeries[];
    readonly error?: string;
  }[];
  readonly error?: string;
}

/**
 * The series of each statement of a /query answer. 429 and 5xx are worth retrying (InfluxDB
 * overloaded or restarting); other statuses, and a statement's own error, are permanent.
 */
export function influxSeries(what: string, answer: HttpAnswer): InfluxSeries[][] {
  if (answer.status === 429 || answer.status >= 500) {
    throw new RetryableError(`${what} answered ${answer.status}: ${errorText(answer.body)}`);
  }
  if (answer.status < 200 || answer.status > 299) {
    throw new PermanentError(`${what} answered ${answer.status}: ${errorText(answer.body)}`);
  }
  let parsed: InfluxAnswer;
  try {
    parsed = JSON.parse(answer.body) as InfluxAnswer;
  } catch {
    throw new PermanentError(`${what}: the answer is not JSON: ${bodyExcerpt(answer.body)}`);
  }
  if (parsed.error !== undefined) throw new PermanentError(`${what}: ${parsed.error}`);
  return (parsed.results ?? []).map(result => {
    if (result.error !== undefined) throw new PermanentError(`${what}: ${result.error}`);
    return [...(result.series ?? [])];
  });
}

function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // a proxy's page or plain text
  }
  return bodyExcerpt(body);
}

/** Rows of a series as objects keyed by column. */
export function seriesRows(series: InfluxSeries): Record<string, unknown>[] {
  return (series.values ?? []).map(row => {
    const record: Record<string, unknown> = {};
    series.columns.forEach((column, i) => {
      record[column] = row[i];
    });
    return record;
  });
}

/** A numeric cell (InfluxDB answers JSON numbers; null means "no value"). */
export function numberCell(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}
