import type { EntityTable } from '@heapster/model';

/**
 * A map from a pod identity (namespace id, pod id — string ids of one batch) to a row number.
 *
 * Pod names are nearly unique, so the fast path is a typed array indexed by the pod's string
 * id, checked against the namespace; a second pod with the same name in another namespace
 * (`web-0` in every namespace) goes to a Map. At 100,000 pods this is several times faster
 * than a Map keyed by a packed pair (a heap-allocated double per lookup).
 */
export class PodKeyedRows {
  // row + 1 by pod id (0 = none), and the namespace id of that entry.
  private _rows: Int32Array;
  private _namespaces: Uint32Array;
  private _others: Map<string, number> | undefined;

  constructor(expectedIds: number) {
    this._rows = new Int32Array(Math.max(16, expectedIds));
    this._namespaces = new Uint32Array(this._rows.length);
  }

  /** The row stored for (namespace, pod), or -1. */
  get(namespaceId: number, podId: number): number {
    if (podId < this._rows.length) {
      const stored = (this._rows[podId] as number) - 1;
      if (stored < 0) return -1;
      if (this._namespaces[podId] === namespaceId) return stored;
    }
    return this._others?.get(`${namespaceId}:${podId}`) ?? -1;
  }

  set(namespaceId: number, podId: number, row: number): void {
    if (podId >= this._rows.length) this._grow(podId + 1);
    const stored = (this._rows[podId] as number) - 1;
    if (stored < 0 || this._namespaces[podId] === namespaceId) {
      this._rows[podId] = row + 1;
      this._namespaces[podId] = namespaceId;
      return;
    }
    this._others ??= new Map();
    this._others.set(`${namespaceId}:${podId}`, row);
  }

  private _grow(needed: number): void {
    let length = this._rows.length;
    while (length < needed) length *= 2;
    const rows = new Int32Array(length);
    rows.set(this._rows);
    const namespaces = new Uint32Array(length);
    namespaces.set(this._namespaces);
    this._rows = rows;
    this._namespaces = namespaces;
  }
}

/** Pod rows by (namespace, pod), for joining containers to their pods. Valid for one batch. */
export class PodRowIndex {
  private readonly _rows: PodKeyedRows;

  constructor(
    private readonly _pods: EntityTable,
    stringCount: number,
  ) {
    this._rows = new PodKeyedRows(stringCount);
    for (let row = 0; row < _pods.size; row++) this.add(row);
  }

  /** The pod row of a row of the pod_container (or pod) table, or -1. */
  podRowOf(table: EntityTable, row: number): number {
    return this._rows.get(table.identityId(row, 'namespace'), table.identityId(row, 'pod'));
  }

  /** Records a pod row (also one added after construction). */
  add(row: number): void {
    this._rows.set(this._pods.identityId(row, 'namespace'), this._pods.identityId(row, 'pod'), row);
  }
}

/** Rows of one table by one identity part's string id (namespaces, nodes). */
export function rowsByIdentity(
  table: EntityTable,
  part: 'namespace' | 'node',
): Map<number, number> {
  const rows = new Map<number, number>();
  for (let row = 0; row < table.size; row++) {
    const id = table.identityId(row, part);
    if (id !== 0 && !rows.has(id)) rows.set(id, row);
  }
  return rows;
}
