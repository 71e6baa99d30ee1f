import { LabelCatalogue } from './catalogue/label-catalogue.js';
import { MetricCatalogue } from './catalogue/metric-catalogue.js';
import { LabelId } from './catalogue/labels.js';
import { ENTITY_TYPES, entityTypeName, type EntityType } from './entity-type.js';
import { EntityTable, type IdentityPart } from './entity-table.js';
import { LabelSetTable } from './label-set.js';
import { LabeledValues } from './labeled-values.js';
import { StringTable } from './string-table.js';

export interface DataBatchOptions {
  /** The batch time: the end of the scrape window, epoch ms, aligned to the resolution. */
  readonly timestamp: number;
  /** Share a string table with the previous batch so that ids compare across batches. */
  readonly strings?: StringTable;
  /**
   * Share a label-set table with the previous batch (it must be built on the same `strings`):
   * a pod's volume set is then interned once, not once per batch held by the store.
   */
  readonly labelSets?: LabelSetTable;
  /**
   * The process's metric catalogue: dynamic metrics (`<resource>/request`, `custom/<name>`) get
   * their ids there, so every batch of one process must share it. A fresh one by default.
   */
  readonly metrics?: MetricCatalogue;
  /** The process's label catalogue (stored labels get their ids there). A fresh one by default. */
  readonly labels?: LabelCatalogue;
  /** Expected rows per entity type, to allocate columns once. */
  readonly capacity?: Partial<Record<EntityType, number>>;
  /** Expected labeled values (filesystem/*, accelerator/*, labeled custom metrics). */
  readonly labeledCapacity?: number;
  /** Expected runs of labeled values (see LabeledValues); a quarter of the values by default. */
  readonly labeledRunCapacity?: number;
  /**
   * An older batch nobody reads any more — out of the store, not pinned: its typed columns are
   * cleared and taken for this one where they fit, and it is left empty. At 100,000 pods that is
   * ≈ 145 MB a scrape not allocated, page-faulted and collected again.
   */
  readonly reuse?: DataBatch;
}

/**
 * One resolution's worth of metrics for the whole cluster, as it flows from the scrapers through
 * the processors to the recent store and the sinks. Columnar (see docs/architecture.md): one
 * EntityTable per entity type, the labeled values apart, all strings interned.
 *
 * Ownership: processors mutate a batch in place before it is published; once handed to the
 * store and the sinks it is read-only (sinks must not write to it).
 */
export class DataBatch {
  readonly timestamp: number;
  readonly metrics: MetricCatalogue;
  readonly labels: LabelCatalogue;
  readonly strings: StringTable;
  readonly labelSets: LabelSetTable;
  readonly labeled: LabeledValues;
  private readonly _tables: readonly EntityTable[];
  private _pins = 0;

  constructor(options: DataBatchOptions) {
    this.timestamp = options.timestamp;
    this.metrics = options.metrics ?? new MetricCatalogue();
    this.labels = options.labels ?? new LabelCatalogue();
    this.strings = options.strings ?? new StringTable();
    if (options.labelSets !== undefined && options.labelSets.strings !== this.strings) {
      throw new RangeError('a shared label-set table must be built on the batch string table');
    }
    this.labelSets = options.labelSets ?? new LabelSetTable(this.strings);
    const reuse = options.reuse;
    if (reuse?.pinned === true) throw new RangeError('a pinned batch cannot be reused');
    this.labeled = new LabeledValues(
      options.labeledCapacity,
      reuse?.labeled,
      options.labeledRunCapacity,
    );
    this._tables = ENTITY_TYPES.map(
      type => new EntityTable(type, this.strings, options.capacity?.[type], reuse?.table(type)),
    );
  }

