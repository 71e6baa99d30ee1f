import type { AccessAttributes } from './user-info.js';

const VERBS: Readonly<Record<string, string>> = {
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/**
 * What a request asks to do, as kube-apiserver's RequestInfoFactory reads it: resource paths
 * (`/api/v1/...`, `/apis/<group>/<version>/...`, optionally `namespaces/<ns>/`) become
 * resource attributes with the verb get, list or watch (create, update, ... for writes);
 * everything else — discovery (`/apis`, `/apis/metrics.k8s.io/v1beta1`), `/version`,
 * `/metrics` — is a non-resource request on the path with the lowercase HTTP method.
 */
export function accessAttributes(method: string, url: string): AccessAttributes {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1));
  const upper = method.toUpperCase();
  const nonResource: AccessAttributes = { kind: 'nonResource', verb: upper.toLowerCase(), path };
  const parts = path
    .split('/')
    .filter(p => p !== '')
    .map(decodeSegment);
  let rest: string[];
  let group: string;
  let version: string;
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1] as string;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1] as string;
    version = parts[2] as string;
    rest = parts.slice(3);
  } else {
    return nonResource;
  }
  let namespace: string | undefined;
  // `namespaces/<ns>/<resource>...`; `namespaces/<ns>` alone is the namespace object itself.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource = '', name, subresource] = rest;
  if (rest.length > 3) return nonResource;
  let verb = VERBS[upper] ?? 'get';
  if (upper === 'GET' || upper === 'HEAD') {
    const watch = query.get('watch');
    verb = name === undefined ? (watch === 'true' || watch === '1' ? 'watch' : 'list') : 'get';
  } else if (upper === 'DELETE' && name === undefined) {
    verb = 'deletecollection';
  }
  return {
    kind: 'resource',
    verb,
    group,
    version,
    resource,
    ...(subresource === undefined ? {} : { subresource }),
    ...(namespace === undefined ? {} : { namespace }),
    ...(name === undefined || name === '' ? {} : { name }),
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
