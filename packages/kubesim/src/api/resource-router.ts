import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourcePath } from './api-path.js';
import type { HandlerContext, ResourceRequest } from './handler-context.js';
import { handleGet, handleList } from './list-handler.js';
import { includeObjectParam, negotiate } from './negotiation.js';
import { findResource } from './resources.js';
import type { ServedResource } from './resources.js';
import { methodNotAllowed, notFound, pathNotFound } from './status.js';
import { handleWatch } from './watch-handler.js';

const TRUE_VALUES = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);

/** The verb an authoriser sees for a resource request (get, list, watch, create, …). */
export function resourceVerb(method: string, path: ResourcePath, query: URLSearchParams): string {
  if (method === 'GET' || method === 'HEAD') {
    if (isWatch(path, query)) return 'watch';
    return path.name === undefined ? 'list' : 'get';
  }
  if (method === 'POST') return 'create';
  if (method === 'PUT') return 'update';
  if (method === 'PATCH') return 'patch';
  if (method === 'DELETE') return path.name === undefined ? 'deletecollection' : 'delete';
  return method.toLowerCase();
}

function isWatch(path: ResourcePath, query: URLSearchParams): boolean {
  return path.watchPrefix || TRUE_VALUES.has(query.get('watch') ?? '');
}

/** The served resource for a path, checking scope (404 when the path shape does not exist). */
export function resolveResource(path: ResourcePath): ServedResource {
  const resource = findResource(path.group, path.version, path.resource);
  if (resource === undefined) throw pathNotFound();
  if (!resource.namespaced && path.namespace !== undefined) throw pathNotFound();
  if (resource.namespaced && path.namespace === undefined && path.name !== undefined)
    throw pathNotFound();
  if (path.subresource !== undefined && !resource.subresources.includes(path.subresource))
    throw pathNotFound();
  return resource;
}

/** Serves GET/LIST/WATCH of a resource; other methods get 405 (the simulation owns writes). */
export async function routeResource(
  req: IncomingMessage,
  res: ServerResponse,
  path: ResourcePath,
  query: URLSearchParams,
  ctx: HandlerContext,
): Promise<void> {
  const resource = resolveResource(path);
  if (req.method !== 'GET') throw methodNotAllowed();
  const negotiated = negotiate(req.headers.accept);
  const request: ResourceRequest = {
    resource,
    namespace: path.namespace,
    name: path.name,
    subresource: path.subresource,
    query,
    table: negotiated.table,
    includeObject: negotiated.table === undefined ? 'Metadata' : includeObjectParam(query),
  };
  if (path.name !== undefined) {
    if (isWatch(path, query)) {
      // A watch of one object is a watch with a metadata.name field selector.
      const scoped = new URLSearchParams(query);
      const existing = scoped.get('fieldSelector');
      const byName = `metadata.name=${path.name}`;
      scoped.set(
        'fieldSelector',
        existing === null || existing === '' ? byName : `${existing},${byName}`,
      );
      handleWatch(res, { ...request, name: undefined, query: scoped }, ctx);
      return;
    }
    const object = ctx.store.get(resource.storeKind, path.namespace, path.name);
    if (object === undefined) throw notFound(resource.group, resource.name, path.name);
    handleGet(res, request, ctx, object);
    return;
  }
  if (isWatch(path, query)) {
    handleWatch(res, request, ctx);
    return;
  }
  await handleList(res, request, ctx);
}
