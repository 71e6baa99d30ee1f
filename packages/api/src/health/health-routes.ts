import type { FastifyInstance, FastifyReply } from 'fastify';
import type { HealthCheck, HealthStatus } from './health-checks.js';

export interface HealthRouteOptions {
  /** The loop is alive (`/healthz`, `/livez`). */
  readonly liveness: () => HealthStatus;
  /** Informers synced, store ready, ... (`/readyz`). All must pass. */
  readonly readiness: readonly HealthCheck[];
}

/**
 * `/healthz` (+ Heapster's `/healthz/healthz` and Kubernetes' `/livez`) and `/readyz`: 200 or
 * 503 with Kubernetes-style lines naming each check, and the reason of each failure.
 */
export async function healthPlugin(
  app: FastifyInstance,
  options: HealthRouteOptions,
): Promise<void> {
  const live: HealthCheck = { name: 'loop', check: options.liveness };
  const liveness = (_request: unknown, reply: FastifyReply) => answer(reply, 'healthz', [live]);
  app.get('/healthz', { config: { handler: 'healthz' } }, liveness);
  app.get('/healthz/healthz', { config: { handler: 'healthz' } }, liveness);
  app.get('/livez', { config: { handler: 'livez' } }, liveness);
  app.get('/readyz', { config: { handler: 'readyz' } }, (_request, reply) =>
    answer(reply, 'readyz', options.readiness),
  );
}

function answer(reply: FastifyReply, what: string, checks: readonly HealthCheck[]): FastifyReply {
  let ok = true;
  let body = '';
  for (const check of checks) {
    const status = run(check);
    ok &&= status.ok;
    body += status.ok ? `[+]${check.name} ok\n` : `[-]${check.name} failed: ${status.reason}\n`;
  }
  body += `${what} check ${ok ? 'passed' : 'failed'}\n`;
  return reply
    .code(ok ? 200 : 503)
    .header('cache-control', 'no-cache, private')
    .type('text/plain; charset=utf-8')
    .send(body);
}

/** A check that throws has failed; its message is the reason (never a 500). */
function run(check: HealthCheck): HealthStatus {
  try {
    return check.check();
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
