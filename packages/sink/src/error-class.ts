import { PartialWriteError, PermanentError, RetryableError, TimeoutError } from '@heapster/runtime';

export type ErrorClass = 'permanent' | 'retryable' | 'partial' | 'timeout' | 'unknown';

/** The error classes of the sink contract, as a label value. Unclassified errors count as unknown. */
export function classifyError(error: unknown): ErrorClass {
  if (error instanceof TimeoutError) return 'timeout';
  if (error instanceof PartialWriteError) return 'partial';
  if (error instanceof PermanentError) return 'permanent';
  if (error instanceof RetryableError) return 'retryable';
  return 'unknown';
}
