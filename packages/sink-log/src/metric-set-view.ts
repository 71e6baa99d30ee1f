import type { DataBatch, EntityType, LabelPair } from '@heapster/model';

/** One metric set of a batch, addressed by its table and row, with Heapster's key. */
export interface MetricSetRef {
  readonly key: string;
  readonly type: EntityType;
  readonly row: number;
}

/** A metric's value ready to print: int64 metrics as whole numbers, doubles as they are. */
export interface NamedValue {
  readonly name: string;
  readonly text: string;
}

export interface LabeledValue extends NamedValue {
  readonly labels: readonly LabelPair[];
}

/** Every metric set of the batch, sorted by key (Heapster's log sink order). */
export function sortedMetricSets(batch: DataBatch): MetricSetRef[] {
  const sets: MetricSetRef[] = [];
  for (const table of batch.tables()) {
    for (let row = 0; row < table.size; row++)
      sets.push({ key: table.key(row), type: table.type, row });
  }
  return sets.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The labels of a metric set, sorted by key. */
export function labelsOf(batch: DataBatch, set: MetricSetRef): [string, string][] {
  const labels: [string, string][] = [];
  batch.forEachLabel(set.type, set.row, (key, value) => labels.push([key, value]));
  return labels.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** The metric values of a metric set, sorted by name; absent values (NaN) are left out. */
export function metricsOf(batch: DataBatch, set: MetricSetRef): NamedValue[] {
  const table = batch.table(set.type);
  const values: NamedValue[] = [];
  for (const id of table.metricIds()) {
    const value = table.value(set.row, id);
    if (Number.isNaN(value)) continue;
    const metric = batch.metrics.byId(id);
    values.push({
      name: metric?.name ?? `metric_${id}`,
      text: formatValue(value, metric?.valueType === 'int64'),
    });
  }
  return values.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Labeled values grouped by metric set. Built once per write rather than through the batch's
 * own lazy index, so the sink never touches the (read-only) batch.
 */
export class LabeledIndex {
  private readonly _batch: DataBatch;
  private readonly _byEntity = new Map<number, number[]>();

  constructor(batch: DataBatch) {
    this._batch = batch;
    const labeled = batch.labeled;
    for (let i = 0; i < labeled.size; i++) {
      const ref = entityRef(labeled.entityType(i), labeled.row(i));
      const list = this._byEntity.get(ref);
      if (list === undefined) this._byEntity.set(ref, [i]);
      else list.push(i);
    }
  }

  /** The labeled values of a metric set, sorted by name then labels. */
  of(set: MetricSetRef): LabeledValue[] {
    const indices = this._byEntity.get(entityRef(set.type, set.row)) ?? [];
    const labeled = this._batch.labeled;
    const values = indices.map(i => {
      const metric = this._batch.metrics.byId(labeled.metricId(i));
      return {
        name: metric?.name ?? `metric_${labeled.metricId(i)}`,
        text: formatValue(labeled.value(i), metric?.valueType === 'int64'),
        labels: this._batch.labelSets.get(labeled.labelSetId(i)),
      };
    });
    return values.sort((a, b) => compare(sortKey(a), sortKey(b)));
  }
}

/** int64 metrics print as integers even though batches hold doubles (provisional rates). */
export function formatValue(value: number, int64: boolean): string {
  return String(int64 && Number.isFinite(value) ? Math.round(value) : value);
}

function sortKey(value: LabeledValue): string {
  return `${value.name}\u0000${value.labels.map(l => `${l.key}=${l.value}`).join(',')}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function entityRef(type: EntityType, row: number): number {
  return type * 0x1_0000_0000 + row;
}
