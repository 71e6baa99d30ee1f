import type { EntityType } from './entity-type.js';

const INITIAL_CAPACITY = 64;

/** One labeled value, as handed to `forEach` callbacks (fields, not a stored object). */
export type LabeledValueVisitor = (
  entityType: EntityType,
  row: number,
  metricId: number,
  labelSetId: number,
  value: number,
) => void;

/**
 * The values of labeled metrics (filesystem/* per resource_id, accelerator/* per device,
 * custom metrics with their own labels): a growable struct of arrays, 19 bytes a value.
 *
 * Why not columns like EntityTable: a labeled metric's series per entity vary (one pod has
 * three volumes, the next none), so a column per (metric, label set) would be mostly empty and
 * unbounded in number. Rows here refer to their metric set by (entity type, row).
 */
export class LabeledValues {
  private _size = 0;
  private _capacity: number;
  private _type: Uint8Array;
  private _row: Uint32Array;
  private _metric: Uint16Array;
  private _labelSet: Uint32Array;
  private _value: Float64Array;
  private _byEntity: Map<number, number[]> | undefined;

  /**
   * `capacity`: the values expected, allocated once (growth doubles and copies). `recycle`: values
   * nobody reads any more (see DataBatchOptions.reuse), whose arrays are taken when they fit
   * (every cell is written again by `add`), leaving it empty.
   */
  constructor(capacity = INITIAL_CAPACITY, recycle?: LabeledValues) {
    const initial = Math.max(1, Math.ceil(capacity));
    if (recycle !== undefined) {
      const old = recycle._capacity;
      const fits = old >= initial && old <= 2 * initial;
      this._capacity = fits ? old : initial;
      this._type = fits ? recycle._type : new Uint8Array(initial);
      this._row = fits ? recycle._row : new Uint32Array(initial);
      this._metric = fits ? recycle._metric : new Uint16Array(initial);
      this._labelSet = fits ? recycle._labelSet : new Uint32Array(initial);
      this._value = fits ? recycle._value : new Float64Array(initial);
      recycle._release();
      return;
    }
    this._capacity = initial;
    this._type = new Uint8Array(initial);
    this._row = new Uint32Array(initial);
    this._metric = new Uint16Array(initial);
    this._labelSet = new Uint32Array(initial);
    this._value = new Float64Array(initial);
  }

  get size(): number {
    return this._size;
  }

  reserve(rows: number): void {
    this._ensureCapacity(this._size + rows);
  }

  add(
    entityType: EntityType,
    row: number,
    metricId: number,
    labelSetId: number,
    value: number,
  ): number {
    if (metricId > 0xffff)
      throw new RangeError(`metric id ${metricId} does not fit a labeled value`);
    this._ensureCapacity(this._size + 1);
    const index = this._size++;
    this._type[index] = entityType;
    this._row[index] = row;
    this._metric[index] = metricId;
    this._labelSet[index] = labelSetId;
    this._value[index] = value;
    if (this._byEntity !== undefined) appendTo(this._byEntity, entityRef(entityType, row), index);
    return index;
  }

  entityType(index: number): EntityType {
    return this._type[index] as EntityType;
  }
  row(index: number): number {
    return this._row[index] as number;
  }
  metricId(index: number): number {
    return this._metric[index] as number;
  }
  labelSetId(index: number): number {
    return this._labelSet[index] as number;
  }
  value(index: number): number {
    return this._value[index] as number;
  }

  forEach(visit: LabeledValueVisitor): void {
    for (let i = 0; i < this._size; i++) {
      visit(
        this._type[i] as EntityType,
        this._row[i] as number,
        this._metric[i] as number,
        this._labelSet[i] as number,
        this._value[i] as number,
      );
    }
  }

  /** Indices of the labeled values of one metric set (an index is built on first use). */
  indicesOf(entityType: EntityType, row: number): readonly number[] {
    if (this._byEntity === undefined) {
      const index = new Map<number, number[]>();
      for (let i = 0; i < this._size; i++) {
        appendTo(index, entityRef(this._type[i] as EntityType, this._row[i] as number), i);
      }
      this._byEntity = index;
    }
    return this._byEntity.get(entityRef(entityType, row)) ?? [];
  }

  byteSize(): number {
    return this._capacity * (1 + 4 + 2 + 4 + 8);
  }

  // Left empty: a reader that kept these values finds none, never the next batch's.
  private _release(): void {
    this._size = 0;
    this._capacity = 1;
    this._type = new Uint8Array(1);
    this._row = new Uint32Array(1);
    this._metric = new Uint16Array(1);
    this._labelSet = new Uint32Array(1);
    this._value = new Float64Array(1);
    this._byEntity = undefined;
  }

  private _ensureCapacity(needed: number): void {
    if (needed <= this._capacity) return;
    let capacity = this._capacity;
    while (capacity < needed) capacity *= 2;
    this._type = copyInto(new Uint8Array(capacity), this._type);
    this._row = copyInto(new Uint32Array(capacity), this._row);
    this._metric = copyInto(new Uint16Array(capacity), this._metric);
    this._labelSet = copyInto(new Uint32Array(capacity), this._labelSet);
    this._value = copyInto(new Float64Array(capacity), this._value);
    this._capacity = capacity;
  }
}

// Entity type in the top bits of a safe integer: rows stay below 2^32.
function entityRef(entityType: EntityType, row: number): number {
  return entityType * 0x1_0000_0000 + row;
}

function appendTo(index: Map<number, number[]>, ref: number, value: number): void {
  const list = index.get(ref);
  if (list === undefined) index.set(ref, [value]);
  else list.push(value);
}

function copyInto<T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(
  target: T,
  source: T,
): T {
  target.set(source);
  return target;
}
