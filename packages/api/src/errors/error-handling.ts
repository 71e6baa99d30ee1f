import type { Logger } from '@heapster/runtime';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';
import { heapsterErrorBody, kubernetesStatus, toApiError } from './error-bodies.js';

/** Which error body a path gets: Kubernetes `Status` on API-server paths, Heapster's elsewhere. */
export type ErrorStyle = 'kubernetes' | 'heapster';

const HEAPSTER_API_PREFIXES = ['/api/v1/model', '/api/v1/metric-export', '/api/v1/historical'];

export function errorStyleOf(url: string): ErrorStyle {
  const path = url.split('?', 1)[0] ?? '';
  if (HEAPSTER_API_PREFIXES.some(prefix => path.startsWith(prefix))) return 'heapster';
  return path === '/api' ||
    path.startsWith('/api/') ||
    path === '/apis' ||
    path.startsWith('/apis/')
    ? 'kubernetes'
    : 'heapster';
}

/** Sends `error` in the style of the request's path; 5xx are logged (they are bugs, not input). */
export function sendApiError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Logger,
): FastifyReply {
  const apiError = toApiError(error);
  if (apiError.statusCode >= 500 && apiError.code === 'HEAPSTER_ERR_INTERNAL') {
    const cause = apiError.cause instanceof Error ? apiError.cause : undefined;
    logger.error('request failed', {
      method: request.method,
      route: request.routeOptions.url,
      error: cause?.message ?? String(apiError.cause),
      stack: cause?.stack,
    });
  }
  const body =
    errorStyleOf(request.url) === 'kubernetes'
      ? kubernetesStatus(apiError)
      : heapsterErrorBody(apiError);
  return reply
    .code(apiError.statusCode)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(body));
}

/**
 * Installs the error and not-found handlers on the root instance: every plugin's errors come
 * out coded, and no thrown value reaches the client as fastify's default body.
 */
export function installErrorHandling(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error: FastifyError, request, reply) =>
    sendApiError(error, request, reply, logger),
  );
  app.setNotFoundHandler((request, reply) =>
    sendApiError(
      new ApiError(
        'HEAPSTER_ERR_ROUTE_NOT_FOUND',
        `no route for ${request.method} ${pathOf(request.url)}`,
      ),
      request,
      reply,
      logger,
    ),
  );
}

function pathOf(url: string): string {
  const path = url.split('?', 1)[0] ?? '';
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}
