import { noopLogger, systemClock } from '@heapster/runtime';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { resolveApiAppOptions, type ApiAppDeps, type ApiAppOptions } from './app-options.js';
import { registerCompression } from './compression/response-compression.js';
import { installErrorHandling, sendApiError } from './errors/error-handling.js';
import { expositionPlugin } from './exposition/exposition-routes.js';
import { httpMetrics, instrumentHttp } from './exposition/http-metrics.js';
import { registerListCacheMetrics } from './exposition/list-cache-metrics.js';
import { selfMetricsPlugin } from './exposition/self-metrics-routes.js';
import { healthPlugin } from './health/health-routes.js';
import { metricsApiPlugin } from './metrics-api/metrics-api-plugin.js';
import { MetricsResponseCache } from './metrics-api/metrics-response-cache.js';
import { metricExportPlugin } from './model-api/export-routes.js';
import { MODEL_API_PREFIX, modelApiPlugin } from './model-api/model-routes.js';

/** Kubernetes names are ≤ 253 characters; a pod-list segment holds many of them. */
const MAX_PARAM_LENGTH = 16 * 1024;

/**
 * The core's HTTP app, built but not listening (main.ts listens; tests `inject`): health,
 * self-metrics, the Prometheus exposition, Heapster's model API and metric-export, and
 * metrics.k8s.io when `deps.metricsApi` is given. One error handler answers coded errors
 * (docs/errors.md); fastify's logger stays off (5xx are logged through `deps.logger`). The
 * per-request hooks are the self-metrics one and compression's (registerCompression: reading
 * Accept-Encoding once, and an onSend that only checks headers for the big metrics.k8s.io
 * lists, which come compressed or not from their cache).
 */
export async function buildApiApp(
  deps: ApiAppDeps,
  options: ApiAppOptions = {},
): Promise<FastifyInstance> {
  const settings = resolveApiAppOptions(options);
  const logger = deps.logger ?? noopLogger;
  const clock = deps.clock ?? systemClock;
  const serverOptions: FastifyServerOptions & { https?: unknown } = {
    logger: false,
    requestTimeout: settings.requestTimeoutMs,
    keepAliveTimeout: settings.keepAliveTimeoutMs,
    bodyLimit: settings.bodyLimitBytes,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: (error, request, reply) => {
      sendApiError(error, request, reply, logger);
    },
  };
  if (settings.https !== undefined) serverOptions.https = settings.https;
  const app = Fastify(serverOptions) as unknown as FastifyInstance;

  installErrorHandling(app, logger);
  instrumentHttp(app, httpMetrics(deps.registry));
  if (deps.requestGuard !== undefined) app.addHook('onRequest', deps.requestGuard);
  // Before any route: the plugin hooks each route as it is added.
  await registerCompression(app);
  await app.register(healthPlugin, { liveness: deps.liveness, readiness: deps.readiness });
  await app.register(selfMetricsPlugin, { registry: deps.registry });
  await app.register(expositionPlugin, {
    store: deps.store,
    path: settings.expositionPath,
    timestamps: settings.expositionTimestamps,
  });
  await app.register(modelApiPlugin, { prefix: MODEL_API_PREFIX, store: deps.store, clock });
  await app.register(metricExportPlugin, {
    store: deps.store,
    disableExport: settings.disableExport,
  });
  if (deps.metricsApi !== undefined) {
    const cache = deps.metricsApi.cache ?? new MetricsResponseCache(deps.metricsApi);
    await app.register(metricsApiPlugin, { ...deps.metricsApi, cache });
    registerListCacheMetrics(deps.registry, cache);
  }
  return app;
}
