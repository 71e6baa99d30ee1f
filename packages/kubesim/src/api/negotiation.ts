import type { IncludeObject } from './table/table-builder.js';
import { badRequest } from './status.js';

export interface Negotiated {
  /** meta.k8s.io Table version when the client prefers a Table (kubectl get), else undefined. */
  readonly table: 'v1' | 'v1beta1' | undefined;
}

/**
 * Picks the first media type in the Accept header that this server can produce. Tables
 * (`application/json;as=Table;v=v1;g=meta.k8s.io`) are produced; other conversions (aggregated
 * discovery, PartialObjectMetadata) and protobuf are skipped, so clients fall back to the plain
 * JSON they list last, as kubectl 1.32+ does for discovery.
 */
export function negotiate(accept: string | undefined): Negotiated {
  if (accept === undefined || accept === '') return { table: undefined };
  for (const entry of accept.split(',')) {
    const [mediaType = '', ...paramParts] = entry.split(';').map(s => s.trim());
    const type = mediaType.toLowerCase();
    if (type !== 'application/json' && type !== '*/*' && type !== 'application/*') continue;
    const params = new Map<string, string>();
    for (const part of paramParts) {
      const eq = part.indexOf('=');
      if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    const as = params.get('as');
    if (as === undefined) return { table: undefined };
    if (as === 'Table' && params.get('g') === 'meta.k8s.io') {
      const v = params.get('v');
      if (v === 'v1' || v === 'v1beta1') return { table: v };
    }
  }
  return { table: undefined };
}

export function includeObjectParam(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  if (value === null || value === '' || value === 'Metadata') return 'Metadata';
  if (value === 'None' || value === 'Object') return value;
  throw badRequest(
    `Unable to convert to Table as requested: includeObject: Unsupported value: "${value}": supported values: "Metadata", "None", "Object"`,
  );
}
