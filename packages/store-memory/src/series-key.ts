import { entityKey, EntityType, type EntityKeyParts } from '@heapster/model';

/** A metric set named by Heapster's key (`namespace:ns/pod:p`) or by its identity parts. */
export type SeriesRef = string | EntityKeyParts;

// Kubernetes names never contain '/', so each part is the text up to the next one.
const PATTERNS: Readonly<Record<EntityType, RegExp>> = {
  [EntityType.PodContainer]:
    /^namespace:(?<namespace>[^/]*)\/pod:(?<pod>[^/]*)\/container:(?<container>[^/]*)$/,
  [EntityType.Pod]: /^namespace:(?<namespace>[^/]*)\/pod:(?<pod>[^/]*)$/,
  [EntityType.Namespace]: /^namespace:(?<namespace>[^/]*)$/,
  [EntityType.Node]: /^node:(?<node>[^/]*)$/,
  [EntityType.Cluster]: /^cluster$/,
  [EntityType.SysContainer]: /^node:(?<node>[^/]*)\/container:(?<container>[^/]*)$/,
};

/** The identity parts of a metric set of `type`; undefined when a key string is not one of that type. */
export function seriesParts(type: EntityType, ref: SeriesRef): EntityKeyParts | undefined {
  if (typeof ref !== 'string') return ref;
  const match = PATTERNS[type].exec(ref);
  if (match === null) return undefined;
  const parts: EntityKeyParts = { ...match.groups };
  return entityKey(type, parts) === ref ? parts : undefined;
}
