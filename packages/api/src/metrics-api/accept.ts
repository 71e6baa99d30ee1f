/** The apiVersion of a server-side Table: kubectl accepts both. */
export type TableApiVersion = 'meta.k8s.io/v1' | 'meta.k8s.io/v1beta1';

/**
 * The Table version the Accept header asks for, or undefined for the object itself. Reads the
 * header the way kube-apiserver negotiates for kubectl: the first entry this server can produce
 * wins. `application/json;as=Table;g=meta.k8s.io;v=v1|v1beta1` asks for a
 * server-side Table (`kubectl get`); plain JSON, `*\/*` and `application/*` ask for the object.
 * Protobuf, aggregated discovery (`as=APIGroupDiscoveryList`) and PartialObjectMetadata are
 * skipped, so kubectl 1.32+ falls back to the JSON it lists after them. When nothing matches,
 * the object is served as JSON anyway rather than a 406: every client of these paths reads JSON.
 */
export function tableVersion(accept: string | undefined): TableApiVersion | undefined {
  if (accept === undefined || accept === '') return undefined;
  for (const entry of accept.split(',')) {
    const [mediaType = '', ...parameters] = entry.split(';').map(part => part.trim());
    const type = mediaType.toLowerCase();
    if (type !== 'application/json' && type !== '*/*' && type !== 'application/*') continue;
    let as: string | undefined;
    let group: string | undefined;
    let version: string | undefined;
    for (const parameter of parameters) {
      const eq = parameter.indexOf('=');
      if (eq < 0) continue;
      const key = parameter.slice(0, eq).trim().toLowerCase();
      const value = parameter.slice(eq + 1).trim();
      if (key === 'as') as = value;
      else if (key === 'g') group = value;
      else if (key === 'v') version = value;
    }
    if (as === undefined) return undefined;
    if (as === 'Table' && group === 'meta.k8s.io' && (version === 'v1' || version === 'v1beta1'))
      return `meta.k8s.io/${version}`;
  }
  return undefined;
}
