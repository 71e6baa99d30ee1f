import type { FastifyInstance, FastifyReply } from 'fastify';
import type { NodeDirectory, NodeView, PodObjectDirectory } from '../metrics-api/directories.js';
import { readQuery, type QueryValues } from '../metrics-api/list-query.js';
import { resourceNotFound } from '../metrics-api/metrics-errors.js';
import { compare } from '../metrics-api/pod-groups.js';
import { renderTable } from '../metrics-api/table-json.js';
import {
  apiGroupList,
  apiVersions,
  coreResourceList,
  METRICS_VERSIONS,
  metricsApiGroup,
  metricsResourceList,
  versionDocument,
  type VersionInfo,
} from './discovery-documents.js';
import { NODE_COLUMNS, nodeObject, nodeRow } from './node-json.js';
import { registerPodRoutes } from './pod-routes.js';

export interface DiscoveryRoutesOptions {
  /** Serves `/api`, `/api/v1` and `/api/v1/nodes[/{name}]` when given. */
  readonly nodes?: NodeDirectory;
  /** Serves `/api`, `/api/v1` and `/api/v1/[namespaces/{ns}/]pods` when given. */
  readonly pods?: PodObjectDirectory;
  readonly version: VersionInfo;
  readonly now: () => number;
}

function json(reply: FastifyReply, body: unknown): FastifyReply {
  return reply.type('application/json').send(JSON.stringify(body));
}

/** Discovery of the metrics.k8s.io group, `/version`, and the core group's nodes and pods. */
export function registerDiscoveryRoutes(
  app: FastifyInstance,
  options: DiscoveryRoutesOptions,
): void {
  const version = versionDocument(options.version);
  app.get('/version', async (_request, reply) => json(reply, version));
  app.get('/apis', async (_request, reply) => json(reply, apiGroupList()));
  app.get('/apis/metrics.k8s.io', async (_request, reply) => json(reply, metricsApiGroup()));
  for (const v of METRICS_VERSIONS) {
    const document = metricsResourceList(v);
    app.get(`/apis/metrics.k8s.io/${v}`, async (_request, reply) => json(reply, document));
  }

  const { nodes, pods } = options;
  if (nodes === undefined && pods === undefined) return;
  app.get('/api', async (request, reply) =>
    json(reply, apiVersions(request.headers.host ?? request.hostname)),
  );
  const core = coreResourceList({ nodes: nodes !== undefined, pods: pods !== undefined });
  app.get('/api/v1', async (_request, reply) => json(reply, core));
  if (pods !== undefined) registerPodRoutes(app, pods, options.now);
  if (nodes === undefined) return;

  const respond = (
    reply: FastifyReply,
    query: ReturnType<typeof readQuery>,
    items: readonly NodeView[],
    single: boolean,
  ): FastifyReply => {
    if (query.table !== undefined) {
      const rows = items.map(node => nodeRow(node, options.now()));
      const body = renderTable(query.table, NODE_COLUMNS, rows, query.includeObject, {
        kind: 'Node',
        apiVersion: 'v1',
      });
      return reply.type('application/json').send(body);
    }
    if (single && items[0] !== undefined)
      return json(reply, { kind: 'Node', apiVersion: 'v1', ...nodeObject(items[0]) });
    return json(reply, {
      kind: 'NodeList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '' },
      items: items.map(nodeObject),
    });
  };

  app.get<{ Params: { name?: string } }>('/api/v1/nodes/:name?', async (request, reply) => {
    const query = readQuery(request.query as QueryValues, request.headers.accept, 'nodes');
    const name = request.params.name ?? '';
    if (name !== '') {
      const node = nodes.getNode(name);
      if (node === undefined) throw resourceNotFound('', 'nodes', name);
      return respond(reply, query, [node], true);
    }
    const selected = nodes
      .listNodes()
      .filter(
        node =>
          (query.fields === undefined || query.fields.matches(node.name, '')) &&
          (query.labels === undefined || query.labels.matches(node.labels)),
      )
      .sort((a, b) => compare(a.name, b.name));
    return respond(reply, query, selected, false);
  });
}
