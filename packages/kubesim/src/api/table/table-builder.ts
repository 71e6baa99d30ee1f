import type { KubeObject } from '../object-store.js';
import type { TablePrinter } from './table-types.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  /** meta.k8s.io version the client asked for. */
  readonly version: 'v1' | 'v1beta1';
  /** includeObject query parameter (default Metadata). */
  readonly includeObject: IncludeObject;
  /** Omit columnDefinitions (every watch event after the first). */
  readonly noHeaders: boolean;
  readonly nowMs: number;
}

export interface ListMeta {
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

/** JSON of one Table row; `full` gives the object in the served version for includeObject=Object. */
export function tableRowJson(
  printer: TablePrinter,
  object: KubeObject,
  options: TableOptions,
  full: (object: KubeObject) => string,
): string {
  const cells = JSON.stringify(printer.cells(object, options.nowMs));
  const conditions = printer.conditions(object);
  let out = `{"cells":${cells}`;
  if (conditions !== undefined) out += `,"conditions":${JSON.stringify(conditions)}`;
  switch (options.includeObject) {
    case 'Object':
      out += `,"object":${full(object)}`;
      break;
    case 'Metadata':
      out += `,"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/${options.version}","metadata":${JSON.stringify(object.metadata)}}`;
      break;
    case 'None':
      out += ',"object":null';
      break;
  }
  return `${out}}`;
}

/** The opening of a Table document up to and including `"rows":[`. */
export function tableHeadJson(
  printer: TablePrinter,
  meta: ListMeta,
  options: TableOptions,
): string {
  const columns = options.noHeaders ? 'null' : JSON.stringify(printer.columns);
  return `{"kind":"Table","apiVersion":"meta.k8s.io/${options.version}","metadata":${JSON.stringify(meta)},"columnDefinitions":${columns},"rows":[`;
}

export function tableJson(
  printer: TablePrinter,
  objects: readonly KubeObject[],
  meta: ListMeta,
  options: TableOptions,
  full: (object: KubeObject) => string,
): string {
  const rows = objects.map(o => tableRowJson(printer, o, options, full));
  return `${tableHeadJson(printer, meta, options)}${rows.join(',')}]}`;
}
