import { entityKey, EntityType } from '@heapster/model';
import { IdentityStrings } from './identity-strings.js';

const NS = 1;
const POD = 2;
const CONTAINER = 4;
const NODE = 8;
/** The identity parts that make up Heapster's key of each type (a pod's node is not part of it). */
const KEY_PARTS: Readonly<Record<EntityType, number>> = {
  [EntityType.PodContainer]: NS | POD | CONTAINER,
  [EntityType.Pod]: NS | POD,
  [EntityType.Namespace]: NS,
  [EntityType.Node]: NODE,
  [EntityType.Cluster]: 0,
  [EntityType.SysContainer]: NODE | CONTAINER,
};
const INITIAL_SLOTS = 256;
const UNUSED = 255;

/**
 * Series identity → ring slot: an open-addressing hash table (linear probing, backward-shift
 * deletion) over integer identity ids, with each slot's type and ids in typed arrays.
 *
 * Why not `Map<string, slot>` of Heapster keys: at 300,000 series that costs ~110 bytes per
 * series, and every batch would build 300,000 key strings to look them up (~1 µs each, most of
 * `add()`). Here a series costs 17 bytes plus 8 of table, and a lookup hashes four integers.
 */
export class SeriesIndex {
  readonly strings = new IdentityStrings();
  private _types = new Uint8Array(INITIAL_SLOTS).fill(UNUSED);
  private _ids = new Uint32Array(INITIAL_SLOTS * 4);
  private _table = new Int32Array(1024); // slot + 1; 0 = empty
  private _count = 0;

  get size(): number {
    return this._count;
  }

  /** The slot of a series by the store's string ids (-1 = a name the store does not hold), or -1. */
  find(type: EntityType, ns: number, pod: number, container: number, node: number): number {
    const mask = KEY_PARTS[type];
    ns = mask & NS ? ns : 0;
    pod = mask & POD ? pod : 0;
    container = mask & CONTAINER ? container : 0;
    node = mask & NODE ? node : 0;
    if (ns < 0 || pod < 0 || container < 0 || node < 0) return -1;
    const last = this._table.length - 1;
    for (let at = hash(type, ns, pod, container, node) & last; ; at = (at + 1) & last) {
      const slot = (this._table[at] as number) - 1;
      if (slot < 0) return -1;
      const base = slot * 4;
      const ids = this._ids;
      if (
        this._types[slot] === type &&
        ids[base] === ns &&
        ids[base + 1] === pod &&
        ids[base + 2] === container &&
        ids[base + 3] === node
      ) {
        return slot;
      }
    }
  }

  /** The slot of a series by its names, or -1. */
  findNamed(type: EntityType, ns: string, pod: string, container: string, node: string): number {
    const s = this.strings;
    return this.find(type, s.idOf(ns), s.idOf(pod), s.idOf(container), s.idOf(node));
  }

  /** Files a new series under `slot` (which must be free here). */
  insert(
    type: EntityType,
    slot: number,
    ns: string,
    pod: string,
    container: string,
    node: string,
  ): void {
    const mask = KEY_PARTS[type];
    this._ensureSlot(slot);
    const base = slot * 4;
    this._types[slot] = type;
    this._ids[base] = mask & NS ? this.strings.acquire(ns) : 0;
    this._ids[base + 1] = mask & POD ? this.strings.acquire(pod) : 0;
    this._ids[base + 2] = mask & CONTAINER ? this.strings.acquire(container) : 0;
    this._ids[base + 3] = mask & NODE ? this.strings.acquire(node) : 0;
    if ((this._count + 1) * 2 > this._table.length) this._rehash(this._table.length * 2);
    const last = this._table.length - 1;
    let at = this._home(slot);
    while (this._table[at] !== 0) at = (at + 1) & last;
    this._table[at] = slot + 1;
    this._count++;
  }

  /** Forgets the series of a slot (and, with their last series, its names). */
  remove(slot: number): void {
    if (this._types[slot] === undefined || this._types[slot] === UNUSED) return;
    const table = this._table;
    const last = table.length - 1;
    let hole = this._home(slot);
    while (table[hole] !== slot + 1) hole = (hole + 1) & last;
    // Backward-shift deletion: move later entries of the probe run into the hole when their
    // home position does not lie cyclically in (hole, at].
    for (let at = (hole + 1) & last; table[at] !== 0; at = (at + 1) & last) {
      const home = this._home((table[at] as number) - 1);
      const between = hole <= at ? home > hole && home <= at : home > hole || home <= at;
      if (between) continue;
      table[hole] = table[at] as number;
      hole = at;
    }
    table[hole] = 0;
    this._count--;
    for (let part = 0; part < 4; part++) this.strings.release(this._ids[slot * 4 + part] as number);
    this._types[slot] = UNUSED;
  }

  typeOf(slot: number): EntityType | undefined {
    const type = this._types[slot];
    return type === undefined || type === UNUSED ? undefined : (type as EntityType);
  }

  /** Heapster's metric-set key of a slot's series, e.g. `namespace:ns/pod:p/container:c`. */
  key(slot: number): string | undefined {
    const type = this.typeOf(slot);
    if (type === undefined) return undefined;
    const ids = this._ids;
    const strings = this.strings;
    const base = slot * 4;
    return entityKey(type, {
      namespace: strings.get(ids[base] as number),
      pod: strings.get(ids[base + 1] as number),
      container: strings.get(ids[base + 2] as number),
      node: strings.get(ids[base + 3] as number),
    });
  }

  byteSize(): number {
    return (
      this._types.byteLength +
      this._ids.byteLength +
      this._table.byteLength +
      this.strings.byteSize()
    );
  }

  private _home(slot: number): number {
    const base = slot * 4;
    const ids = this._ids;
    return (
      hash(
        this._types[slot] as EntityType,
        ids[base] as number,
        ids[base + 1] as number,
        ids[base + 2] as number,
        ids[base + 3] as number,
      ) &
      (this._table.length - 1)
    );
  }

  private _rehash(size: number): void {
    const old = this._table;
    this._table = new Int32Array(size);
    const last = size - 1;
    for (const entry of old) {
      if (entry === 0) continue;
      let at = this._home(entry - 1);
      while (this._table[at] !== 0) at = (at + 1) & last;
      this._table[at] = entry;
    }
  }

  /** Sizes the per-slot arrays for `capacity` slots (the ring's), so both grow together. */
  reserveSlots(capacity: number): void {
    if (capacity <= this._types.length) return;
    const types = new Uint8Array(capacity).fill(UNUSED);
    types.set(this._types);
    this._types = types;
    const ids = new Uint32Array(capacity * 4);
    ids.set(this._ids);
    this._ids = ids;
  }

  private _ensureSlot(slot: number): void {
    if (slot >= this._types.length)
      this.reserveSlots(Math.max(slot + 1, Math.ceil(this._types.length * 1.5)));
  }
}

/** Mixes the type and four ids into 32 bits (multiply-xorshift, as in murmur3's finaliser). */
function hash(type: number, a: number, b: number, c: number, d: number): number {
  let h = Math.imul(type + 1, 0x9e3779b1);
  h = Math.imul(h ^ a, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ d, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
