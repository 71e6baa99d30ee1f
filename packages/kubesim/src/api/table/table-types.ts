import type { KubeObject } from '../object-store.js';

/** meta.k8s.io TableColumnDefinition (every field is serialised, as Go does). */
export interface TableColumnDefinition {
  readonly name: string;
  readonly type: string;
  readonly format: string;
  readonly description: string;
  readonly priority: number;
}

export type TableCell = string | number | boolean | null;

export interface TableRowCondition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

/**
 * One resource's server-side printer (pkg/printers/internalversion). The server always prints
 * the wide cells; kubectl hides priority > 0 columns unless `-o wide`.
 */
export interface TablePrinter {
  readonly columns: readonly TableColumnDefinition[];
  cells(object: KubeObject, nowMs: number): TableCell[];
  conditions(object: KubeObject): TableRowCondition[] | undefined;
}

export function column(
  name: string,
  description: string,
  options: { priority?: number; format?: string; type?: string } = {},
): TableColumnDefinition {
  return {
    name,
    type: options.type ?? 'string',
    format: options.format ?? '',
    description,
    priority: options.priority ?? 0,
  };
}

export const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: http://kubernetes.io/docs/user-guide/identifiers#names';
export const AGE_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';
