import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { RetryableError, TimeoutError } from './errors.js';

export interface HttpCall {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Bound on the whole exchange, from connect to the last byte of the response. */
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly agent: http.Agent;
  /** For error messages, e.g. "POST http://collector/heapster" or "InfluxDB write". */
  readonly what: string;
}

export interface HttpResult {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The response body, cut at MAX_BODY_CHARS (callers read small answers or error messages). */
  readonly body: string;
}

const MAX_BODY_CHARS = 1 << 20;

/**
 * One HTTP exchange over node:http(s) (an agent per caller gives keep-alive and the TLS
 * options). Resolves with any status; rejects only with RetryableError (network failure),
 * TimeoutError (the call's own deadline) or the signal's reason (the manager's deadline).
 */
export function httpCall(call: HttpCall): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    if (call.signal.aborted) {
      reject(abortReason(call.signal, call.what));
      return;
    }
    const transport = call.url.protocol === 'https:' ? https : http;
    let failure: Error | undefined;
    const request = transport.request(call.url, {
      method: call.method,
      headers: call.headers,
      agent: call.agent,
    });
    const fail = (error: Error): void => {
      failure ??= error;
      request.destroy(error);
    };
    const timer = setTimeout(
      () => fail(new TimeoutError(call.what, call.timeoutMs)),
      call.timeoutMs,
    );
    const onAbort = (): void => fail(abortReason(call.signal, call.what));
    call.signal.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const settle = (error: Error | undefined, result?: HttpResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      call.signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve(result as HttpResult);
      else reject(failure ?? error);
    };
    const networkError = (error: Error): Error =>
      new RetryableError(`${call.what} failed: ${describe(error)}`, { cause: error });
    request.on('error', error => settle(networkError(error)));
    request.on('response', response => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (body.length < MAX_BODY_CHARS) body += chunk;
      });
      response.on('error', error => settle(networkError(error)));
      response.on('close', () => {
        if (!response.complete) settle(networkError(new Error('response cut short')));
      });
      response.on('end', () =>
        settle(undefined, { status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    request.end(call.body);
  });
}

/** Retry-After in ms (seconds or an HTTP date), if the server sent one. */
export function retryAfterMs(headers: IncomingHttpHeaders, now = Date.now()): number | undefined {
  const value = headers['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function abortReason(signal: AbortSignal, what: string): Error {
  return signal.reason instanceof Error ? signal.reason : new RetryableError(`${what} aborted`);
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === undefined ? error.message : `${code} ${error.message}`;
}
