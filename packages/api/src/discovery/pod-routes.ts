import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PodObjectDirectory, PodObjectView } from '../metrics-api/directories.js';
import { readQuery, type QueryValues, type ReadQuery } from '../metrics-api/list-query.js';
import { resourceNotFound } from '../metrics-api/metrics-errors.js';
import { compare } from '../metrics-api/pod-groups.js';
import { renderTable } from '../metrics-api/table-json.js';
import { podField, podObject, podRow, POD_COLUMNS, POD_FIELDS } from './pod-json.js';

type Params = { readonly namespace?: string; readonly name?: string };

/**
 * `/api/v1/pods`, `/api/v1/namespaces/{ns}/pods[/{name}]` from the pod informer: list and get,
 * labelSelector and fieldSelector (POD_FIELDS), a Table when kubectl asks for one. Lists are
 * sorted by namespace and name as kube-apiserver's are, and never paged (`limit` is ignored):
 * clients use these for small selections, e.g. `kubectl top pods -l x`.
 */
export function registerPodRoutes(
  app: FastifyInstance,
  pods: PodObjectDirectory,
  now: () => number,
): void {
  const respond = (query: ReadQuery, items: readonly PodObjectView[], single: boolean): string => {
    if (query.table !== undefined) {
      const nowMs = now();
      return renderTable(
        query.table,
        POD_COLUMNS,
        items.map(pod => podRow(pod, nowMs)),
        query.includeObject,
        { kind: 'Pod', apiVersion: 'v1' },
      );
    }
    if (single && items[0] !== undefined) {
      return JSON.stringify({ kind: 'Pod', apiVersion: 'v1', ...podObject(items[0]) });
    }
    return JSON.stringify({
      kind: 'PodList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '' },
      items: items.map(podObject),
    });
  };

  const list = (query: ReadQuery, namespace: string | undefined): readonly PodObjectView[] =>
    pods
      .listPods()
      .filter(
        pod =>
          (namespace === undefined || pod.namespace === namespace) &&
          (query.fields === undefined || query.fields.matchesFields(f => podField(pod, f))) &&
          (query.labels === undefined || query.labels.matches(pod.labels)),
      )
      .sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name));

  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const query = readQuery(
      request.query as QueryValues,
      request.headers.accept,
      'pods',
      POD_FIELDS,
    );
    const { namespace, name = '' } = request.params as Params;
    let body: string;
    if (namespace !== undefined && name !== '') {
      const pod = pods.getPod(namespace, name);
      if (pod === undefined) throw resourceNotFound('', 'pods', name);
      body = respond(query, [pod], true);
    } else {
      body = respond(query, list(query, namespace), false);
    }
    return reply.type('application/json').send(body);
  };
  app.get('/api/v1/pods', handler);
  app.get('/api/v1/namespaces/:namespace/pods', handler);
  app.get('/api/v1/namespaces/:namespace/pods/:name', handler);
}
