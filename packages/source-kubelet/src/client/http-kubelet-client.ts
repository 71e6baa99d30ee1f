import { ConfigError, type FieldProblem } from '@heapster/runtime';
import type tls from 'node:tls';
import { BodyBufferPool } from './body-buffer-pool.js';
import type { BearerTokenSource, KubeletTlsMaterial } from './credentials.js';
import { KubeletConnection, type RawResponse } from './kubelet-connection.js';
import {
  bodyExcerpt,
  connectionFailureOf,
  KubeletConnectionError,
  KubeletHttpError,
  KubeletNotFoundError,
  KubeletRejectedError,
  ResponseTooLargeError,
  ScrapeAbortedError,
} from './kubelet-errors.js';
import {
  ENDPOINT_PATHS,
  kubeletOrigin,
  type KubeletAddress,
  type KubeletClient,
  type KubeletEndpoint,
} from './kubelet-client.js';

export interface HttpKubeletClientOptions {
  readonly scheme: 'http' | 'https';
  /** For https: CA, client certificate and key, or insecure. */
  readonly tls?: KubeletTlsMaterial;
  /** Sent as `Authorization: Bearer …`, over https only (refused at construction for http). */
  readonly token?: BearerTokenSource;
  /** Larger bodies are abandoned (default 64 MiB; a 250-pod summary is a few MB). */
  readonly maxResponseBytes?: number;
  /** Idle connections are kept this long for the next scrape (default 60 s). */
  readonly keepAliveMs?: number;
  readonly userAgent?: string;
}

const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const DEFAULT_KEEP_ALIVE_MS = 60_000;
const EXCERPT_BYTES = 4096;
const ACCEPT: Readonly<Record<KubeletEndpoint, string>> = {
  summary: 'application/json',
  resource: 'text/plain;version=0.0.4;q=1,*/*;q=0.1',
};

/**
 * The kubelet client: one keep-alive HTTP/1.1 connection per node at a time (the scraper asks
 * each node once a resolution), TLS with a CA or insecure, client certificates, bearer tokens
 * over https only, a response-size limit, and errors classified by kubelet-errors.ts. Timeouts
 * are the caller's AbortSignal (the scraper's per-node deadline), so there is one clock for the
 * whole request, body included.
 *
 * Why not undici, which this client used until session 10: a 1,000-node scrape reads 200 MB of
 * bodies a resolution, and undici allocated every 64 KiB socket read, copied it into its parser's
 * memory and handed it on through a stream, which cost 0.3–0.6 s of CPU a scrape (mostly
 * collections of those reads) before any byte was decoded. Reading each response straight into
 * a pooled buffer (KubeletConnection) costs 0.05–0.1 s (docs/performance.md, session 10).
 */
export class HttpKubeletClient implements KubeletClient {
  private readonly _scheme: 'http' | 'https';
  private readonly _tls: tls.ConnectionOptions | undefined;
  private readonly _token: BearerTokenSource | undefined;
  private readonly _maxBytes: number;
  private readonly _userAgent: string;
  private readonly _keepAliveMs: number;
  private readonly _bodies = new BodyBufferPool();
  /** Idle connections by origin, with when each went idle. */
  private readonly _idle = new Map<string, { connection: KubeletConnection; since: number }>();
  private readonly _busy = new Set<KubeletConnection>();
  private _sweeper: NodeJS.Timeout | undefined;
  private _closed = false;

  constructor(options: HttpKubeletClientOptions) {
    const problems = optionProblems(options);
    if (problems.length > 0) throw new ConfigError(problems);
    this._scheme = options.scheme;
    this._token = options.token;
    this._maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this._userAgent = options.userAgent ?? 'heapster-ts/source-kubelet';
    this._keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
    const material = options.tls;
    this._tls =
      this._scheme === 'https'
        ? {
            rejectUnauthorized: material === undefined ? true : !material.insecureSkipVerify,
            ...(material?.ca === undefined ? {} : { ca: material.ca }),
            ...(material?.cert === undefined ? {} : { cert: material.cert }),
            ...(material?.key === undefined ? {} : { key: material.key }),
          }
        : undefined;
  }

  async get(
    target: KubeletAddress,
    endpoint: KubeletEndpoint,
    signal: AbortSignal,
  ): Promise<Uint8Array> {
    const origin = kubeletOrigin(this._scheme, target);
    const path = ENDPOINT_PATHS[endpoint];
    const url = `${origin}${path}`;
    try {
      signal.throwIfAborted();
      if (this._closed) throw new Error('client closed');
      let authorization = '';
      if (this._scheme === 'https' && this._token !== undefined) {
        const token = await this._token.token();
        if (token !== undefined) authorization = `Authorization: Bearer ${token}\r\n`;
      }
      const host = origin.slice(origin.indexOf('//') + 2);
      const request =
        `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nAccept: ${ACCEPT[endpoint]}\r\n` +
        `User-Agent: ${this._userAgent}\r\n${authorization}\r\n`;
      const response = await this._exchange(target, origin, request, url, signal);
      if (response.statusCode !== 200) {
        const excerpt = bodyExcerpt(response.body.toString('utf8', 0, EXCERPT_BYTES));
        this._bodies.release(response.body);
        throw statusError(url, response.statusCode, excerpt);
      }
      return response.body;
    } catch (error) {
      throw transportError(error, url, signal);
    }
  }

