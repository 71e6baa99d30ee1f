import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Summary, type Registry } from 'prom-client';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The `handler` label of the HTTP self-metrics: Heapster's operation name of the route. */
    handler?: string;
  }
}

/** Heapster's HTTP self-metrics (`metrics/util/metrics/http.go`), with its names and labels. */
export interface HttpMetrics {
  readonly requests: Counter<'handler' | 'method' | 'code'>;
  readonly duration: Summary<'handler'>;
  readonly requestSize: Summary<'handler'>;
  readonly responseSize: Summary<'handler'>;
}

// client_golang's summary defaults: a 10-minute window in 5 buckets, so quantiles move.
const SUMMARY = { percentiles: [0.5, 0.9, 0.99], maxAgeSeconds: 600, ageBuckets: 5 };

/** The metrics on `registry`; an app built twice on one registry reuses them. */
export function httpMetrics(registry: Registry): HttpMetrics {
  const counter = (name: string, help: string) =>
    (registry.getSingleMetric(name) as Counter<'handler' | 'method' | 'code'> | undefined) ??
    new Counter({ name, help, labelNames: ['handler', 'method', 'code'], registers: [registry] });
  const summary = (name: string, help: string) =>
    (registry.getSingleMetric(name) as Summary<'handler'> | undefined) ??
    new Summary({ name, help, labelNames: ['handler'], registers: [registry], ...SUMMARY });
  return {
    requests: counter('http_requests_total', 'Total number of HTTP requests made.'),
    duration: summary(
      'http_request_duration_microseconds',
      'The HTTP request latencies in microseconds.',
    ),
    requestSize: summary('http_request_size_bytes', 'The HTTP request sizes in bytes.'),
    responseSize: summary('http_response_size_bytes', 'The HTTP response sizes in bytes.'),
  };
}

/**
 * One `onResponse` hook (no per-request allocation beyond the label values): requests by
 * handler, method and code, latency, and approximate request and response sizes. A streamed
 * body (exposition, metric-export) has no length up front, so its size is not observed.
 */
export function instrumentHttp(app: FastifyInstance, metrics: HttpMetrics): void {
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const handler = request.routeOptions.config.handler ?? request.routeOptions.url ?? 'notFound';
    metrics.requests.inc({
      handler,
      method: request.method.toLowerCase(),
      code: String(reply.statusCode),
    });
    metrics.duration.observe({ handler }, reply.elapsedTime * 1000);
    metrics.requestSize.observe({ handler }, approximateRequestSize(request));
    const length = Number(reply.getHeader('content-length'));
    if (Number.isFinite(length)) metrics.responseSize.observe({ handler }, length);
  });
}

/** As client_golang: method, URL, protocol, header lines and body length. */
function approximateRequestSize(request: FastifyRequest): number {
  let size = request.method.length + request.url.length + 8; // "HTTP/1.1"
  const raw = request.raw.rawHeaders;
  for (const part of raw) size += part.length;
  const body = Number(request.headers['content-length']);
  return Number.isFinite(body) && body > 0 ? size + body : size;
}
