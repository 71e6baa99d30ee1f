import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import { preferredCoding } from './accept-encoding.js';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

/**
 * zlib level of every gzip this server writes. Measured on the 100,000-pod PodMetricsList
 * (37.8 MB, one synchronous gzip each, 2-core machine): level 1 → 2.66 MB in 70 ms of CPU,
 * 2 → 2.63 MB / 70 ms, 4 → 2.50 MB / 124 ms, 6 (zlib's default) → 2.38 MB / 172 ms. Past
 * level 1 each percent saved costs ~10 ms more per batch: not worth it for a body sent a few
 * times per batch, mostly over a cluster network.
 */
export const GZIP_LEVEL = 1;

/** Smaller bodies are sent as they are: gzip's header and CPU buy nothing under 1 KB. */
export const COMPRESS_MIN_BYTES = 1024;

const gzipAsync = promisify(gzip);

/**
 * gzips on libuv's thread pool (zlib's async API), so the main thread only hands the buffer
 * over and takes the result back: at 36 MB that is the difference between a 70 ms stall of
 * scraping and every request, and none.
 */
export function gzipOffThread(body: Buffer, level = GZIP_LEVEL): Promise<Buffer> {
  return gzipAsync(body, { level });
}

/**
 * Per-request gzip of every route registered after it on `app` (and its child plugins) when
 * the client accepts it: model API lists, the Prometheus exposition, /api/v1/pods,
 * metric-export, metrics.k8s.io selections. @fastify/compress (maintained by the fastify team,
 * v9 is for fastify 5) does this job as we want it: q-value negotiation, a size threshold,
 * streams (the exposition) compressed through zlib streams on the thread pool, bodies up to
 * 8 KB (its 2-core default) in one synchronous call, Content-Length kept on that path and
 * `Vary: accept-encoding` on compressed answers. Only gzip is offered: every client of these
 * paths (client-go, Prometheus, curl) speaks it, and one coding keeps one measured cost.
 * Request bodies are not decompressed (every route is a GET).
 *
 * One negotiation for every route: an onRequest hook replaces each request's Accept-Encoding
 * with preferredCoding's answer (`gzip` or `identity`), so the plugin and the metrics.k8s.io
 * routes always agree — the plugin's own negotiator would gzip `gzip;q=0.5, identity`, and
 * for a whole pod list that would mean compressing 36 MB again per request.
 *
 * The big metrics.k8s.io lists do not go through it: they are compressed once per batch
 * (MetricsResponseCache) and sent with Content-Encoding set, which the plugin leaves alone.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', (request, _reply, done) => {
    request.headers['accept-encoding'] = preferredCoding(request.headers['accept-encoding']);
    done();
  });
  await app.register(fastifyCompress, {
    global: true,
    globalDecompression: false,
    encodings: ['gzip'],
    threshold: COMPRESS_MIN_BYTES,
    zlibOptions: { level: GZIP_LEVEL },
  });
}
