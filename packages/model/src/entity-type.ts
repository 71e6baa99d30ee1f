/**
 * The six kinds of metric set Heapster knows (its `type` label), in a fixed order so that
 * they can index arrays. The wire names are Heapster's and must not change: dashboards and
 * stored series select on them.
 */
export const EntityType = {
  PodContainer: 0,
  Pod: 1,
  Namespace: 2,
  Node: 3,
  Cluster: 4,
  SysContainer: 5,
} as const;

export type EntityType = (typeof EntityType)[keyof typeof EntityType];

/** Heapster's spelling of each entity type, as carried by the `type` label. */
export type EntityTypeName = 'pod_container' | 'pod' | 'ns' | 'node' | 'cluster' | 'sys_container';

export const ENTITY_TYPES: readonly EntityType[] = [0, 1, 2, 3, 4, 5];

const NAMES: readonly EntityTypeName[] = [
  'pod_container',
  'pod',
  'ns',
  'node',
  'cluster',
  'sys_container',
];

export function entityTypeName(type: EntityType): EntityTypeName {
  return NAMES[type] as EntityTypeName;
}

export function parseEntityTypeName(name: string): EntityType | undefined {
  const index = NAMES.indexOf(name as EntityTypeName);
  return index < 0 ? undefined : (index as EntityType);
}

/** The parts that identify one metric set; which are set depends on the type. */
export interface EntityKeyParts {
  readonly namespace?: string;
  readonly pod?: string;
  readonly container?: string;
  readonly node?: string;
}

/**
 * Heapster's metric-set key (`metrics/core/ms_keys.go`): `namespace:<ns>/pod:<pod>/container:<c>`,
 * `namespace:<ns>/pod:<pod>`, `namespace:<ns>`, `node:<node>`, `node:<node>/container:<c>`, `cluster`.
 * The model API's debug/allkeys route and the recent store's series identity use it.
 */
export function entityKey(type: EntityType, parts: EntityKeyParts): string {
  switch (type) {
    case EntityType.PodContainer:
      return `namespace:${parts.namespace ?? ''}/pod:${parts.pod ?? ''}/container:${parts.container ?? ''}`;
    case EntityType.Pod:
      return `namespace:${parts.namespace ?? ''}/pod:${parts.pod ?? ''}`;
    case EntityType.Namespace:
      return `namespace:${parts.namespace ?? ''}`;
    case EntityType.Node:
      return `node:${parts.node ?? ''}`;
    case EntityType.SysContainer:
      return `node:${parts.node ?? ''}/container:${parts.container ?? ''}`;
    case EntityType.Cluster:
      return 'cluster';
  }
}
