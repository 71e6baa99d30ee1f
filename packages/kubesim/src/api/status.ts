import type { ServerResponse } from 'node:http';

export interface StatusCause {
  readonly reason?: string;
  readonly message?: string;
  readonly field?: string;
}

export interface StatusDetails {
  readonly name?: string;
  readonly group?: string;
  readonly kind?: string;
  readonly causes?: readonly StatusCause[];
  readonly retryAfterSeconds?: number;
}

/** metav1.Status for a failure, as the API server writes it. */
export interface StatusBody {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, never>;
  readonly status: 'Failure';
  readonly message: string;
  readonly reason: string;
  readonly details?: StatusDetails;
  readonly code: number;
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** An API failure that becomes a Status response. */
export class ApiError extends Error {
  readonly status: StatusBody;

  constructor(code: number, message: string, details?: StatusDetails, reason?: string) {
    super(message);
    this.name = 'ApiError';
    const body: StatusBody = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: reason ?? REASONS[code] ?? 'Unknown',
      ...(details === undefined ? {} : { details }),
      code,
    };
    this.status = body;
  }
}

/** `pods "x" not found`, `events.events.k8s.io "x" not found`. */
export function notFound(group: string, resource: string, name: string): ApiError {
  const qualified = group === '' ? resource : `${resource}.${group}`;
  const details: StatusDetails =
    group === '' ? { name, kind: resource } : { name, group, kind: resource };
  return new ApiError(404, `${qualified} "${name}" not found`, details);
}

export function pathNotFound(): ApiError {
  return new ApiError(404, 'the server could not find the requested resource', {});
}

export function badRequest(message: string, causes?: readonly StatusCause[]): ApiError {
  return new ApiError(400, message, causes === undefined ? undefined : { causes });
}

export function methodNotAllowed(): ApiError {
  return new ApiError(405, 'the server does not allow this method on the requested resource', {});
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized');
}

/** An injected or generic failure with the conventional reason for its code. */
export function failure(code: number, message: string): ApiError {
  const details: StatusDetails | undefined =
    code === 429 || code === 503 ? { retryAfterSeconds: 1 } : undefined;
  return new ApiError(code, message, details);
}

export function statusJson(error: ApiError): string {
  return JSON.stringify(error.status);
}

export function writeStatus(res: ServerResponse, error: ApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = statusJson(error);
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Content-Length': Buffer.byteLength(body),
  };
  const retry = error.status.details?.retryAfterSeconds;
  if (retry !== undefined) headers['Retry-After'] = retry;
  res.writeHead(error.status.code, headers);
  res.end(body);
}
