import {
  LabelId,
  storeLabelKeyProblem,
  type DataBatch,
  type EntityTable,
  type EntityType,
  type LabelRegistry,
} from '@heapster/model';
import { ConfigError, type FieldProblem } from '@heapster/runtime';

export interface LabelCopierOptions {
  /** `--label_separator`: joins the `key:value` pairs of the `labels` label. Default ",". */
  readonly labelSeparator?: string;
  /** `--ignore_label`: Kubernetes label keys left out of the `labels` label. */
  readonly ignoreLabels?: readonly string[];
  /** `--store_label`: `name` or `newName=name`; copies a label to a label of its own. */
  readonly storeLabels?: readonly string[];
}

interface StoredLabel {
  /** The Kubernetes label key to read. */
  readonly source: string;
  /** The label key it is stored under (registered in the batch's label catalogue). */
  readonly target: string;
}

/** What one labels object copies to a row; from `prepare`, for `apply`. */
export interface CopiedLabels {
  readonly joined: string;
  /** Values of the stored labels, in `_stored` order; undefined when the object lacks one. */
  readonly stored: readonly (string | undefined)[];
  /**
   * A slot for callers: the id `joined` was last interned under, or -1. Whoever reads it must
   * confirm it with the table's `holds` (tables are per process, but not promised to be).
   */
  joinedId: number;
}

/** `stored` when no `--store_label` is given: one array, not one per labels object. */
const NOTHING_STORED: readonly (string | undefined)[] = Object.freeze([]);

/**
 * Heapster's label copier (`metrics/util/label_copier.go`): writes a pod's (or node's)
 * Kubernetes labels as the `labels` label — `key:value` pairs sorted and joined by the
 * separator, minus ignored keys — and copies each `--store_label` to its own label.
 *
 * Results are cached per labels object (a WeakMap): the informer caches hand out the same
 * frozen object until the pod changes, so 100,000 pods are sorted and joined once, not once a
 * batch.
 */
export class LabelCopier {
  private readonly _separator: string;
  private readonly _ignored: ReadonlySet<string>;
  private readonly _stored: readonly StoredLabel[];
  private readonly _cache = new WeakMap<object, CopiedLabels>();
  private readonly _ids = new WeakMap<LabelRegistry, readonly number[]>();

  /** Throws a ConfigError naming every bad `--store_label` value. */
  constructor(options: LabelCopierOptions = {}) {
    this._separator = options.labelSeparator ?? ',';
    this._ignored = new Set(options.ignoreLabels ?? []);
    const problems: FieldProblem[] = [];
    const stored: StoredLabel[] = [];
    for (const entry of options.storeLabels ?? []) {
      const equals = entry.indexOf('=');
      const target = equals < 0 ? entry : entry.slice(0, equals);
      const source = equals < 0 ? entry : entry.slice(equals + 1);
      const problem =
        source === ''
          ? 'the label to copy is empty'
          : (storeLabelKeyProblem(target) ??
            (stored.some(other => other.target === target)
              ? `"${target}" is stored twice`
              : undefined));
      if (problem !== undefined) {
        problems.push({ field: '--store_label', message: `${JSON.stringify(entry)}: ${problem}` });
      } else stored.push({ source, target });
    }
    if (problems.length > 0) throw new ConfigError(problems);
    this._stored = stored;
  }

  /** The label keys `--store_label` adds, in order. */
  get storedLabelKeys(): readonly string[] {
    return this._stored.map(label => label.target);
  }

  /** Writes `labels` and the stored labels of one row from a Kubernetes labels object. */
  copy(
    batch: DataBatch,
    type: EntityType,
    row: number,
    labels: Readonly<Record<string, string>>,
  ): void {
    this.apply(batch, type, row, this.prepare(labels));
  }

  /** The labels a labels object copies, to `apply` to several rows (a pod and its containers). */
  prepare(labels: Readonly<Record<string, string>>): CopiedLabels {
    return this._copied(labels);
  }

  apply(batch: DataBatch, type: EntityType, row: number, copied: CopiedLabels): void {
    const table = batch.table(type);
    if (copied.joined !== '') table.setLabel(row, LabelId.Labels, copied.joined);
    this._applyStored(batch, table, row, copied);
  }

  private _applyStored(
    batch: DataBatch,
    table: EntityTable,
    row: number,
    copied: CopiedLabels,
  ): void {
    if (this._stored.length === 0) return;
    const ids = this._labelIds(batch.labels);
    for (let i = 0; i < ids.length; i++) {
      const value = copied.stored[i];
      if (value !== undefined && value !== '') table.setLabel(row, ids[i] as number, value);
    }
  }

  /**
   * `apply` with the `labels` value already interned in the batch's strings (`joinedId`, 0 for
   * none): the pod enricher interns it once for a pod and all its containers' rows.
   */
  applyInterned(
    batch: DataBatch,
    type: EntityType,
    row: number,
    copied: CopiedLabels,
    joinedId: number,
  ): void {
    const table = batch.table(type);
    if (joinedId !== 0) table.setLabelStringId(row, LabelId.Labels, joinedId);
    this._applyStored(batch, table, row, copied);
  }

  /** The `labels` value for a labels object (sorted `key:value` pairs, ignored keys left out). */
  joined(labels: Readonly<Record<string, string>>): string {
    return this._copied(labels).joined;
  }

  private _copied(labels: Readonly<Record<string, string>>): CopiedLabels {
    const known = this._cache.get(labels);
    if (known !== undefined) return known;
    const pairs: string[] = [];
    for (const key in labels) {
      if (!this._ignored.has(key)) pairs.push(`${key}:${labels[key] as string}`);
    }
    pairs.sort();
    const copied: CopiedLabels = {
      joined: pairs.join(this._separator),
      stored:
        this._stored.length === 0
          ? NOTHING_STORED
          : this._stored.map(label =>
              Object.prototype.hasOwnProperty.call(labels, label.source)
                ? labels[label.source]
                : undefined,
            ),
      joinedId: -1,
    };
    this._cache.set(labels, copied);
    return copied;
  }

  private _labelIds(registry: LabelRegistry): readonly number[] {
    let ids = this._ids.get(registry);
    if (ids === undefined) {
      ids = this._stored.map(label => registry.ensure(label.target).id);
      this._ids.set(registry, ids);
    }
    return ids;
  }
}
