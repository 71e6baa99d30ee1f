import { ApiError } from './api-error.js';
import { API_ERROR_CODES } from './error-codes.js';

/**
 * The body of an error on Heapster's routes (model API, metric-export, health, exposition).
 * go-restful's `WriteError` wrote the bare message as text/plain; we answer JSON carrying the
 * same message under `error`, plus the stable code and, for bad input, the parameter at fault.
 */
export interface HeapsterErrorBody {
  readonly error: string;
  readonly code: string;
  readonly status: number;
  readonly parameter?: string;
}

export function heapsterErrorBody(error: ApiError): HeapsterErrorBody {
  const body: HeapsterErrorBody = {
    error: error.message,
    code: error.code,
    status: error.statusCode,
  };
  return error.parameter === undefined ? body : { ...body, parameter: error.parameter };
}

/** A Kubernetes `metav1.Status` (what kubectl and client-go print) for `/api` and `/apis` routes. */
export interface KubernetesStatus {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, never>;
  readonly status: 'Failure';
  readonly message: string;
  readonly reason: string;
  readonly details?: {
    readonly name?: string;
    readonly kind?: string;
    readonly causes?: readonly { reason: string; message: string; field: string }[];
  };
  readonly code: number;
}

export function kubernetesStatus(error: ApiError): KubernetesStatus {
  const status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: error.message,
    reason: reasonOf(error),
    code: error.statusCode,
  } as const;
  if (error.parameter !== undefined) {
    const cause = { reason: 'FieldValueInvalid', message: error.message, field: error.parameter };
    return { ...status, details: { causes: [cause] } };
  }
  if (error.kind !== undefined || error.resourceName !== undefined) {
    return { ...status, details: { name: error.resourceName, kind: error.kind } };
  }
  return status;
}

function reasonOf(error: ApiError): string {
  // A precise 4xx of a generic bad request keeps Kubernetes' reason for that status.
  if (error.statusCode === 408) return 'Timeout';
  if (error.statusCode === 415) return 'UnsupportedMediaType';
  if (error.statusCode === 405) return 'MethodNotAllowed';
  return API_ERROR_CODES[error.code].reason;
}

interface ErrorLike {
  readonly statusCode?: unknown;
  /** Errors of the metrics.k8s.io routes carry their HTTP status as a numeric `code`. */
  readonly code?: unknown;
  readonly message?: unknown;
}

/**
 * Any thrown value as an ApiError: ours as they are; fastify's own client errors (bad URL,
 * body too large, bad content type) by their status; everything else is a 500 (a bug).
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const like = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const text =
    typeof like.message === 'string' && like.message !== '' ? like.message : String(error);
  const status =
    typeof like.statusCode === 'number'
      ? like.statusCode
      : typeof like.code === 'number'
        ? like.code
        : 500;
  switch (status) {
    case 404:
      return new ApiError('HEAPSTER_ERR_ROUTE_NOT_FOUND', text, { cause: error });
    case 413:
      return new ApiError('HEAPSTER_ERR_PAYLOAD_TOO_LARGE', text, { cause: error });
    case 414:
      return new ApiError('HEAPSTER_ERR_URI_TOO_LONG', text, { cause: error });
    case 503:
      return new ApiError('HEAPSTER_ERR_UNAVAILABLE', text, { cause: error });
    default:
      if (status >= 400 && status < 500) {
        return new ApiError('HEAPSTER_ERR_BAD_REQUEST', text, { cause: error, status });
      }
      return new ApiError('HEAPSTER_ERR_INTERNAL', 'internal error while serving the request', {
        cause: error,
      });
  }
}
