import type { LatestBatch } from '@heapster/store-memory';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NO_LABELS, type NodeDirectory, type PodDirectory } from './directories.js';
import { readQuery, type QueryValues, type ReadQuery } from './list-query.js';
import { methodNotAllowed, resourceNotFound } from './metrics-errors.js';
import { METRICS_GROUP, type MetricsVersion } from './metrics-json.js';
import { emptyList, MetricsLists, type LabelSource } from './metrics-lists.js';
import { UsageSnapshot } from './usage-snapshot.js';

/** What the metrics.k8s.io routes read. */
export interface MetricsRoutesOptions {
  /** The store's newest batch (`MetricStore.latest`). */
  readonly latest: () => LatestBatch | undefined;
  /** The window reported when the store knows no rate interval for a row: the resolution. */
  readonly resolutionMs: number;
  /** Node labels for metadata and labelSelector (none without). */
  readonly nodes?: NodeDirectory;
  /** Pod labels for metadata and labelSelector (none without). */
  readonly pods?: PodDirectory;
  readonly now: () => number;
}

type Params = { readonly name?: string; readonly namespace?: string };
type Handler = (
  lists: MetricsLists | undefined,
  query: ReadQuery,
  params: Params,
  version: MetricsVersion,
) => string | Buffer;
const MUTATING = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * GET list/get of NodeMetrics and PodMetrics under /apis/metrics.k8s.io/{v1beta1,v1alpha1}:
 * `/nodes[/{name}]`, `/pods`, `/namespaces/{ns}/pods[/{name}]`. Lists are sorted by (namespace,)
 * name and filtered by labelSelector and fieldSelector; a missing object is a 404 Status.
 * Everything a request reads comes from one batch (indexed once per batch, see UsageSnapshot).
 */
export function registerMetricsRoutes(app: FastifyInstance, options: MetricsRoutesOptions): void {
  const labels: LabelSource = {
    node: name => options.nodes?.getNode(name)?.labels ?? NO_LABELS,
    pod: (namespace, name) => options.pods?.getPod(namespace, name)?.labels ?? NO_LABELS,
  };
  let current: { latest: LatestBatch; lists: MetricsLists } | undefined;
  const listsOfLatest = (): MetricsLists | undefined => {
    const latest = options.latest();
    if (latest === undefined) return undefined;
    if (current?.latest !== latest) {
      const snapshot = new UsageSnapshot(latest, options.resolutionMs);
      current = { latest, lists: new MetricsLists(snapshot, labels, options.now) };
    }
    return current.lists;
  };

  const serve =
    (version: MetricsVersion, resource: 'nodes' | 'pods', handler: Handler) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const query = readQuery(
        request.query as QueryValues,
        request.headers.accept,
        `${resource}.${METRICS_GROUP}`,
      );
      const body = handler(listsOfLatest(), query, request.params as Params, version);
      return reply.type('application/json').send(body);
    };

  const listNodes: Handler = (lists, query, _params, version) =>
    lists?.nodes(query, version) ?? emptyList('NodeMetricsList', version, query);
  const getNode: Handler = (lists, query, params, version) => {
    const name = params.name ?? '';
    // A trailing slash (Heapster's `/nodes/`) reaches this route with an empty name.
    if (name === '') return listNodes(lists, query, params, version);
    if (lists === undefined) throw resourceNotFound(METRICS_GROUP, 'nodemetrics', name);
    return lists.node(query, version, name);
  };
  const listPods: Handler = (lists, query, params, version) =>
    lists?.pods(query, version, params.namespace) ?? emptyList('PodMetricsList', version, query);
  const getPod: Handler = (lists, query, params, version) => {
    const name = params.name ?? '';
    if (name === '') return listPods(lists, query, params, version);
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
