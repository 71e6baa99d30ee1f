import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

/** The self-metrics path, as Heapster's (`/metrics`, client_golang's registry). */
export const SELF_METRICS_PATH = '/metrics';

export interface SelfMetricsOptions {
  /** The process's registry: HTTP metrics, pipeline metrics, and process metrics if the caller collects them. */
  readonly registry: Registry;
}

export async function selfMetricsPlugin(
  app: FastifyInstance,
  options: SelfMetricsOptions,
): Promise<void> {
  app.get(SELF_METRICS_PATH, { config: { handler: 'prometheus' } }, async (_request, reply) => {
    const text = await options.registry.metrics();
    return reply.type(options.registry.contentType).send(text);
  });
}
