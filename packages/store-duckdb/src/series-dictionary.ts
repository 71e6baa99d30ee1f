/** A series' descriptive columns, written to the `series` table when it is first seen. */
export interface SeriesRow {
  readonly id: number;
  readonly type: string;
  readonly namespace: string;
  readonly pod: string;
  readonly podId: string;
  readonly container: string;
  readonly node: string;
  /** Every label of the metric set as canonical JSON (keys sorted). */
  readonly labels: string;
  /** The labeled metric's own labels as canonical JSON, `{}` for plain metrics. */
  readonly metricLabels: string;
  /** When it was first seen (its batch's time, epoch ms). */
  readonly seen: number;
}

/** What the writer remembers per series: its id, when last_seen was last written, its metrics. */
export interface SeriesEntry {
  readonly id: number;
  lastTouch: number;
  /** Bitset of the metric ids already recorded in series_metrics (30 bits a word: small ints). */
  readonly metrics: number[];
}

/** The series of one metric set: its plain series and those of its labeled metrics. */
export interface EntityNode {
  plain: SeriesEntry | undefined;
  labeled: Map<string, SeriesEntry> | undefined;
  /** Set when the node left the dictionary (eviction, rollback): a hint to it is stale. */
  detached: boolean;
}

/** Where a caller remembers a metric set's node between batches (saves the Map lookup). */
export interface NodeHint {
  node: EntityNode | undefined;
}

/** last_seen is rewritten at most this often per series (listings are exact to this). */
export const TOUCH_INTERVAL_MS = 60_000;
/** Series not seen for this long leave the in-memory dictionary (a return gets a new id). */
export const EVICT_AFTER_MS = 2 * 3_600_000;
export const PLAIN = '{}';
const BITS = 30;

export function hasMetric(entry: SeriesEntry, metricId: number): boolean {
  return (((entry.metrics[Math.floor(metricId / BITS)] ?? 0) >> (metricId % BITS)) & 1) === 1;
}

/** Marks `metricId` as recorded for `entry`. */
export function setMetric(entry: SeriesEntry, metricId: number): void {
  const word = Math.floor(metricId / BITS);
  while (entry.metrics.length <= word) entry.metrics.push(0);
  entry.metrics[word] = (entry.metrics[word] ?? 0) | (1 << (metricId % BITS));
}

function clearMetric(entry: SeriesEntry, metricId: number): void {
  const word = Math.floor(metricId / BITS);
  entry.metrics[word] = (entry.metrics[word] ?? 0) & ~(1 << (metricId % BITS));
}

/**
 * The writer's dictionary from series labels to series id: series are the dictionary encoding
 * of the long sample table (a sample row carries a 4-byte id instead of its labels). Keyed by
 * the metric set's canonical label JSON, then by the labeled metric's label set. It holds
 * recently seen series only; a batch write changes it in place through a `SeriesPlan`, whose
 * `rollback` undoes every change if the batch's transaction fails, so no id ever points at a
 * series row that was not committed.
 */
export class SeriesDictionary {
  private readonly _nodes = new Map<string, EntityNode>();
  private _size = 0;
  private _nextId = 1;

  /** Series held in memory. */
  get size(): number {
    return this._size;
  }

  setMaxId(maxId: number): void {
    this._nextId = Math.max(this._nextId, maxId + 1);
  }

  /** Loads a recently seen series at start-up. */
  load(labels: string, metricLabels: string, entry: SeriesEntry): void {
    this.attach(this.node(labels, true) as EntityNode, metricLabels, entry);
    this.setMaxId(entry.id);
  }

  begin(): SeriesPlan {
    return new SeriesPlan(this);
  }

  /** Forgets series not seen since `now - EVICT_AFTER_MS`; returns how many. */
  evict(now: number): number {
    const before = this._size;
    const stale = (entry: SeriesEntry | undefined): boolean =>
      entry !== undefined && entry.lastTouch < now - EVICT_AFTER_MS;
    for (const [labels, node] of this._nodes) {
      if (stale(node.plain)) {
        node.plain = undefined;
        this._size--;
      }
      for (const [metricLabels, entry] of node.labeled ?? []) {
        if (stale(entry)) {
          node.labeled?.delete(metricLabels);
          this._size--;
        }
      }
      if (node.plain === undefined && (node.labeled?.size ?? 0) === 0) this.detachNode(labels);
    }
    return before - this._size;
  }

  /** @internal The node of a metric set (created when `create`). */
  node(labels: string, create: boolean): EntityNode | undefined {
    let node = this._nodes.get(labels);
    if (node === undefined && create) {
      node = { plain: undefined, labeled: undefined, detached: false };
      this._nodes.set(labels, node);
    }
    return node;
  }

