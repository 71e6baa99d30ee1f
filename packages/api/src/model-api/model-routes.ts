import type { Clock } from '@heapster/runtime';
import type { MetricStore } from '@heapster/store-memory';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ENTITY_ROUTES, namespace, node, pod, type RouteParams } from './model-entities.js';
import { readValueQuery, type QueryParams } from './model-query.js';
import { ModelService } from './model-service.js';

export interface ModelApiOptions {
  readonly store: MetricStore;
  /** "now", the default `end` of value queries. */
  readonly clock: Clock;
}

/** The prefix Heapster served the model API under. */
export const MODEL_API_PREFIX = '/api/v1/model';

type Request = FastifyRequest<{ Params: RouteParams; Querystring: QueryParams }>;

/**
 * Heapster's model API (reference §6.2), registered under MODEL_API_PREFIX. Metric names may
 * contain `/`, so the metric is the route's trailing wildcard. Handler names are Heapster's
 * operation names, used as the `handler` label of the HTTP self-metrics.
 */
export async function modelApiPlugin(
  app: FastifyInstance,
  options: ModelApiOptions,
): Promise<void> {
  const { store, clock } = options;
  const model = new ModelService(store);
  const json = (handler: string) => ({ config: { handler } });

  for (const { prefix, operations, entity } of Object.values(ENTITY_ROUTES)) {
    const [names, values] = operations;
    app.get(`${prefix}/metrics`, json(names), async (request: Request) =>
      model.metricNames(entity(request.params)),
    );
    app.get(`${prefix}/metrics/*`, json(values), async (request: Request) =>
      model.values(
        entity(request.params),
        request.params['*'] ?? '',
        readValueQuery(request.query, clock.now()),
      ),
    );
  }

  app.get('/nodes', json('nodeList'), async () => store.listNodes());
  app.get('/namespaces', json('namespaceList'), async () => store.listNamespaces());
  app.get('/nodes/:node/freecontainers', json('systemContainerList'), async (request: Request) => {
    const name = request.params.node ?? '';
    return model.children(node(name), () => store.listFreeContainers(name));
  });
  app.get('/namespaces/:namespace/pods', json('namespacePodList'), async (request: Request) => {
    const name = request.params.namespace ?? '';
    return model.children(namespace(name), () => store.listPods(name));
  });
  app.get(
    '/namespaces/:namespace/pods/:pod/containers',
    json('podContainerList'),
    async (request: Request) => {
      const [ns, name] = [request.params.namespace ?? '', request.params.pod ?? ''];
      return model.children(pod(ns, name), () => store.listContainers(ns, name));
    },
  );
  app.get(
    '/namespaces/:namespace/pod-list/:pods/metrics/*',
    json('podListMetric'),
    async (request: Request) =>
      model.podListValues(
        request.params.namespace ?? '',
        request.params.pods ?? '',
        request.params['*'] ?? '',
        readValueQuery(request.query, clock.now()),
      ),
  );
  app.get('/debug/allkeys', json('debugAllKeys'), async () => store.allKeys());
}