  /**
   * Marks the batch as read by someone outside the pipeline (a sink writing it, a response
   * streamed from it) until the returned function is called: a pinned batch is never reused.
   */
  pin(): () => void {
    this._pins++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this._pins--;
    };
  }

  get pinned(): boolean {
    return this._pins > 0;
  }

  table(type: EntityType): EntityTable {
    return this._tables[type] as EntityTable;
  }

  /** Every table, in entity-type order. */
  tables(): readonly EntityTable[] {
    return this._tables;
  }

  /**
   * A label of a metric set by catalogue id. The identity labels (namespace_name, pod_name,
   * container_name, nodename) live in the identity columns and `type` comes from the table.
   */
  label(type: EntityType, row: number, labelId: number): string {
    if (labelId === LabelId.Type) return entityTypeName(type);
    const part = IDENTITY_LABELS.get(labelId);
    const table = this.table(type);
    return part === undefined ? table.label(row, labelId) : table.identity(row, part);
  }

  /** Sets a label by catalogue id, routing identity labels to the identity columns. */
  setLabel(type: EntityType, row: number, labelId: number, value: string): void {
    if (labelId === LabelId.Type)
      throw new RangeError('the type label is the table, it cannot be set');
    const part = IDENTITY_LABELS.get(labelId);
    const table = this.table(type);
    if (part === undefined) table.setLabel(row, labelId, value);
    else table.setIdentity(row, part, value);
  }

  /**
   * Visits every non-empty label of a metric set with Heapster's keys: `type`, the identity
   * labels, then the other label columns in id order. Sinks and the APIs use this, so all of
   * them agree on what a series' labels are.
   */
  forEachLabel(type: EntityType, row: number, visit: (key: string, value: string) => void): void {
    visit('type', entityTypeName(type));
    const table = this.table(type);
    for (const [labelId, part] of IDENTITY_LABELS) {
      const value = table.identity(row, part);
      if (value !== '') visit(this.labels.byId(labelId)?.key ?? part, value);
    }
    for (const labelId of table.labelIds()) {
      const value = table.label(row, labelId);
      if (value !== '') visit(this.labels.byId(labelId)?.key ?? `label_${labelId}`, value);
    }
  }

  /** Number of metric sets across all entity types. */
  entityCount(): number {
    let count = 0;
    for (const table of this._tables) count += table.size;
    return count;
  }

  /** Number of values (column cells that are set, plus labeled values). */
  valueCount(): number {
    let count = this.labeled.size;
    for (const table of this._tables) {
      for (const id of table.metricIds()) {
        const column = table.column(id) as Float64Array;
        for (let row = 0; row < table.size; row++)
          if (!Number.isNaN(column[row] as number)) count++;
      }
    }
    return count;
  }

  /**
   * Capacities for the next batch of the same cluster: this batch's sizes plus a small margin.
   * Columns grow by doubling, so a batch built from nothing ends up to twice as large as its
   * rows, and every batch the store holds carries that slack; sizing from the previous batch
   * allocates each column once and about to fit.
   */
  capacityForNext(): Required<
    Pick<DataBatchOptions, 'capacity' | 'labeledCapacity' | 'labeledRunCapacity'>
  > {
    const withMargin = (size: number): number => size + Math.ceil(size / 64) + 16;
    const capacity: Partial<Record<EntityType, number>> = {};
    for (const table of this._tables) capacity[table.type] = withMargin(table.size);
    return {
      capacity,
      labeledCapacity: withMargin(this.labeled.size),
      labeledRunCapacity: withMargin(this.labeled.runCount),
    };
  }

  /** Bytes held by typed arrays (strings and maps not included). */
  byteSize(): number {
    let bytes = this.labeled.byteSize();
    for (const table of this._tables) bytes += table.byteSize();
    return bytes;
  }
}

/** Labels whose values are the identity columns of a row. */
const IDENTITY_LABELS: ReadonlyMap<number, IdentityPart> = new Map<number, IdentityPart>([
  [LabelId.NamespaceName, 'namespace'],
  [LabelId.PodName, 'pod'],
  [LabelId.ContainerName, 'container'],
  [LabelId.Nodename, 'node'],
]);
