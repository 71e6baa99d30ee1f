/**
 * Every error the HTTP APIs answer with: a stable code, its HTTP status and the Kubernetes
 * `Status.reason` used on Kubernetes-style routes. docs/errors.md lists the same codes (a test
 * keeps the two in step); retired codes must not be reused.
 */
export interface ApiErrorSpec {
  readonly status: number;
  /** `metav1.StatusReason` for Kubernetes `Status` bodies. */
  readonly reason: string;
  /** One line for docs/errors.md. */
  readonly description: string;
}

export const API_ERROR_CODES = {
  HEAPSTER_ERR_BAD_PARAMETER: {
    status: 400,
    reason: 'BadRequest',
    description: 'A query or path parameter is malformed; the body names the parameter.',
  },
  HEAPSTER_ERR_BAD_REQUEST: {
    status: 400,
    reason: 'BadRequest',
    description: 'The request itself is malformed (bad URL encoding, unsupported body, ...).',
  },
  HEAPSTER_ERR_UNAUTHENTICATED: {
    status: 401,
    reason: 'Unauthorized',
    description: 'No valid credentials (client certificate, front-proxy headers or token).',
  },
  HEAPSTER_ERR_FORBIDDEN: {
    status: 403,
    reason: 'Forbidden',
    description: 'Authenticated, but not allowed to read this resource.',
  },
  HEAPSTER_ERR_NOT_FOUND: {
    status: 404,
    reason: 'NotFound',
    description: 'The node, namespace, pod or container has no metrics in the store.',
  },
  HEAPSTER_ERR_UNKNOWN_METRIC: {
    status: 404,
    reason: 'NotFound',
    description: 'The metric name is neither a known metric nor a deprecated alias.',
  },
  HEAPSTER_ERR_ROUTE_NOT_FOUND: {
    status: 404,
    reason: 'NotFound',
    description: 'No route serves this method and path.',
  },
  HEAPSTER_ERR_URI_TOO_LONG: {
    status: 414,
    reason: 'RequestURITooLong',
    description: 'A path segment is longer than the router accepts.',
  },
  HEAPSTER_ERR_PAYLOAD_TOO_LARGE: {
    status: 413,
    reason: 'RequestEntityTooLarge',
    description: 'The request body exceeds the body limit.',
  },
  HEAPSTER_ERR_UNAVAILABLE: {
    status: 503,
    reason: 'ServiceUnavailable',
    description: 'The server is shutting down or cannot serve yet.',
  },
  HEAPSTER_ERR_INTERNAL: {
    status: 500,
    reason: 'InternalError',
    description: 'A bug: an unexpected failure while serving the request (logged).',
  },
} as const satisfies Readonly<Record<string, ApiErrorSpec>>;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

export function isApiErrorCode(code: string): code is ApiErrorCode {
  return Object.hasOwn(API_ERROR_CODES, code);
}
