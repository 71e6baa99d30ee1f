import type { MetricDescriptor } from '@heapster/model';

/** A metric name's row in the `metrics` table. */
export interface MetricRow {
  readonly id: number;
  readonly name: string;
  readonly type: string;
  readonly valueType: string;
  readonly units: string;
}

/** SMALLINT ids: more distinct metric names than this is a permanent error. */
export const MAX_STORED_METRICS = 0x7fff;

/**
 * Metric name → the store's SMALLINT metric id. Catalogue ids are per process (dynamic metrics
 * get the next free id), so the store keeps its own ids, by name. New names found while writing
 * a batch stay pending until its transaction commits.
 */
export class MetricDictionary {
  private readonly _ids = new Map<string, number>();
  private _nextId = 1;

  load(id: number, name: string): void {
    this._ids.set(name, id);
    this._nextId = Math.max(this._nextId, id + 1);
  }

  begin(): MetricPlan {
    return new MetricPlan(this._ids, this._nextId);
  }

  commit(plan: MetricPlan): void {
    for (const row of plan.newMetrics) this._ids.set(row.name, row.id);
    this._nextId = Math.max(this._nextId, plan.nextId);
  }
}

export class MetricPlan {
  readonly newMetrics: MetricRow[] = [];
  private readonly _known: ReadonlyMap<string, number>;
  private readonly _pending = new Map<string, number>();
  private _nextId: number;

  constructor(known: ReadonlyMap<string, number>, nextId: number) {
    this._known = known;
    this._nextId = nextId;
  }

  get nextId(): number {
    return this._nextId;
  }

  /** The stored id of a metric, allocating one for a name the store has never seen. */
  resolve(descriptor: MetricDescriptor): number {
    const id = this._known.get(descriptor.name) ?? this._pending.get(descriptor.name);
    if (id !== undefined) return id;
    const next = this._nextId++;
    if (next > MAX_STORED_METRICS) {
      throw new RangeError(`the store holds ${MAX_STORED_METRICS} metric names already`);
    }
    this._pending.set(descriptor.name, next);
    this.newMetrics.push({
      id: next,
      name: descriptor.name,
      type: descriptor.type,
      valueType: descriptor.valueType,
      units: descriptor.units,
    });
    return next;
  }
}
