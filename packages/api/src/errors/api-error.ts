import { HeapsterError } from '@heapster/runtime';
import { API_ERROR_CODES, type ApiErrorCode } from './error-codes.js';

export interface ApiErrorOptions {
  /** The request parameter at fault (`start`, `labels`, `metric-name`, ...). */
  readonly parameter?: string;
  /** For NotFound: what kind of thing and its name (Kubernetes `Status.details`). */
  readonly kind?: string;
  readonly name?: string;
  readonly cause?: unknown;
  /** Only for HEAPSTER_ERR_BAD_REQUEST: a more precise 4xx (408, 415, ...) than the catalogue's 400. */
  readonly status?: number;
}

/** An error the APIs answer with: a catalogue code decides the status. */
export class ApiError extends HeapsterError {
  override readonly code: ApiErrorCode;
  readonly statusCode: number;
  readonly parameter: string | undefined;
  readonly kind: string | undefined;
  readonly resourceName: string | undefined;

  constructor(code: ApiErrorCode, message: string, options: ApiErrorOptions = {}) {
    super(code, message, { cause: options.cause });
    this.code = code;
    const precise = options.status;
    this.statusCode =
      code === 'HEAPSTER_ERR_BAD_REQUEST' &&
      precise !== undefined &&
      precise >= 400 &&
      precise < 500
        ? precise
        : API_ERROR_CODES[code].status;
    this.parameter = options.parameter;
    this.kind = options.kind;
    this.resourceName = options.name;
  }
}

/** 400 naming the parameter and the offending value (shortened: values can be huge). */
export function badParameter(parameter: string, value: string, problem: string): ApiError {
  return new ApiError(
    'HEAPSTER_ERR_BAD_PARAMETER',
    `invalid ${parameter} ${JSON.stringify(shorten(value))}: ${problem}`,
    { parameter },
  );
}

/** 404 for an entity the store has no metrics for. */
export function entityNotFound(kind: string, name: string): ApiError {
  return new ApiError(
    'HEAPSTER_ERR_NOT_FOUND',
    `${kind} ${JSON.stringify(shorten(name))} not found`,
    {
      kind,
      name,
    },
  );
}

export function unknownMetric(name: string): ApiError {
  return new ApiError(
    'HEAPSTER_ERR_UNKNOWN_METRIC',
    `metric ${JSON.stringify(shorten(name))} is not known (see /api/v1/model/metrics/ for names)`,
    { parameter: 'metric-name', kind: 'metric', name },
  );
}

const MAX_ECHO = 200;

/** Echoed values are cut so that a 10 kB parameter does not become a 10 kB error body. */
export function shorten(value: string): string {
  return value.length <= MAX_ECHO ? value : `${value.slice(0, MAX_ECHO)}…(${value.length} chars)`;
}
