import { PermanentError, RetryableError, retryAfterMs, type HttpResult } from '@heapster/runtime';

export interface InfluxSeries {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly values?: readonly (readonly unknown[])[];
}

export interface StatementResult {
  readonly statement_id?: number;
  readonly series?: readonly InfluxSeries[];
  readonly error?: string;
}

/** Quotes an InfluxQL identifier (database or retention policy name). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/[\\"]/g, '\\$&')}"`;
}

/** The `error` of an InfluxDB JSON answer, or the body itself. */
export function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // not JSON: a proxy's page or plain text
  }
  return body.trim().slice(0, 500);
}

/**
 * Classifies a non-2xx answer: 429 and 5xx are worth retrying (InfluxDB is overloaded or
 * restarting), every other status is permanent (bad credentials, bad request).
 */
export function httpFailure(what: string, result: HttpResult): Error {
  const message = `${what} answered ${result.status}: ${errorText(result.body)}`;
  if (result.status === 429 || result.status >= 500) {
    return new RetryableError(message, { retryAfterMs: retryAfterMs(result.headers) });
  }
  return new PermanentError(message);
}

/** The statement results of a /query answer; a statement error is permanent. */
export function statementResults(what: string, result: HttpResult): StatementResult[] {
  if (result.status < 200 || result.status > 299) throw httpFailure(what, result);
  let parsed: { results?: StatementResult[]; error?: string };
  try {
    parsed = JSON.parse(result.body) as typeof parsed;
  } catch {
    throw new PermanentError(`${what}: the answer is not JSON: ${result.body.slice(0, 200)}`);
  }
  if (parsed.error !== undefined) throw new PermanentError(`${what}: ${parsed.error}`);
  const results = parsed.results ?? [];
  const failed = results.find(statement => statement.error !== undefined);
  if (failed !== undefined) throw new PermanentError(`${what}: ${failed.error}`);
  return results;
}
