import { HeapsterError, RetryableError } from '@heapster/runtime';
import { HistoricalQueryError } from '@heapster/sink';

export interface ErrorAnswer {
  readonly status: number;
  readonly body: { readonly error: string; readonly parameter?: string; readonly code?: string };
}

/**
 * The answer for a failed request: a bad parameter is 400 and names it; a backend that is
 * down, overloaded or too slow (retryable, timeouts) is 503; any other backend failure (it
 * answered, but with an error) is 502. Nothing is rethrown: a backend never takes the API down.
 */
export function errorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof HistoricalQueryError) {
    return { status: 400, body: { error: error.message, parameter: error.parameter } };
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof HeapsterError ? error.code : undefined;
  const body = { error: `historical backend: ${message}`, ...(code === undefined ? {} : { code }) };
  return { status: error instanceof RetryableError ? 503 : 502, body };
}
