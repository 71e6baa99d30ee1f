import { EntityType, type DataBatch, type IdentityPart } from '@heapster/model';

type Filter = Partial<Record<IdentityPart, string>>;

/**
 * The names of one identity part over the rows of a type that match `filter`, from one batch:
 * sorted, without duplicates. Filters compare interned string ids, so a listing is one pass
 * over integer columns.
 */
export function listNames(
  batch: DataBatch,
  type: EntityType,
  part: IdentityPart,
  filter: Filter = {},
): string[] {
  const wanted: [IdentityPart, number][] = [];
  for (const [key, value] of Object.entries(filter) as [IdentityPart, string][]) {
    const id = batch.strings.idOf(value);
    if (id <= 0) return []; // never interned (or empty): no row can carry it
    wanted.push([key, id]);
  }
  const table = batch.table(type);
  const ids = new Set<number>();
  rows: for (let row = 0; row < table.size; row++) {
    for (const [key, id] of wanted) if (table.identityId(row, key) !== id) continue rows;
    const id = table.identityId(row, part);
    if (id !== 0) ids.add(id);
  }
  // Default sort: code-unit order, as Go's sort.Strings, and stable across locales.
  return [...ids].map(id => batch.strings.get(id)).sort();
}

export function listNodes(batch: DataBatch): string[] {
  return listNames(batch, EntityType.Node, 'node');
}

export function listNamespaces(batch: DataBatch): string[] {
  return listNames(batch, EntityType.Namespace, 'namespace');
}

export function listPods(batch: DataBatch, namespace: string): string[] {
  return listNames(batch, EntityType.Pod, 'pod', { namespace });
}

export function listContainers(batch: DataBatch, namespace: string, pod: string): string[] {
  return listNames(batch, EntityType.PodContainer, 'container', { namespace, pod });
}

export function listFreeContainers(batch: DataBatch, node: string): string[] {
  return listNames(batch, EntityType.SysContainer, 'container', { node });
}
