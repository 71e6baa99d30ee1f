import { request } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

export interface HttpResult {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  readonly json: any;
}

/** A plain HTTP request with a timeout; the body is parsed as JSON when it is JSON. */
export function httpRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeoutMs?: number;
  } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        timeout: options.timeoutMs ?? 10_000,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`request to ${url} timed out`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export interface WatchEventLine {
  readonly type: string;
  readonly object: any;
}

/** An open watch stream collecting its events; `ended` resolves when the server ends it. */
export class WatchReader {
  readonly events: WatchEventLine[] = [];
  status = 0;
  headers: IncomingHttpHeaders = {};
  /** How the stream finished: 'end' (clean end of the chunked body), 'error' (reset) or 'aborted'. */
  readonly ended: Promise<'end' | 'error' | 'aborted'>;
  private readonly req: ReturnType<typeof request>;
  private response: IncomingMessage | undefined;

  constructor(url: string, headers: Record<string, string> = {}) {
    let settle: (how: 'end' | 'error' | 'aborted') => void = () => undefined;
    this.ended = new Promise(resolve => {
      settle = resolve;
    });
    let buffer = '';
    this.req = request(url, { headers }, res => {
      this.response = res;
      this.status = res.statusCode ?? 0;
      this.headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let nl = buffer.indexOf('\n');
        while (nl >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.trim() !== '') this.events.push(JSON.parse(line) as WatchEventLine);
          nl = buffer.indexOf('\n');
        }
      });
      res.on('end', () => settle('end'));
      res.on('aborted', () => settle('aborted'));
      res.on('error', () => settle('error'));
    });
    this.req.on('error', () => settle('error'));
    this.req.end();
  }

  /** Waits until `predicate` holds for the collected events (polling; fails after timeoutMs). */
  async waitFor(
    predicate: (events: WatchEventLine[]) => boolean,
    timeoutMs = 10_000,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.events)) {
      if (Date.now() > deadline)
        throw new Error(
          `watch condition not met; events: ${JSON.stringify(this.events.map(e => [e.type, e.object?.metadata?.name]))}`,
        );
      await new Promise(r => setTimeout(r, 20));
    }
  }

  /** Stops reading: the server's socket backs up, as behind a slow client. */
  pause(): void {
    this.response?.pause();
  }

  resume(): void {
    this.response?.resume();
  }

  close(): void {
    this.req.destroy();
  }
}

/** Polls until `check` returns true (fails after timeoutMs). */
export async function eventually(
  check: () => boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 20));
  }
}
