import { PermanentError, RetryableError, TimeoutError } from '@heapster/runtime';
import { DecodeError } from '../decode/decode-error.js';

/**
 * Why a node's scrape failed, as a bounded label value for the failure counter and the report.
 * The distinctions are the ones an operator acts on differently: a firewall (unreachable), a
 * certificate (tls), RBAC (unauthorized: nodes/stats), an overloaded kubelet (timeout, http_error).
 */
export type ScrapeFailureClass =
  | 'timeout'
  | 'unreachable'
  | 'connection_reset'
  | 'tls'
  | 'unauthorized'
  | 'not_found'
  | 'http_error'
  | 'too_large'
  | 'decode'
  | 'aborted'
  | 'unknown';

const EXCERPT_CHARS = 200;

/** A short, single-line piece of a response body for error messages. */
export function bodyExcerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat;
}

/** A non-200 answer the same request may not get next time: 5xx, 429, anything unexpected. */
export class KubeletHttpError extends RetryableError {
  readonly status: number;
  readonly url: string;

  constructor(url: string, status: number, excerpt: string) {
    super(`GET ${url}: HTTP ${status}${excerpt === '' ? '' : `: ${excerpt}`}`, {
      code: 'HEAPSTER_ERR_KUBELET_HTTP',
    });
    this.status = status;
    this.url = url;
  }
}

/** A 4xx: the request itself is refused (401/403: credentials or RBAC on nodes/stats). */
export class KubeletRejectedError extends PermanentError {
  readonly status: number;
  readonly url: string;

  constructor(
    url: string,
    status: number,
    excerpt: string,
    code = 'HEAPSTER_ERR_KUBELET_REJECTED',
  ) {
    super(`GET ${url}: HTTP ${status}${excerpt === '' ? '' : `: ${excerpt}`}`, { code });
    this.status = status;
    this.url = url;
  }
}

/** 404: the kubelet has no such endpoint (e.g. /metrics/resource before Kubernetes 1.18). */
export class KubeletNotFoundError extends KubeletRejectedError {
  constructor(url: string, excerpt: string) {
    super(url, 404, excerpt, 'HEAPSTER_ERR_KUBELET_NOT_FOUND');
  }
}

export type ConnectionFailure = 'unreachable' | 'connection_reset' | 'tls';

/** The connection could not be made or broke: refused, reset, DNS, TLS verification. */
export class KubeletConnectionError extends RetryableError {
  readonly failure: ConnectionFailure;

  constructor(url: string, failure: ConnectionFailure, cause: unknown) {
    super(`GET ${url}: ${describeCause(cause)}`, {
      code: 'HEAPSTER_ERR_KUBELET_CONNECTION',
      cause,
    });
    this.failure = failure;
  }
}

/** The body exceeded the configured limit; reading stopped there. */
export class ResponseTooLargeError extends PermanentError {
  constructor(url: string, limitBytes: number) {
    super(`GET ${url}: the response is larger than ${limitBytes} bytes`, {
      code: 'HEAPSTER_ERR_KUBELET_TOO_LARGE',
    });
  }
}

/** The scrape was abandoned because its caller gave up (shutdown, or the resolution ran out). */
export class ScrapeAbortedError extends RetryableError {
  constructor(what: string) {
    super(`${what}: aborted`, { code: 'HEAPSTER_ERR_KUBELET_ABORTED' });
  }
}

export function classifyScrapeError(error: unknown): ScrapeFailureClass {
  if (error instanceof TimeoutError) return 'timeout';
  if (error instanceof DecodeError) return 'decode';
  if (error instanceof KubeletNotFoundError) return 'not_found';
  if (error instanceof KubeletRejectedError) {
    return error.status === 401 || error.status === 403 ? 'unauthorized' : 'http_error';
  }
  if (error instanceof KubeletHttpError) return 'http_error';
  if (error instanceof KubeletConnectionError) return error.failure;
  if (error instanceof ResponseTooLargeError) return 'too_large';
  if (error instanceof ScrapeAbortedError) return 'aborted';
  // The bearer token file could not be read: a credentials problem like a 401.
  if (error instanceof PermanentError && error.code === 'HEAPSTER_ERR_KUBELET_TOKEN') {
    return 'unauthorized';
  }
  return 'unknown';
}

const TLS_CODES = /CERT|TLS|SSL|EPROTO|SIGNATURE|ISSUER/;
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** Which kind of connection failure a transport error is (the system error may be nested as a cause). */
export function connectionFailureOf(error: unknown): ConnectionFailure {
  const codes = errorCodes(error);
  if (codes.some(code => TLS_CODES.test(code))) return 'tls';
  if (codes.some(code => RESET_CODES.has(code))) return 'connection_reset';
  return 'unreachable';
}

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
  const code = (cause as { code?: unknown }).code;
  return `${cause.message}${inner}${typeof code === 'string' ? ` (${code})` : ''}`;
}
