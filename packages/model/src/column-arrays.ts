/** The typed columns of an EntityTable: allocation, growth, and what a recycling table takes. */
import type { IdentityPart } from './entity-table.js';

/** What a table gives up to the table that recycles it (see EntityTable's constructor). */
export interface TakenColumns {
  /** Rows that were written (and have been cleared in the fixed columns). */
  readonly rows: number;
  readonly identity: Record<IdentityPart, Uint32Array>;
  readonly createTime: Float64Array;
  readonly collectionStartTime: Float64Array;
  readonly scrapeTime: Float64Array;
  readonly values: (Float64Array | undefined)[];
  readonly labels: (Uint32Array | undefined)[];
}

export function nanArray(length: number): Float64Array {
  return new Float64Array(length).fill(Number.NaN);
}

export function grow<T extends Float64Array | Uint32Array>(
  column: T,
  capacity: number,
  fill: number,
): T {
  const next = new (column.constructor as new (n: number) => T)(capacity);
  next.set(column);
  if (fill !== 0) next.fill(fill, column.length);
  return next;
}

/** Ids < 2^16 (the catalogues' bounds); the array is filled up to the id so it stays packed. */
export function setColumn<T>(columns: (T | undefined)[], id: number, column: T): void {
  if (!Number.isInteger(id) || id < 0 || id > 0xffff) {
    throw new RangeError(`column id ${id} is outside 0..65535`);
  }
  while (columns.length < id) columns.push(undefined);
  columns[id] = column;
}

/** Ids that have a column, ascending. */
export function presentIds(columns: readonly unknown[]): number[] {
  const ids: number[] = [];
  for (let id = 0; id < columns.length; id++) if (columns[id] !== undefined) ids.push(id);
  return ids;
}

/**
 * Whether recycled arrays of `old` cells fit `needed`: enough, and at most an eighth more. A
 * batch that grew by doubling would otherwise pass up to twice its rows on to every batch that
 * recycles it, for as long as the process runs.
 */
export function recycledFits(old: number, needed: number): boolean {
  return old >= needed && old <= needed + Math.ceil(needed / 8);
}
