import Fastify, { type FastifyInstance } from 'fastify';
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

/** `/healthz`, `/readyz` and `/metrics` on --healthz-ip:--healthz-port (Heapster's 8084). */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const app: FastifyInstance = Fastify({
    logger: false,
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
  });
  const answer = (report: HealthReport) => ({
    code: report.ok ? 200 : 503,
    body: report.ok ? 'ok\n' : `${report.reasons.map(reason => `not ok: ${reason}`).join('\n')}\n`,
  });
  app.get('/healthz', async (_request, reply) => {
    const { code, body } = answer(options.live());
    return reply.code(code).type('text/plain; charset=utf-8').send(body);
  });
  app.get('/readyz', async (_request, reply) => {
    const { code, body } = answer(options.ready());
    return reply.code(code).type('text/plain; charset=utf-8').send(body);
  });
  app.get('/metrics', async (_request, reply) => {
    const text = await options.registry.metrics();
    return reply.type(options.registry.contentType).send(text);
  });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return {
    port,
    close: () => app.close(),
  };
}
