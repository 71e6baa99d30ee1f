import { parseEntityTypeName, type EntityType } from '@heapster/model';
import type { MetricStore } from '@heapster/store-memory';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { batchStream } from '../batch-stream.js';
import { badParameter } from '../errors/api-error.js';
import { single, type QueryParams } from '../model-api/model-query.js';
import { EXPOSITION_CONTENT_TYPE, renderExposition } from './exposition-renderer.js';

export interface ExpositionRouteOptions {
  readonly store: MetricStore;
  /** Where the collected metrics are served; never the self-metrics path `/metrics`. */
  readonly path: string;
  readonly timestamps: boolean;
}

/** Default path of the exposition of everything collected (docs/prometheus.md). */
export const DEFAULT_EXPOSITION_PATH = '/metrics/cluster';

/**
 * The newest batch in the Prometheus text format, streamed. `?type=node,ns` limits it to some
 * entity levels (Heapster's type names), which is how a big cluster keeps scrapes small.
 */
export async function expositionPlugin(
  app: FastifyInstance,
  options: ExpositionRouteOptions,
): Promise<void> {
  app.get(
    options.path,
    { config: { handler: 'prometheusExposition' } },
    async (request: FastifyRequest<{ Querystring: QueryParams }>, reply) => {
      const types = readTypes(single(request.query, 'type'));
      const batch = options.store.latest()?.batch;
      const body = batchStream(
        batch,
        renderExposition(batch, { types, timestamps: options.timestamps }),
      );
      return reply.type(EXPOSITION_CONTENT_TYPE).send(body);
    },
  );
}

function readTypes(text: string | undefined): ReadonlySet<EntityType> | undefined {
  if (text === undefined || text === '') return undefined;
  const types = new Set<EntityType>();
  for (const name of text.split(',')) {
    const type = parseEntityTypeName(name);
    if (type === undefined) {
      throw badParameter(
        'type',
        text,
        `${JSON.stringify(name)} is not one of pod_container, pod, ns, node, cluster, sys_container`,
      );
    }
    types.add(type);
  }
  return types;
}
