import Fastify, { type FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Registry } from 'prom-client';
import {
  HISTORICAL_MAX_PARAM_LENGTH,
  historicalApiPlugin,
  InstrumentedHistoricalSource,
} from '@heapster/historical';
import type { Logger } from '@heapster/runtime';
import type { HistoricalSource } from '@heapster/sink';
import type { OldtimerOptions } from './options.js';

/** How long /readyz waits for the backend to answer a ping. */
const READY_TIMEOUT_MS = 5_000;

export interface OldtimerServerOptions {
  readonly source: HistoricalSource;
  readonly options: Pick<OldtimerOptions, 'queryTimeoutMs' | 'maxBuckets' | 'maxPoints'>;
  readonly logger: Logger;
  readonly registry?: Registry;
  readonly now?: () => number;
}

/**
 * The oldtimer's HTTP server: the historical API, `/healthz` (the process serves), `/readyz`
 * (the backend answers a ping within 5 s) and `/metrics` (query count and latency per backend,
 * process metrics).
 */
export async function buildOldtimerServer(
  settings: OldtimerServerOptions,
): Promise<FastifyInstance> {
  const registry = settings.registry ?? new Registry();
  if (settings.registry === undefined) collectDefaultMetrics({ register: registry });
  const source = new InstrumentedHistoricalSource(settings.source, registry);
  const app = Fastify({
    logger: false,
    connectionTimeout: 120_000,
    requestTimeout: 120_000,
    routerOptions: { maxParamLength: HISTORICAL_MAX_PARAM_LENGTH },
  });
  await app.register(historicalApiPlugin, {
    source,
    logger: settings.logger,
    limits: {
      queryTimeoutMs: settings.options.queryTimeoutMs,
      maxBuckets: settings.options.maxBuckets,
      maxPoints: settings.options.maxPoints,
    },
    ...(settings.now === undefined ? {} : { now: settings.now }),
  });
  const text = 'text/plain; charset=utf-8';
  app.get('/healthz', async (_request, reply) => reply.type(text).send('ok\n'));
  app.get('/readyz', async (_request, reply) => {
    try {
      await source.ping({ signal: AbortSignal.timeout(READY_TIMEOUT_MS) });
      return await reply.type(text).send('ok\n');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return reply.code(503).type(text).send(`not ok: ${source.backend} backend: ${reason}\n`);
    }
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
  return app;
}
