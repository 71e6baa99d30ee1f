import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ClusterSimulation } from '../sim/cluster-simulation.js';
import type { NodeResponseFaults, ResponseFaultTable } from '../sim/faults.js';
import type { SimNode } from '../sim/model-types.js';
import type { KubeletAuthenticator } from './kubelet-auth.js';
import { renderResourceMetrics } from './resource-metrics-serializer.js';
import type { WriterPool } from './byte-writer-pool.js';
import { writeSummary } from './summary-serializer.js';
import type { SummaryRenderOptions } from './summary-serializer.js';

export interface KubeletRequestLogEntry {
  readonly node: string;
  readonly secure: boolean;
  readonly method: string;
  readonly url: string;
  readonly status: number;
}

export interface KubeletRequestContext {
  readonly sim: ClusterSimulation;
  readonly faults: ResponseFaultTable;
  /** Set for the HTTPS port. */
  readonly auth: KubeletAuthenticator | undefined;
  /** Pending "slow" timers, cleared on stop. */
  readonly timers: Set<NodeJS.Timeout>;
  /** Buffers Summary bodies are written into (reused once a response is flushed). */
  readonly writers: WriterPool;
  readonly onRequest?: (entry: KubeletRequestLogEntry) => void;
  /** Called as a request arrives, before it is answered. */
  readonly onRequestStart?: () => void;
}

const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  // Encode once: the length and the bytes written come from the same buffer.
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length });
  res.end(bytes);
}

function notFound(res: ServerResponse): void {
  send(res, 404, 'text/plain; charset=utf-8', '404 page not found\n');
}

/** Breaks a body the way a corrupted or cut-off response would. */
function damage(body: string, faults: NodeResponseFaults | undefined, json: boolean): string {
  if (faults?.malformed === true) {
    return json ? body.replace('"nodeName":', '"nodeName" ').replace('}', '},,') : body.replace('{', '{{').replace('} ', '=} ');
  }
  if (faults?.truncated === true) return body.slice(0, Math.max(1, Math.floor(body.length * 0.6)));
  return body;
}

/** Writes the Summary straight into a pooled buffer and sends it without copying it. */
function sendSummary(ctx: KubeletRequestContext, node: SimNode, res: ServerResponse, options: SummaryRenderOptions, faults: NodeResponseFaults | undefined): void {
  const writer = ctx.writers.acquire();
  writeSummary(writer, ctx.sim.snapshot(node), options);
  if (faults?.malformed === true || faults?.truncated === true) {
    // Rare: damage the text exactly as before, then the writer is free at once.
    const text = writer.toString();
    ctx.writers.release(writer);
    send(res, 200, 'application/json', damage(text, faults, true));
    return;
  }
  const body = writer.view();
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
  // The socket keeps `body` until it is flushed: only then may the next render overwrite it.
  res.once('finish', () => ctx.writers.release(writer));
  res.end(body);
}

function serve(ctx: KubeletRequestContext, node: SimNode, req: IncomingMessage, res: ServerResponse, url: URL, faults: NodeResponseFaults | undefined): void {
  if (faults?.status !== undefined) {
    send(res, faults.status, 'text/plain; charset=utf-8', `Internal Error: failed to get node stats: injected fault (status ${faults.status})\n`);
    return;
  }
  const path = url.pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'text/plain; charset=utf-8', '405: Method Not Allowed');
    return;
  }
  if (path === '/healthz') {
    send(res, 200, 'text/plain; charset=utf-8', 'ok');
    return;
  }
  const missingFields = faults?.missingFields === true;
  if (path === '/stats/summary' || path === '/stats/summary/') {
    const onlyCpuAndMemory = url.searchParams.get('only_cpu_and_memory') === 'true';
    sendSummary(ctx, node, res, { onlyCpuAndMemory, missingFields }, faults);
    return;
  }
  if (path === '/metrics/resource' || path === '/metrics/resource/v1alpha1') {
    const body = renderResourceMetrics(ctx.sim.snapshot(node), { missingFields });
    send(res, 200, PROMETHEUS_TEXT, damage(body, faults, false));
    return;
  }
  notFound(res);
}

/** Answers one kubelet request for `node`, honouring the node's injected faults. */
export function handleKubeletRequest(ctx: KubeletRequestContext, node: SimNode, req: IncomingMessage, res: ServerResponse, secure: boolean): void {
  ctx.onRequestStart?.();
  const url = new URL(req.url ?? '/', 'http://kubelet.local');
  res.on('finish', () => ctx.onRequest?.({ node: node.name, secure, method: req.method ?? 'GET', url: req.url ?? '/', status: res.statusCode }));
  if (ctx.auth !== undefined) {
    const outcome = ctx.auth.check(req, node.name, url.pathname);
    if (!outcome.allowed) {
      send(res, outcome.status, 'text/plain; charset=utf-8', outcome.body);
      return;
    }
  }
  const faults = ctx.faults.get(node.name);
  if (faults?.hang === true) return;
  if (faults?.reset === true) {
    // A TCP RST where the socket allows it (plain TCP); a TLS socket is just torn down.
    const socket = req.socket as Socket & { resetAndDestroy?: () => Socket };
    try {
      if (typeof socket.resetAndDestroy === 'function' && !secure) socket.resetAndDestroy();
      else socket.destroy();
    } catch {
      socket.destroy();
    }
    return;
  }
  if (faults?.delayMs !== undefined && faults.delayMs > 0) {
    const timer = setTimeout(() => {
      ctx.timers.delete(timer);
      if (!res.destroyed) serve(ctx, node, req, res, url, faults);
    }, faults.delayMs);
    timer.unref();
    ctx.timers.add(timer);
    return;
  }
  serve(ctx, node, req, res, url, faults);
}
