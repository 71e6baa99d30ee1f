import type { StringTable } from '@heapster/model';

const INITIAL_CAPACITY = 64;
/** `seen` of a free slot: never older than any generation. */
const FREE = 0xffff_ffff;

/**
 * What the rate calculator remembers of one entity type between batches: per series (a row
 * identity) the collection start time, the scrape time and the last value of each cumulative
 * metric, in typed columns indexed by a slot number. Nothing else of the previous batch is kept.
 *
 * Series are found by the string ids of their identity parts, not by key strings: a Map from
 * the primary part (the pod name for containers and pods, the node for nodes and system
 * containers) to the first slot of a chain, each slot holding its three part ids to compare.
 * A chain is as long as a pod's containers, so a lookup is one integer Map probe and a couple
 * of comparisons — building and hashing a `ns/pod/container` string per row cost ten times
 * more. Ids are those of one StringTable; when batches switch tables, `rekey` translates.
 *
 * Memory: a slot costs 8 + 8 + 4 + 4 + 3 × 4 bytes plus 8 per cumulative metric the type
 * carries (3 for containers, 7 for pods), plus a Map entry per primary id: about 100 bytes a
 * container at 100,000 pods. Slots of vanished series are freed by `sweep` and reused.
 */
export class SeriesState {
  private _chains = new Map<number, number>();
  private readonly _free: number[] = [];
  private _size = 0;
  private _highWater = 0;
  private _capacity = INITIAL_CAPACITY;
  private _start = new Float64Array(INITIAL_CAPACITY);
  private _scrape = new Float64Array(INITIAL_CAPACITY);
  private _seen = new Uint32Array(INITIAL_CAPACITY);
  private _next = new Int32Array(INITIAL_CAPACITY);
  private _parts: [Uint32Array, Uint32Array, Uint32Array] = [
    new Uint32Array(INITIAL_CAPACITY),
    new Uint32Array(INITIAL_CAPACITY),
    new Uint32Array(INITIAL_CAPACITY),
  ];
  private readonly _values = new Map<number, Float64Array>();

  /** Number of series remembered. */
  get size(): number {
    return this._size;
  }

  /** The slot of the series with these part ids, or -1. */
  find(a: number, b: number, c: number): number {
    let slot = this._chains.get(a) ?? -1;
    const [, partB, partC] = this._parts;
    while (slot >= 0) {
      if (partB[slot] === b && partC[slot] === c) return slot;
      slot = this._next[slot] as number;
    }
    return -1;
  }

  /** A slot for a new series; its times and values start absent (NaN). */
  add(a: number, b: number, c: number): number {
    let slot = this._free.pop();
    if (slot === undefined) {
      if (this._highWater === this._capacity) this._grow(this._capacity * 2);
      slot = this._highWater++;
    }
    this._parts[0][slot] = a;
    this._parts[1][slot] = b;
    this._parts[2][slot] = c;
    this._start[slot] = Number.NaN;
    this._scrape[slot] = Number.NaN;
    this._seen[slot] = 0;
    for (const column of this._values.values()) column[slot] = Number.NaN;
    this._next[slot] = this._chains.get(a) ?? -1;
    this._chains.set(a, slot);
    this._size++;
    return slot;
  }

  /** Start times by slot. Valid until the next `add` (which may grow the columns). */
  get startTimes(): Float64Array {
    return this._start;
  }

  /** Scrape times by slot. Valid until the next `add`. */
  get scrapeTimes(): Float64Array {
    return this._scrape;
  }

  /** Batch generation each slot was last seen in (see `sweep`). Valid until the next `add`. */
  get seen(): Uint32Array {
    return this._seen;
  }

  /** The last values of one counter by slot (created on first use). Valid until the next `add`. */
  values(metricId: number): Float64Array {
    let column = this._values.get(metricId);
    if (column === undefined) {
      column = new Float64Array(this._capacity).fill(Number.NaN);
      this._values.set(metricId, column);
    }
    return column;
  }

  /** Ids of the counters this state has ever remembered. */
  metricIds(): number[] {
    return [...this._values.keys()];
  }

  /** Forgets the series not seen since batch `generation - retain`; returns how many. */
  sweep(generation: number, retain: number): number {
    // Free slots are marked never-expiring, so one pass over a typed column finds the live
    // series that expired. Each is unlinked from its chain alone: a cluster where a few pods
    // come and go every batch must not rebuild the index of all the others each time.
    const oldest = generation - retain;
    let dropped = 0;
    for (let slot = 0; slot < this._highWater; slot++) {
      if ((this._seen[slot] as number) < oldest) {
        this._remove(slot);
        dropped++;
      }
    }
    return dropped;
  }

  /**
   * Moves every series to the ids of another string table (`from` → `to`); a series with a
   * part `to` does not hold is not in the batch that brought `to`, and is forgotten.
   */
  rekey(from: StringTable, to: StringTable): number {
    const translate = (id: number): number => (id === 0 ? 0 : to.idOf(from.get(id)));
    return this._rebuild(slot => {
      const ids = this._parts.map(part => translate(part[slot] as number));
      if (ids.some(id => id < 0)) return undefined;
      this._parts.forEach((part, i) => (part[slot] = ids[i] as number));
      return ids[0];
    });
  }

  /** Bytes held by the typed columns (the Map not included). */
  byteSize(): number {
    return this._capacity * (8 + 8 + 4 + 4 + 12 + 8 * this._values.size);
  }

  private _remove(slot: number): void {
    const primary = this._parts[0][slot] as number;
    const next = this._next[slot] as number;
    const head = this._chains.get(primary) ?? -1;
    if (head === slot) {
      if (next < 0) this._chains.delete(primary);
      else this._chains.set(primary, next);
    } else {
      let previous = head;
      while (previous >= 0 && this._next[previous] !== slot)
        previous = this._next[previous] as number;
      if (previous >= 0) this._next[previous] = next;
    }
    this._seen[slot] = FREE;
    this._free.push(slot);
    this._size--;
  }

  // Relinks every chain; `keep` returns the slot's (possibly new) primary id, or undefined to free it.
  private _rebuild(keep: (slot: number) => number | undefined): number {
    const old = this._chains;
    this._chains = new Map();
    let dropped = 0;
    for (const head of old.values()) {
      let slot = head;
      while (slot >= 0) {
        const next = this._next[slot] as number;
        const primary = keep(slot);
        if (primary === undefined) {
          this._seen[slot] = FREE;
          this._free.push(slot);
          this._size--;
          dropped++;
        } else {
          this._next[slot] = this._chains.get(primary) ?? -1;
          this._chains.set(primary, slot);
        }
        slot = next;
      }
    }
    return dropped;
  }

  private _grow(capacity: number): void {
    this._start = grown(this._start, capacity);
    this._scrape = grown(this._scrape, capacity);
    this._seen = grown(this._seen, capacity);
    this._next = grown(this._next, capacity);
    this._parts = [
      grown(this._parts[0], capacity),
      grown(this._parts[1], capacity),
      grown(this._parts[2], capacity),
    ];
    for (const [id, column] of this._values) this._values.set(id, grown(column, capacity));
    this._capacity = capacity;
  }
}

function grown<T extends Float64Array | Uint32Array | Int32Array>(column: T, capacity: number): T {
  const next = new (column.constructor as new (n: number) => T)(capacity);
  next.set(column);
  return next;
}
