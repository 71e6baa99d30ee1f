import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** What /healthz and /readyz report: ok, or the reasons why not. */
export interface HealthReport {
  readonly ok: boolean;
  readonly reasons: readonly string[];
}

export interface HealthServerOptions {
  readonly host: string;
  readonly port: number;
  readonly registry: Registry;
  /** The loops are alive (Heapster: last housekeeping within 3 minutes). */
  readonly live: () => HealthReport;
  /** The initial list is done and the sinks are started. */
  readonly ready: () => HealthReport;
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

const TEXT = 'text/plain; charset=utf-8';
const TIMEOUT_MS = 30_000;

/**
 * `/healthz`, `/readyz` and `/metrics` on --healthz-ip:--healthz-port (Heapster's 8084). Three
 * fixed routes on node:http: a web framework would cost the eventer ~5 MB of memory and 90 ms
 * of start-up for them.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const server = createServer({ requestTimeout: TIMEOUT_MS }, (request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, TEXT, `${String(error)}\n`);
      else response.destroy();
    });
  });
  server.setTimeout(TIMEOUT_MS);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: HealthServerOptions,
): Promise<void> {
  const path = (request.url ?? '/').split('?', 1)[0];
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    send(response, 405, TEXT, 'method not allowed\n');
    return;
  }
  if (path === '/healthz' || path === '/readyz') {
    const report = path === '/healthz' ? options.live() : options.ready();
    const body = report.ok
      ? 'ok\n'
      : `${report.reasons.map(reason => `not ok: ${reason}`).join('\n')}\n`;
    send(response, report.ok ? 200 : 503, TEXT, body);
    return;
  }
  if (path === '/metrics') {
    const text = await options.registry.metrics();
    send(response, 200, options.registry.contentType, text);
    return;
  }
  send(response, 404, TEXT, `${path ?? '/'} not found\n`);
}

function send(response: ServerResponse, code: number, type: string, body: string): void {
  response.writeHead(code, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  // HEAD: the same head, no body (node:http leaves the body out itself).
  response.end(body);
}
