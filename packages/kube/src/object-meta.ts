/** The cache key and resourceVersion of a raw API object, read without trusting its shape. */
export interface ObjectMetaKey {
  /** '' for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
  /** '' when absent. */
  readonly resourceVersion: string;
}

/** undefined when the object has no metadata.name (it cannot be cached). */
export function readObjectMeta(raw: unknown): ObjectMetaKey | undefined {
  const metadata = (
    raw as { metadata?: { name?: unknown; namespace?: unknown; resourceVersion?: unknown } } | null
  )?.metadata;
  if (typeof metadata?.name !== 'string' || metadata.name === '') return undefined;
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  return {
    namespace,
    name: metadata.name,
    resourceVersion: typeof metadata.resourceVersion === 'string' ? metadata.resourceVersion : '',
  };
}

/** metadata.resourceVersion of any object (a BOOKMARK carries nothing else); '' when absent. */
export function resourceVersionOf(raw: unknown): string {
  const version = (raw as { metadata?: { resourceVersion?: unknown } } | null)?.metadata
    ?.resourceVersion;
  return typeof version === 'string' ? version : '';
}