  /** @internal */
  attach(node: EntityNode, metricLabels: string, entry: SeriesEntry | undefined): void {
    const before = metricLabels === PLAIN ? node.plain : node.labeled?.get(metricLabels);
    if (metricLabels === PLAIN) node.plain = entry;
    else if (entry === undefined) node.labeled?.delete(metricLabels);
    else (node.labeled ??= new Map()).set(metricLabels, entry);
    this._size += (entry === undefined ? 0 : 1) - (before === undefined ? 0 : 1);
  }

  /** @internal */
  detachNode(labels: string): void {
    const node = this._nodes.get(labels);
    if (node !== undefined) node.detached = true;
    this._nodes.delete(labels);
  }

  /** @internal */
  allocate(): number {
    const id = this._nextId++;
    if (id > 0x7fff_ffff) throw new RangeError('series ids are exhausted (2^31 series)');
    return id;
  }

  /** @internal */
  resetNextId(nextId: number): void {
    this._nextId = nextId;
  }

  /** @internal */
  get nextId(): number {
    return this._nextId;
  }
}

/**
 * The series changes of one batch write: new series, new (series, metric) pairs, touches.
 * They are applied to the dictionary as the batch is walked (repeats in one batch then cost
 * nothing) and undone by `rollback` if the transaction fails.
 */
export class SeriesPlan {
  readonly newSeries: SeriesRow[] = [];
  /** Flattened (series id, metric id) pairs new to series_metrics. */
  readonly newPairs: number[] = [];
  /** Ids whose last_seen must move to this batch's time. */
  readonly touched: number[] = [];
  private readonly _dictionary: SeriesDictionary;
  private _timestamp = Number.NEGATIVE_INFINITY;
  private _latest = Number.NEGATIVE_INFINITY;
  private readonly _firstId: number;
  /** Labels of the nodes this plan created, and the (node, metric labels) of its new entries. */
  private readonly _newNodes: string[] = [];
  private readonly _newEntryNodes: EntityNode[] = [];
  private readonly _newEntryLabels: string[] = [];
  private readonly _pairEntries: SeriesEntry[] = [];
  private readonly _touchedEntries: SeriesEntry[] = [];
  private readonly _touchedBefore: number[] = [];

  constructor(dictionary: SeriesDictionary) {
    this._dictionary = dictionary;
    this._firstId = dictionary.nextId;
  }

  /** The time of the batch being walked (a plan may span several batches). */
  at(timestamp: number): void {
    this._timestamp = timestamp;
    this._latest = Math.max(this._latest, timestamp);
  }

  /** The newest batch time of the plan (where touched series' last_seen moves to). */
  get latest(): number {
    return this._latest;
  }

  /**
   * The series of (labels, metricLabels); `describe` is called only for one never seen. `hint`
   * remembers the metric set's node across batches, sparing the lookup by label JSON.
   */
  resolve(
    labels: string,
    metricLabels: string,
    describe: (id: number) => SeriesRow,
    hint?: NodeHint,
  ): SeriesEntry {
    const dictionary = this._dictionary;
    let node = hint?.node;
    if (node === undefined || node.detached) {
      node = dictionary.node(labels, false);
      if (hint !== undefined) hint.node = node;
    }
    const known = metricLabels === PLAIN ? node?.plain : node?.labeled?.get(metricLabels);
    if (known !== undefined) {
      if (this._timestamp - known.lastTouch >= TOUCH_INTERVAL_MS) {
        this.touched.push(known.id);
        this._touchedEntries.push(known);
        this._touchedBefore.push(known.lastTouch);
        known.lastTouch = this._timestamp;
      }
      return known;
    }
    if (node === undefined) {
      node = dictionary.node(labels, true) as EntityNode;
      if (hint !== undefined) hint.node = node;
      this._newNodes.push(labels);
    }
    const entry: SeriesEntry = {
      id: dictionary.allocate(),
      lastTouch: this._timestamp,
      metrics: [],
    };
    dictionary.attach(node, metricLabels, entry);
    this._newEntryNodes.push(node);
    this._newEntryLabels.push(metricLabels);
    this.newSeries.push(describe(entry.id));
    return entry;
  }

  /** Records that `entry` carries metric `metricId` (a new pair is written once). */
  addMetric(entry: SeriesEntry, metricId: number): void {
    if (hasMetric(entry, metricId)) return;
    setMetric(entry, metricId);
    this.newPairs.push(entry.id, metricId);
    this._pairEntries.push(entry);
  }

  /** Undoes every change this plan made to the dictionary. */
  rollback(): void {
    for (let i = 0; i < this._pairEntries.length; i++) {
      clearMetric(this._pairEntries[i] as SeriesEntry, this.newPairs[2 * i + 1] as number);
    }
    this._touchedEntries.forEach((entry, i) => {
      entry.lastTouch = this._touchedBefore[i] as number;
    });
    this._newEntryNodes.forEach((node, i) => {
      this._dictionary.attach(node, this._newEntryLabels[i] as string, undefined);
    });
    for (const labels of this._newNodes) this._dictionary.detachNode(labels);
    this._dictionary.resetNextId(this._firstId);
  }
}