  /** Bodies from `get` are in pooled buffers: give each back once it is decoded. */
  recycle(body: Uint8Array): void {
    this._bodies.release(body);
  }

  async close(): Promise<void> {
    this._closed = true;
    if (this._sweeper !== undefined) clearInterval(this._sweeper);
    for (const { connection } of this._idle.values()) connection.destroy();
    for (const connection of this._busy) connection.destroy(new Error('client closed'));
    this._idle.clear();
    this._busy.clear();
  }

  /**
   * One request on the node's idle connection, or a new one. A reused connection that fails
   * before any byte of the answer arrived was most likely closed by the kubelet while idle
   * (its keep-alive timeout); the GET is then sent once more on a fresh connection, as every
   * HTTP client does for idempotent requests.
   */
  private async _exchange(
    target: KubeletAddress,
    origin: string,
    request: string,
    url: string,
    signal: AbortSignal,
  ): Promise<RawResponse> {
    for (let attempt = 0; ; attempt++) {
      const connection = this._connection(origin, target);
      const reused = connection.answered > 0;
      const onAbort = (): void => connection.destroy(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
      this._busy.add(connection);
      try {
        const response = await connection.request(request, url, this._maxBytes);
        // One idle connection per node is kept: the scraper asks each node once at a time.
        if (!connection.closed) {
          if (this._idle.has(origin)) connection.destroy();
          else this._idle.set(origin, { connection, since: Date.now() });
        }
        return response;
      } catch (error) {
        if (reused && attempt === 0 && connection.failedBeforeResponse && !signal.aborted) continue;
        throw error;
      } finally {
        this._busy.delete(connection);
        signal.removeEventListener('abort', onAbort);
      }
    }
  }

  private _connection(origin: string, target: KubeletAddress): KubeletConnection {
    const idle = this._idle.get(origin);
    if (idle !== undefined) {
      this._idle.delete(origin);
      if (idle.connection.idle) return idle.connection;
    }
    if (this._sweeper === undefined) {
      this._sweeper = setInterval(() => this._sweep(), Math.max(1000, this._keepAliveMs / 2));
      this._sweeper.unref();
    }
    return new KubeletConnection(
      {
        host: target.address,
        port: target.port,
        ...(this._tls === undefined ? {} : { tls: this._tls }),
      },
      this._bodies,
    );
  }

  /** Closes connections idle for longer than the keep-alive time. */
  private _sweep(): void {
    const oldest = Date.now() - this._keepAliveMs;
    for (const [origin, { connection, since }] of this._idle) {
      if (since <= oldest || connection.closed) {
        this._idle.delete(origin);
        connection.destroy();
      }
    }
  }
}

function optionProblems(options: HttpKubeletClientOptions): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (options.token !== undefined && options.scheme !== 'https') {
    problems.push({
      field: 'kubeletToken',
      message: 'a bearer token is only sent over https (kubeletHttps=true)',
    });
  }
  if (options.tls !== undefined && options.scheme !== 'https') {
    problems.push({ field: 'kubeletHttps', message: 'TLS settings need https' });
  }
  if ((options.tls?.cert === undefined) !== (options.tls?.key === undefined)) {
    problems.push({
      field: 'kubeletClientCert',
      message: 'a client certificate and its key go together',
    });
  }
  const max = options.maxResponseBytes;
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) {
    problems.push({ field: 'maxResponseBytes', message: `must be a positive integer, got ${max}` });
  }
  return problems;
}

function statusError(url: string, status: number, excerpt: string): Error {
  if (status === 404) return new KubeletNotFoundError(url, excerpt);
  if (status >= 400 && status < 500 && status !== 429)
    return new KubeletRejectedError(url, status, excerpt);
  return new KubeletHttpError(url, status, excerpt);
}

/** Our own errors pass through; an abort becomes its reason; the rest are connection errors. */
function transportError(error: unknown, url: string, signal: AbortSignal): unknown {
  if (signal.aborted) {
    return signal.reason instanceof Error ? signal.reason : new ScrapeAbortedError(`GET ${url}`);
  }
  if (
    error instanceof KubeletHttpError ||
    error instanceof KubeletRejectedError ||
    error instanceof ResponseTooLargeError
  ) {
    return error;
  }
  return new KubeletConnectionError(url, connectionFailureOf(error), error);
}
