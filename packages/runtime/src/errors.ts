/**
 * Classified errors. A failed write or scrape is one of three things, and the class decides
 * what the caller does: never retry (permanent), retry later (retryable), or count the part
 * that failed (partial). Every error carries a stable code from docs/errors.md.
 */
export class HeapsterError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Bad data or a 4xx: the same request will fail again. */
export class PermanentError extends HeapsterError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'HEAPSTER_ERR_PERMANENT', message, options);
  }
}

/** A 5xx, 429, timeout or network failure: the same request may succeed later. */
export class RetryableError extends HeapsterError {
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    options?: { cause?: unknown; code?: string; retryAfterMs?: number },
  ) {
    super(options?.code ?? 'HEAPSTER_ERR_RETRYABLE', message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** Part of a batch was rejected; `failed` counts the items lost, the rest was stored. */
export class PartialWriteError extends HeapsterError {
  readonly failed: number;

  constructor(message: string, failed: number, options?: { cause?: unknown }) {
    super('HEAPSTER_ERR_PARTIAL_WRITE', message, options);
    this.failed = failed;
  }
}

/** An operation ran past its deadline. Retryable by nature. */
export class TimeoutError extends RetryableError {
  constructor(what: string, ms: number) {
    super(`${what} timed out after ${ms} ms`, { code: 'HEAPSTER_ERR_TIMEOUT' });
  }
}

/** One bad setting: the field (flag, URI option, request parameter) and what is wrong with it. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** Every configuration problem found, reported together (start-up never stops at the first). */
export class ConfigError extends HeapsterError {
  readonly problems: readonly FieldProblem[];

  constructor(problems: readonly FieldProblem[]) {
    super('HEAPSTER_ERR_CONFIG', problems.map(p => `${p.field}: ${p.message}`).join('\n'));
    this.problems = problems;
  }
}

export function isRetryable(error: unknown): boolean {
  return error instanceof RetryableError;
}
