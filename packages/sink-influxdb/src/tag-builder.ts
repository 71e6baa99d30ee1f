import type { DataBatch, EntityType } from '@heapster/model';
import { escapeTag } from './line-protocol.js';

/**
 * Tag sets of metric points, encoded once per series: a metric set's labels minus the
 * blacklist (empty values never reach here), plus cluster_name, sorted by key; for a labeled
 * value also its own labels (which win over a metric-set label of the same key). The last
 * row's and the last labeled series' tags are kept, since values of one series come together.
 */
export class TagBuilder {
  private readonly _batch: DataBatch;
  private readonly _blacklist: ReadonlySet<string>;
  private readonly _cluster: [string, string] | undefined;
  private _rowKey = -1;
  /** The row's tags sorted by key, cluster_name included: [key, escaped `key=value`]. */
  private _rowPairs: [string, string][] = [];
  private _rowTags: Uint8Array = new Uint8Array(0);
  private _labeledRow = -1;
  private _labeledSet = -1;
  private _labeledTags: Uint8Array = new Uint8Array(0);

  constructor(batch: DataBatch, blacklist: readonly string[], clusterName: string) {
    this._batch = batch;
    // cluster_name is ours to set: a label of that name in the batch would duplicate the key.
    this._blacklist = new Set([...blacklist, 'cluster_name']);
    this._cluster =
      clusterName === '' ? undefined : ['cluster_name', `cluster_name=${escapeTag(clusterName)}`];
  }

  /** `,k=v,...` for a metric set. */
  row(type: EntityType, row: number): Uint8Array {
    this._loadRow(type, row);
    return this._rowTags;
  }

  /** `,k=v,...` for a labeled value's series. */
  labeled(type: EntityType, row: number, labelSetId: number): Uint8Array {
    this._loadRow(type, row);
    if (this._labeledRow === this._rowKey && this._labeledSet === labelSetId) {
      return this._labeledTags;
    }
    // Both lists are sorted by key (label sets are interned sorted): merge them.
    const rowPairs = this._rowPairs;
    const extra = this._batch.labelSets.get(labelSetId);
    let tags = '';
    let i = 0;
    for (const pair of extra) {
      if (pair.value === '' || this._blacklist.has(pair.key)) continue;
      while (i < rowPairs.length && (rowPairs[i] as [string, string])[0] < pair.key) {
        tags += `,${(rowPairs[i++] as [string, string])[1]}`;
      }
      if (i < rowPairs.length && (rowPairs[i] as [string, string])[0] === pair.key) i++;
      tags += `,${escapeTag(pair.key)}=${escapeTag(pair.value)}`;
    }
    while (i < rowPairs.length) tags += `,${(rowPairs[i++] as [string, string])[1]}`;
    this._labeledRow = this._rowKey;
    this._labeledSet = labelSetId;
    this._labeledTags = Buffer.from(tags);
    return this._labeledTags;
  }

  private _loadRow(type: EntityType, row: number): void {
    const key = type * 0x1_0000_0000 + row;
    if (key === this._rowKey) return;
    const pairs: [string, string][] = [];
    this._batch.forEachLabel(type, row, (k, v) => {
      if (!this._blacklist.has(k)) pairs.push([k, `${escapeTag(k)}=${escapeTag(v)}`]);
    });
    if (this._cluster !== undefined) pairs.push(this._cluster);
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let tags = '';
    for (const pair of pairs) tags += `,${pair[1]}`;
    this._rowKey = key;
    this._rowPairs = pairs;
    this._rowTags = Buffer.from(tags);
  }
}
