import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { ConfigError, PermanentError, RetryableError, TimeoutError } from '@heapster/runtime';
import { ApiReviewClient, type ReviewTransport } from './api-review-client.js';

/** Where the API server is and how to talk to it (the lead fills this from @heapster/kube). */
export interface ReviewServerConfig {
  /** `https://host:port` (a path prefix is kept). */
  readonly server: string;
  /** Extra request headers, e.g. `{ Authorization: 'Bearer <service-account token>' }`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** PEM CA bundle for the server's certificate (default: Node's trust store). */
  readonly ca?: string;
  /** PEM client certificate and key. */
  readonly cert?: string;
  readonly key?: string;
  /** Skip verification of the server's certificate (tests, `insecure-skip-tls-verify`). */
  readonly insecure?: boolean;
  /** Per review; default 10 s (kube-apiserver's webhook default). */
  readonly timeoutMs?: number;
}

const MAX_RESPONSE_BYTES = 1024 * 1024;

/** The review transport over node:http(s) with its own TLS settings and a timeout per call. */
export class HttpReviewTransport implements ReviewTransport {
  private readonly _base: URL;
  private readonly _timeoutMs: number;

  constructor(private readonly _config: ReviewServerConfig) {
    let base: URL;
    try {
      base = new URL(_config.server);
    } catch {
      throw new ConfigError([{ field: 'server', message: `"${_config.server}" is not a URL` }]);
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new ConfigError([{ field: 'server', message: `"${_config.server}" is not http(s)` }]);
    }
    this._base = base;
    this._timeoutMs = _config.timeoutMs ?? 10_000;
  }

  /** POSTs a JSON body and returns the parsed answer; throws RetryableError/PermanentError otherwise. */
  postJson(path: string, body: unknown): Promise<unknown> {
    const url = new URL(this._base.pathname.replace(/\/$/, '') + path, this._base);
    const payload = JSON.stringify(body);
    const options: RequestOptions = {
      method: 'POST',
      headers: {
        ...this._config.headers,
        'content-type': 'application/json',
        accept: 'application/json',
        'content-length': Buffer.byteLength(payload),
      },
      ca: this._config.ca,
      cert: this._config.cert,
      key: this._config.key,
      rejectUnauthorized: this._config.insecure !== true,
      timeout: this._timeoutMs,
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(url, options, res => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES)
            req.destroy(new PermanentError(`${path}: response over 1 MiB`));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const code = res.statusCode ?? 0;
          let parsed: Record<string, unknown> = {};
          try {
            parsed = record(JSON.parse(text));
          } catch {
            // a non-JSON body is reported below by status code
          }
          if (code < 200 || code >= 300) {
            const message = `${path}: HTTP ${code}${typeof parsed.message === 'string' ? `: ${parsed.message}` : ''}`;
            reject(
              code >= 500 || code === 429
                ? new RetryableError(message)
                : new PermanentError(message),
            );
            return;
          }
          resolve(parsed);
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new TimeoutError(`POST ${path}`, this._timeoutMs)));
      req.on('error', error =>
        reject(
          error instanceof RetryableError || error instanceof PermanentError
            ? error
            : new RetryableError(`${path}: ${error.message}`, { cause: error }),
        ),
      );
      req.end(payload);
    });
  }
}

/** TokenReview and SubjectAccessReview over `POST` to the API server, with a timeout each. */
export class HttpReviewClient extends ApiReviewClient {
  constructor(config: ReviewServerConfig) {
    super(new HttpReviewTransport(config));
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
