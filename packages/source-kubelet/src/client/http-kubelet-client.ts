import { ConfigError, type FieldProblem } from '@heapster/runtime';
import { Agent } from 'undici';
import { BodyBufferPool } from './body-buffer-pool.js';
import type { BearerTokenSource, KubeletTlsMaterial } from './credentials.js';
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
const EXCERPT_BYTES = 4096;
const ACCEPT: Readonly<Record<KubeletEndpoint, string>> = {
  summary: 'application/json',
  resource: 'text/plain;version=0.0.4;q=1,*/*;q=0.1',
};

/**
 * The kubelet client over undici: keep-alive connections per node, TLS with a CA or insecure,
 * client certificates, bearer tokens over https only, a response-size limit, and errors
 * classified by kubelet-errors.ts. Timeouts are the caller's AbortSignal (the scraper's
 * per-node deadline), so there is one clock for the whole request, body included.
 */
export class HttpKubeletClient implements KubeletClient {
  private readonly _scheme: 'http' | 'https';
  private readonly _agent: Agent;
  private readonly _token: BearerTokenSource | undefined;
  private readonly _maxBytes: number;
  private readonly _userAgent: string;
  private readonly _bodies = new BodyBufferPool();

  constructor(options: HttpKubeletClientOptions) {
    const problems = optionProblems(options);
    if (problems.length > 0) throw new ConfigError(problems);
    this._scheme = options.scheme;
    this._token = options.token;
    this._maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this._userAgent = options.userAgent ?? 'heapster-ts/source-kubelet';
    const tls = options.tls;
    this._agent = new Agent({
      connections: 2,
      keepAliveTimeout: options.keepAliveMs ?? 60_000,
      // The caller's signal is the deadline; undici's own 300 s header and body timeouts stay
      // as a backstop for a caller that passes a signal which never fires.
      connect: {
        rejectUnauthorized: tls === undefined ? true : !tls.insecureSkipVerify,
        ...(tls?.ca === undefined ? {} : { ca: tls.ca }),
        ...(tls?.cert === undefined ? {} : { cert: tls.cert }),
        ...(tls?.key === undefined ? {} : { key: tls.key }),
      },
    });
  }

  async get(
    target: KubeletAddress,
    endpoint: KubeletEndpoint,
    signal: AbortSignal,
  ): Promise<Uint8Array> {
    const origin = kubeletOrigin(this._scheme, target);
    const path = ENDPOINT_PATHS[endpoint];
    const url = `${origin}${path}`;
    const headers: Record<string, string> = {
      accept: ACCEPT[endpoint],
      'user-agent': this._userAgent,
    };
    if (this._scheme === 'https' && this._token !== undefined) {
      const token = await this._token.token();
      if (token !== undefined) headers.authorization = `Bearer ${token}`;
    }
    try {
      const response = await this._agent.request({ origin, path, method: 'GET', headers, signal });
      if (response.statusCode !== 200) {
        const excerpt = bodyExcerpt(await readAtMost(response.body, EXCERPT_BYTES));
        throw statusError(url, response.statusCode, excerpt);
      }
      const declared = Number(response.headers['content-length']);
      if (declared > this._maxBytes) {
        response.body.destroy();
        throw new ResponseTooLargeError(url, this._maxBytes);
      }
      return await readAll(response.body, declared, this._maxBytes, url, this._bodies);
    } catch (error) {
      throw transportError(error, url, signal);
    }
  }

  /** Bodies from `get` are in pooled buffers: give each back once it is decoded. */
  recycle(body: Uint8Array): void {
    this._bodies.release(body);
  }

  async close(): Promise<void> {
    await this._agent.destroy();
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

/**
 * The whole body, in a buffer of `pool` (sized from Content-Length when the server sends it,
 * grown by doubling otherwise). A failure gives the buffer back.
 */
async function readAll(
  body: AsyncIterable<Buffer> & { destroy(): void },
  declared: number,
  max: number,
  url: string,
  pool: BodyBufferPool,
): Promise<Buffer> {
  let into = pool.acquire(declared > 0 ? declared : 0);
  let total = 0;
  try {
    for await (const chunk of body) {
      if (total + chunk.length > max) {
        body.destroy();
        throw new ResponseTooLargeError(url, max);
      }
      if (total + chunk.length > into.length) {
        const grown = pool.acquire(total + chunk.length);
        into.copy(grown, 0, 0, total);
        pool.release(into);
        into = grown;
      }
      chunk.copy(into, total);
      total += chunk.length;
    }
  } catch (error) {
    pool.release(into);
    throw error;
  }
  return into.subarray(0, total);
}

/** The first `max` bytes of a body, for error messages; the rest is discarded. */
async function readAtMost(
  body: AsyncIterable<Buffer> & { destroy(): void },
  max: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    total += chunk.length;
    if (total >= max) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}
