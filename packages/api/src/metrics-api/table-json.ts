import { badParameter } from '../errors/api-error.js';
import type { TableApiVersion } from './accept.js';

/** A `meta.k8s.io` TableColumnDefinition. */
export interface TableColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'date';
  readonly format?: 'name' | '';
  readonly description: string;
  readonly priority?: number;
}

/** How much of each object a Table row embeds (`?includeObject=`; kubectl asks for Metadata). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableRow {
  readonly cells: readonly (string | number)[];
  /** The object's JSON (without kind/apiVersion) and its kind, for `includeObject=Object`. */
  readonly objectJson: () => string;
  /** The object's `metadata` JSON, for PartialObjectMetadata rows. */
  readonly metadataJson: () => string;
}

export function includeObjectParam(value: string | undefined): IncludeObject {
  if (value === undefined || value === '' || value === 'Metadata') return 'Metadata';
  if (value === 'None' || value === 'Object') return value;
  throw badParameter('includeObject', value, 'supported values: "Metadata", "None", "Object"');
}

/**
 * A server-side Table as kube-apiserver writes one for kubectl (`kubectl get` prints the
 * columns of priority 0; `-o wide` the others). Rows embed PartialObjectMetadata by default.
 */
export function renderTable(
  apiVersion: TableApiVersion,
  columns: readonly TableColumn[],
  rows: readonly TableRow[],
  include: IncludeObject,
  objectType: { readonly kind: string; readonly apiVersion: string },
): string {
  const definitions = JSON.stringify(
    columns.map(c => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description,
      priority: c.priority ?? 0,
    })),
  );
  const metaVersion = apiVersion;
  const rendered = rows.map(row => {
    const cells = JSON.stringify(row.cells);
    if (include === 'None') return `{"cells":${cells}}`;
    const object =
      include === 'Object'
        ? `{"kind":"${objectType.kind}","apiVersion":"${objectType.apiVersion}",${row.objectJson().slice(1)}`
        : `{"kind":"PartialObjectMetadata","apiVersion":"${metaVersion}","metadata":${row.metadataJson()}}`;
    return `{"cells":${cells},"object":${object}}`;
  });
  return `{"kind":"Table","apiVersion":"${apiVersion}","metadata":{},"columnDefinitions":${definitions},"rows":[${rendered.join(',')}]}`;
}
