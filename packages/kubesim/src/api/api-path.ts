/** A request for a resource: /api/v1/... or /apis/<group>/<version>/..., optionally namespaced. */
export interface ResourcePath {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly subresource?: string;
  /** The deprecated /watch/ prefix form (…/v1/watch/pods), which implies watch=true. */
  readonly watchPrefix: boolean;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** Parses a resource URL path; undefined when the path is not one (discovery, unknown). */
export function parseResourcePath(pathname: string): ResourcePath | undefined {
  const segments = pathname
    .split('/')
    .filter(s => s !== '')
    .map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    version = segments[1] as string;
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1] as string;
    version = segments[2] as string;
    rest = segments.slice(3);
  } else {
    return undefined;
  }
  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }
  const base = { group, version, watchPrefix };
  if (
    rest[0] === 'namespaces' &&
    rest.length >= 3 &&
    !NAMESPACE_SUBRESOURCES.has(rest[2] as string)
  ) {
    const [, namespace, resource, name, subresource, ...extra] = rest as [
      string,
      string,
      string,
      ...string[],
    ];
    if (extra.length > 0) return undefined;
    return {
      ...base,
      resource,
      namespace,
      ...(name === undefined ? {} : { name }),
      ...(subresource === undefined ? {} : { subresource }),
    };
  }
  const [resource, name, subresource, ...extra] = rest;
  if (resource === undefined || extra.length > 0) return undefined;
  return {
    ...base,
    resource,
    ...(name === undefined ? {} : { name }),
    ...(subresource === undefined ? {} : { subresource }),
  };
}
