import { noopLogger } from '@heapster/runtime';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerCompression } from '../compression/response-compression.js';
import { installErrorHandling, sendApiError } from '../errors/error-handling.js';
import { metricsApiPlugin, type MetricsApiOptions } from '../metrics-api/metrics-api-plugin.js';
import { directoriesOf, storeOf, type ClusterSpec } from './metrics-fixtures.js';

/** A fastify app with only the metrics.k8s.io plugin, set up as the app factory sets up its app. */
export async function metricsApp(options: MetricsApiOptions): Promise<FastifyInstance> {
  const app = Fastify({
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: (error, request, reply) => {
      sendApiError(error, request, reply, noopLogger);
    },
  });
  installErrorHandling(app, noopLogger);
  await registerCompression(app);
  await app.register(metricsApiPlugin, options);
  await app.ready();
  return app;
}

/** The app over a hand-written cluster, with node and pod directories and a fixed clock. */
export function clusterApp(
  spec: ClusterSpec,
  nowMs = spec.timestamp + 5_000,
): Promise<FastifyInstance> {
  const directories = directoriesOf(spec, spec.timestamp - 3 * 86_400_000);
  return metricsApp({
    store: storeOf(spec),
    resolutionMs: 15_000,
    nodes: directories.nodes,
    pods: directories.pods,
    now: () => nowMs,
  });
}
