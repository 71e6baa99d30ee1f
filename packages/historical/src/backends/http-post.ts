import http from 'node:http';
import https from 'node:https';
import { RetryableError, TimeoutError } from '@heapster/runtime';
import { HistoricalQueryError } from '@heapster/sink';

export interface HttpPost {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  /** Sent form-encoded: long selectors (pod lists) do not fit in a URL. */
  readonly form?: URLSearchParams;
  readonly method?: 'GET' | 'POST';
  /** Bound on the whole exchange, from connect to the last byte. */
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly agent: http.Agent;
  /** Answers larger than this are refused (a raw-points answer for a huge range). */
  readonly maxBytes: number;
  /** For messages: "InfluxDB query". */
  readonly what: string;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** A keep-alive agent for one backend (its TLS verification as configured). */
export function backendAgent(url: URL, insecureSsl: boolean): http.Agent {
  return url.protocol === 'https:'
    ? new https.Agent({ keepAlive: true, maxSockets: 8, rejectUnauthorized: !insecureSsl })
    : new http.Agent({ keepAlive: true, maxSockets: 8 });
}

/**
 * One HTTP exchange. Resolves with any status; rejects with RetryableError (network failure),
 * HistoricalQueryError (answer too large), TimeoutError (the call's deadline) or the signal's reason.
 */
export function httpExchange(call: HttpPost): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    if (call.signal.aborted) {
      reject(abortReason(call.signal, call.what));
      return;
    }
    const body = call.form?.toString();
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const transport = call.url.protocol === 'https:' ? https : http;
    const request = transport.request(call.url, {
      method: call.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      agent: call.agent,
    });
    let settled = false;
    const finish = (error: Error | undefined, answer?: HttpAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      call.signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve(answer as HttpAnswer);
      else {
        request.destroy();
        reject(error);
      }
    };
    const timer = setTimeout(
      () => finish(new TimeoutError(call.what, call.timeoutMs)),
      call.timeoutMs,
    );
    const onAbort = (): void => finish(abortReason(call.signal, call.what));
    call.signal.addEventListener('abort', onAbort, { once: true });
    const networkError = (error: Error): Error =>
      new RetryableError(`${call.what} to ${call.url.origin} failed: ${describe(error)}`, {
        cause: error,
      });
    request.on('error', error => finish(networkError(error)));
    request.on('response', response => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > call.maxBytes) {
          finish(
            new HistoricalQueryError(
              'start',
              `the backend's answer exceeds ${call.maxBytes} bytes; ask for a shorter range`,
            ),
          );
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', error => finish(networkError(error)));
      response.on('end', () =>
        finish(undefined, {
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.end(body);
  });
}

function abortReason(signal: AbortSignal, what: string): Error {
  return signal.reason instanceof Error ? signal.reason : new RetryableError(`${what} aborted`);
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === undefined ? error.message : `${code} ${error.message}`;
}

/** The first part of a body for error messages. */
export function bodyExcerpt(body: string): string {
  return body.trim().slice(0, 300);
}
