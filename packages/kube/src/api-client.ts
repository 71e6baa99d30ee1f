import { HeapsterError, TimeoutError, withTimeout } from '@heapster/runtime';
import { openApiExchange, readResponseText, responseBody } from './api-exchange.js';
import type { KubeConnection } from './kube-connection.js';
import { LineSplitter } from './watch-lines.js';

/** A non-2xx answer from the API server, with the Status reason when the body carried one. */
export class KubeApiError extends HeapsterError {
  readonly status: number;
  readonly reason: string | undefined;

  constructor(status: number, reason: string | undefined, message: string) {
    super('HEAPSTER_ERR_KUBE_API', message);
    this.status = status;
    this.reason = reason;
  }

  /** 410 Gone / Expired: the resourceVersion or continue token is too old; the caller must relist. */
  get expired(): boolean {
    return this.status === 410;
  }
}

/** A watch that stayed silent past the inactivity limit: presumed dead, to be reopened (not a failure). */
export class WatchInactiveError extends TimeoutError {
  constructor(path: string, ms: number) {
    super(`watch ${path} (no data)`, ms);
  }
}

/** One line of a watch stream: `{"type":"ADDED","object":{...}}`. */
export interface WatchMessage {
  readonly type: string;
  readonly object: unknown;
}

export interface KubeApiClientOptions {
  /** Deadline of one GET (a list page). */
  readonly requestTimeoutMs?: number;
  /** A watch that delivers nothing for this long is presumed dead and ends with a TimeoutError. */
  readonly watchInactivityMs?: number;
  /** Longest accepted watch line (one object); a bigger one is an error, not a memory blow-up. */
  readonly maxLineBytes?: number;
}

type Query = Readonly<Record<string, string | undefined>>;

/**
 * Raw JSON access to the API server, over node:http(s) with keep-alive and the credentials of
 * a KubeConnection (client-node's semantics; client-node itself only for exec plugins, auth
 * providers and proxies). Raw rather than client-node's typed API because the typed API
 * converts timestamps to Date objects and keeps whole objects; we need the bytes the server
 * sent (events) and to slim objects at the edge (informers).
 */
export class KubeApiClient {
  readonly kubeConfig: KubeConnection;
  private readonly _requestTimeoutMs: number;
  private readonly _watchInactivityMs: number;
  private readonly _maxLineBytes: number;

  constructor(kubeConfig: KubeConnection, options: KubeApiClientOptions = {}) {
    this.kubeConfig = kubeConfig;
    this._requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    this._watchInactivityMs = options.watchInactivityMs ?? 5 * 60_000;
    this._maxLineBytes = options.maxLineBytes ?? 16 * 1024 * 1024;
  }

  get server(): string {
    return this.kubeConfig.server;
  }

  /** GET `path` and parse the JSON body; rejects with KubeApiError on non-2xx, TimeoutError on expiry. */
  getJson(path: string, query: Query = {}, signal?: AbortSignal): Promise<unknown> {
    return this._requestJson('GET', path, query, undefined, signal);
  }

  /**
   * POST a JSON body to `path` and parse the answer (TokenReview, SubjectAccessReview): the
   * same credentials, timeout and error classes as every other call.
   */
  postJson(path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    return this._requestJson('POST', path, {}, JSON.stringify(body), signal);
  }

  /** Closes idle kept-alive connections now instead of after their idle timeout. */
  close(): void {
    this.kubeConfig.close();
  }

  private _requestJson(
    method: 'GET' | 'POST',
    path: string,
    query: Query,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    return withTimeout(
      `${method} ${path}`,
      this._requestTimeoutMs,
      async timeoutSignal => {
        const response = await openApiExchange({
          method,
          url: this._url(path, query),
          settings: await this.kubeConfig.requestSettings(),
          signal: timeoutSignal,
          ...(body === undefined ? {} : { body }),
        });
        const text = await readResponseText(response);
        const status = response.statusCode ?? 0;
        if (status < 200 || status > 299) throw apiError(status, text, path, method);
        return JSON.parse(text) as unknown;
      },
      signal,
    );
  }

  /**
   * Opens `path?watch=1&...` and yields its lines as they arrive. The consumer's pace is the
   * reading pace (backpressure down to TCP). Returns when the server ends the stream; throws
   * KubeApiError on a non-200 answer and WatchInactiveError when the stream stays silent too long.
   */
  async *watch(
    path: string,
    query: Query,
    signal?: AbortSignal,
  ): AsyncGenerator<WatchMessage, void, undefined> {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) controller.abort(signal.reason);
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new WatchInactiveError(path, this._watchInactivityMs));
      }, this._watchInactivityMs);
      timer.unref();
    };
    try {
      arm();
      const response = await openApiExchange({
        method: 'GET',
        url: this._url(path, { ...query, watch: '1' }),
        settings: await this.kubeConfig.requestSettings(),
        signal: controller.signal,
      });
      if (response.statusCode !== 200) {
        throw apiError(response.statusCode ?? 0, await readResponseText(response), path, 'GET');
      }
      const lines = new LineSplitter(
        this._maxLineBytes,
        () =>
          new KubeApiError(
            0,
            'LineTooLong',
            `watch ${path}: a line exceeds ${this._maxLineBytes} bytes`,
          ),
      );
      for await (const chunk of responseBody(response)) {
        arm();
        for (const line of lines.push(chunk as Buffer)) {
          // The consumer's time is not the server's silence: no inactivity timer while it works.
          clearTimeout(timer);
          yield parseWatchLine(line, path);
          arm();
        }
      }
      const last = lines.end();
      if (last !== undefined) yield parseWatchLine(last, path);
    } catch (error) {
      if (timedOut) throw new WatchInactiveError(path, this._watchInactivityMs);
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      controller.abort();
    }
  }

  private _url(path: string, query: Query): URL {
    const url = new URL(this.server + path);
    for (const [key, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(key, value);
    return url;
  }
}

function parseWatchLine(line: string, path: string): WatchMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new KubeApiError(
      0,
      'BadWatchLine',
      `watch ${path}: a line is not JSON: ${line.slice(0, 120)}`,
    );
  }
  const message = parsed as { type?: unknown; object?: unknown };
  if (typeof message.type !== 'string') {
    throw new KubeApiError(
      0,
      'BadWatchLine',
      `watch ${path}: a line has no "type": ${line.slice(0, 120)}`,
    );
  }
  return { type: message.type, object: message.object };
}

function apiError(status: number, body: string, path: string, method: string): KubeApiError {
  let reason: string | undefined;
  let message = body.slice(0, 300);
  try {
    const parsed = JSON.parse(body) as { reason?: unknown; message?: unknown };
    if (typeof parsed.reason === 'string') reason = parsed.reason;
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // Not a Status object (a proxy's HTML page, say): keep the start of the body.
  }
  return new KubeApiError(
    status,
    reason,
    `${method} ${path}: ${status}${reason ? ` ${reason}` : ''}: ${message}`,
  );
}

/** A watch ERROR line's Status object as an error (410 Expired included). */
export function statusError(object: unknown, path: string): KubeApiError {
  const status = (object ?? {}) as { code?: unknown; reason?: unknown; message?: unknown };
  const code = typeof status.code === 'number' ? status.code : 500;
  const reason = typeof status.reason === 'string' ? status.reason : undefined;
  const message = typeof status.message === 'string' ? status.message : 'watch error';
  return new KubeApiError(
    code,
    reason,
    `watch ${path}: ${code}${reason ? ` ${reason}` : ''}: ${message}`,
  );
}
