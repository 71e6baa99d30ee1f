import { EntityType, type EntityTable, type IdentityPart } from '@heapster/model';

/**
 * The identity of a row across batches, as a short string: its identity parts joined by "/"
 * (Kubernetes names never contain "/"). Shorter than Heapster's metric-set key
 * (`namespace:a/pod:b/container:c`) because the rate calculator keeps one per series, and it
 * does not depend on string ids, which need not be shared between batches.
 */
export function seriesKey(table: EntityTable, row: number): string {
  switch (table.type) {
    case EntityType.PodContainer:
      return `${table.identity(row, 'namespace')}/${table.identity(row, 'pod')}/${table.identity(row, 'container')}`;
    case EntityType.Pod:
      return `${table.identity(row, 'namespace')}/${table.identity(row, 'pod')}`;
    case EntityType.Namespace:
      return table.identity(row, 'namespace');
    case EntityType.Node:
      return table.identity(row, 'node');
    case EntityType.SysContainer:
      return `${table.identity(row, 'node')}/${table.identity(row, 'container')}`;
    default:
      return '';
  }
}

/** The identity parts that tell series of one type apart: [primary, second, third]. */
export type SeriesParts = readonly [
  IdentityPart | undefined,
  IdentityPart | undefined,
  IdentityPart | undefined,
];

const SERIES_PARTS: Readonly<Record<EntityType, SeriesParts>> = {
  [EntityType.PodContainer]: ['pod', 'namespace', 'container'],
  [EntityType.Pod]: ['pod', 'namespace', undefined],
  [EntityType.Namespace]: ['namespace', undefined, undefined],
  [EntityType.Node]: ['node', undefined, undefined],
  [EntityType.Cluster]: [undefined, undefined, undefined],
  [EntityType.SysContainer]: ['node', 'container', undefined],
};

/**
 * Which identity parts identify a series of `type`, most selective first (the pod name, not
 * the namespace, so that SeriesState's chains stay as short as a pod's container list).
 */
export function seriesParts(type: EntityType): SeriesParts {
  return SERIES_PARTS[type];
}
