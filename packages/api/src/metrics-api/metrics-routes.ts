import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { preferredCoding, type ContentCoding } from '../compression/accept-encoding.js';
import { readQuery, type QueryValues, type ReadQuery } from './list-query.js';
import { methodNotAllowed, resourceNotFound } from './metrics-errors.js';
import { METRICS_GROUP, type MetricsVersion } from './metrics-json.js';
import { emptyList, isPlain } from './metrics-lists.js';
import type { MetricsResponseCache } from './metrics-response-cache.js';

type Params = { readonly name?: string; readonly namespace?: string };
/** A body already gzipped (a whole list, compressed once per batch). */
type Gzipped = { readonly gzip: Buffer };
type Handler = (
  cache: MetricsResponseCache,
  query: ReadQuery,
  params: Params,
  version: MetricsVersion,
  coding: ContentCoding,
) => Promise<string | Buffer | Gzipped>;
const MUTATING = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * GET list/get of NodeMetrics and PodMetrics under /apis/metrics.k8s.io/{v1beta1,v1alpha1}:
 * `/nodes[/{name}]`, `/pods`, `/namespaces/{ns}/pods[/{name}]`. Lists are sorted by (namespace,)
 * name and filtered by labelSelector and fieldSelector; a missing object is a 404 Status.
 * Everything a request reads comes from one batch; unfiltered lists are served as the bytes
 * `cache` rendered for the batch, the rest is rendered per request (see MetricsResponseCache).
 *
 * Whole v1beta1 lists go to clients accepting gzip (preferredCoding) as the gzip the cache made
 * once per batch, with Content-Encoding set; every other body is left to the app's per-request
 * compression (registerCompression), when it has one. Every answer varies by Accept-Encoding.
 */
export function registerMetricsRoutes(app: FastifyInstance, cache: MetricsResponseCache): void {
  const serve =
    (version: MetricsVersion, resource: 'nodes' | 'pods', handler: Handler) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const query = readQuery(
        request.query as QueryValues,
        request.headers.accept,
        `${resource}.${METRICS_GROUP}`,
      );
      const coding = preferredCoding(request.headers['accept-encoding']);
      const body = await handler(cache, query, request.params as Params, version, coding);
      // Lower case, as @fastify/compress writes it, so it does not add a second one.
      reply.type('application/json').header('vary', 'accept-encoding');
      if (typeof body === 'string' || Buffer.isBuffer(body)) return reply.send(body);
      return reply.header('content-encoding', 'gzip').send(body.gzip);
    };

  const whole = async (
    c: MetricsResponseCache,
    kind: 'pods' | 'nodes',
    version: MetricsVersion,
    coding: ContentCoding,
  ): Promise<Gzipped | undefined> => {
    if (coding !== 'gzip' || version !== 'v1beta1') return undefined;
    const gzip = await c.gzippedList(kind);
    return gzip === undefined ? undefined : { gzip };
  };

  const listNodes: Handler = async (c, query, _params, version, coding) => {
    if (isPlain(query)) {
      const gzipped = await whole(c, 'nodes', version, coding);
      if (gzipped !== undefined) return gzipped;
    }
    const rendered = isPlain(query) ? await c.list('nodes', version) : undefined;
    if (rendered !== undefined) return rendered;
    return c.lists()?.nodes(query, version) ?? emptyList('NodeMetricsList', version, query);
  };
  const getNode: Handler = async (c, query, params, version, coding) => {
    const name = params.name ?? '';
    // A trailing slash (Heapster's `/nodes/`) reaches this route with an empty name.
    if (name === '') return listNodes(c, query, params, version, coding);
    const lists = c.lists();
    if (lists === undefined) throw resourceNotFound(METRICS_GROUP, 'nodemetrics', name);
    return lists.node(query, version, name);
  };
  const listPods: Handler = async (c, query, params, version, coding) => {
    if (isPlain(query) && params.namespace === undefined) {
      const gzipped = await whole(c, 'pods', version, coding);
      if (gzipped !== undefined) return gzipped;
    }
    const rendered = isPlain(query) ? await c.list('pods', version, params.namespace) : undefined;
    if (rendered !== undefined) return rendered;
    return (
      c.lists()?.pods(query, version, params.namespace) ??
      emptyList('PodMetricsList', version, query)
    );
  };
  const getPod: Handler = async (c, query, params, version, coding) => {
    const name = params.name ?? '';
    if (name === '') return listPods(c, query, params, version, coding);
    const lists = c.lists();
    if (lists === undefined) throw resourceNotFound(METRICS_GROUP, 'podmetrics', name);
    return lists.pod(query, version, params.namespace ?? '', name);
  };

  for (const version of ['v1beta1', 'v1alpha1'] as const) {
    const base = `/apis/${METRICS_GROUP}/${version}`;
    const routes: [string, 'nodes' | 'pods', Handler][] = [
      [`${base}/nodes`, 'nodes', listNodes],
      [`${base}/nodes/:name`, 'nodes', getNode],
      [`${base}/pods`, 'pods', listPods],
      [`${base}/namespaces/:namespace/pods`, 'pods', listPods],
      [`${base}/namespaces/:namespace/pods/:name`, 'pods', getPod],
    ];
    for (const [url, resource, handler] of routes) {
      app.get(url, serve(version, resource, handler));
      app.route({
        method: [...MUTATING],
        url,
        handler: async request => {
          throw methodNotAllowed(`${request.method.toLowerCase()} ${resource}.${METRICS_GROUP}`);
        },
      });
    }
  }
}
