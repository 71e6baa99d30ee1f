import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import {
  PermanentError,
  RetryableError,
  backoffDelay,
  httpCall,
  retryAfterMs,
  sleep,
  type HttpResult,
} from '@heapster/runtime';
import type { HttpSinkConfig } from './config.js';

const gzipAsync = promisify(gzip);
const BACKOFF_BASE_MS = 200;
const BACKOFF_MAX_MS = 5_000;

/**
 * POSTs JSON bodies to the configured URL: headers and token, optional gzip, and a bounded
 * number of retries with capped exponential backoff (or the server's Retry-After) — all within
 * the caller's AbortSignal, which carries the manager's deadline.
 */
export class JsonPoster {
  readonly description: string;
  private readonly _config: HttpSinkConfig;
  private readonly _url: URL;
  private readonly _agent: http.Agent;
  private readonly _headers: Record<string, string>;

  constructor(config: HttpSinkConfig) {
    this._config = config;
    this._url = new URL(config.url);
    // Never the query string: it may carry a key.
    this.description = `${this._url.origin}${this._url.pathname}`;
    this._agent =
      this._url.protocol === 'https:'
        ? new https.Agent({
            keepAlive: true,
            maxSockets: 1,
            rejectUnauthorized: !config.insecureSsl,
          })
        : new http.Agent({ keepAlive: true, maxSockets: 1 });
    const headers: Record<string, string> = {
      'user-agent': 'heapster-ts',
      'content-type': 'application/json',
    };
    for (const [name, value] of config.headers) headers[name.toLowerCase()] = value;
    if (config.token !== undefined) headers.authorization = `Bearer ${config.token}`;
    if (config.gzip) headers['content-encoding'] = 'gzip';
    this._headers = headers;
  }

  async post(json: string, signal: AbortSignal): Promise<void> {
    const raw = Buffer.from(json);
    const body = this._config.gzip ? await gzipAsync(raw) : raw;
    for (let attempt = 0; ; attempt++) {
      let failure: Error;
      try {
        const result = await httpCall({
          method: 'POST',
          url: this._url,
          headers: this._headers,
          body,
          timeoutMs: this._config.timeoutMs,
          signal,
          agent: this._agent,
          what: `POST ${this.description}`,
        });
        if (result.status >= 200 && result.status <= 299) return;
        failure = statusError(this.description, result);
      } catch (error) {
        failure = error as Error;
      }
      if (
        !(failure instanceof RetryableError) ||
        signal.aborted ||
        attempt >= this._config.retries
      ) {
        throw failure;
      }
      await sleep(
        failure.retryAfterMs ?? backoffDelay(attempt, BACKOFF_BASE_MS, BACKOFF_MAX_MS),
        signal,
      );
    }
  }

  close(): void {
    this._agent.destroy();
  }
}

/** 408, 429 and 5xx may pass later; any other status will fail the same way again. */
function statusError(where: string, result: HttpResult): Error {
  const excerpt = result.body.trim().slice(0, 200);
  const message = `POST ${where} answered ${result.status}${excerpt === '' ? '' : `: ${excerpt}`}`;
  if (result.status === 408 || result.status === 429 || result.status >= 500) {
    return new RetryableError(message, { retryAfterMs: retryAfterMs(result.headers) });
  }
  return new PermanentError(message);
}
