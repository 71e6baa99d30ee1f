import {
  DataBatch,
  LabelCatalogue,
  LabelId,
  MetricCatalogue,
  StringTable,
  type EntityKeyParts,
  type EntityType,
} from '@heapster/model';
import type {
  ContainerSpecInfo,
  NamespaceSource,
  NodeSource,
  NodeSpecInfo,
  PodSource,
  PodSpecInfo,
} from '../cluster-sources.js';

/** Catalogues and strings shared by the batches of one simulated process. */
export class BatchFactory {
  readonly metrics = new MetricCatalogue();
  readonly labels = new LabelCatalogue();
  readonly strings = new StringTable();

  batch(timestamp: number): DataBatch {
    return new DataBatch({
      timestamp,
      metrics: this.metrics,
      labels: this.labels,
      strings: this.strings,
    });
  }
}

export interface RowSpec extends EntityKeyParts {
  /** Collection start time, ms (also the create time). */
  readonly start?: number;
  /** Scrape time, ms. */
  readonly scrape?: number;
  /** Values by metric id. */
  readonly values?: Readonly<Record<number, number>>;
  /** Labels by label id. */
  readonly labels?: Readonly<Record<number, string>>;
}

/** Adds a row as a source would (times, values, labels); returns the row. */
export function addRow(batch: DataBatch, type: EntityType, spec: RowSpec): number {
  const table = batch.table(type);
  const row = table.addRow(spec);
  if (spec.start !== undefined) {
    table.setCollectionStartTime(row, spec.start);
    table.setCreateTime(row, spec.start);
  }
  if (spec.scrape !== undefined) table.setScrapeTime(row, spec.scrape);
  for (const [id, value] of Object.entries(spec.values ?? {}))
    table.setValue(row, Number(id), value);
  for (const [id, value] of Object.entries(spec.labels ?? {}))
    table.setLabel(row, Number(id), value);
  return row;
}

/** hostname and host_id as the summary source writes them for a node. */
export function hostLabels(node: string): Record<number, string> {
  return { [LabelId.Hostname]: `${node}.example`, [LabelId.HostId]: `id-${node}` };
}

export function container(
  name: string,
  overrides: Partial<ContainerSpecInfo> = {},
): ContainerSpecInfo {
  return {
    name,
    image: `${name}:1.0`,
    requests: {},
    limits: {},
    ...overrides,
  };
}

export function pod(overrides: Partial<PodSpecInfo> = {}): PodSpecInfo {
  return {
    uid: 'uid-1',
    nodeName: 'node-1',
    labels: {},
    startTime: 1_000,
    containers: [],
    ...overrides,
  };
}

/** A pod source over `namespace/name` keys. */
export function podSource(pods: Readonly<Record<string, PodSpecInfo>>): PodSource {
  return { getPod: (namespace, name) => pods[`${namespace}/${name}`] };
}

export function namespaceSource(uids: Readonly<Record<string, string>>): NamespaceSource {
  return {
    getNamespace: name => (uids[name] === undefined ? undefined : { uid: uids[name] as string }),
  };
}

export function nodeSource(nodes: Readonly<Record<string, NodeSpecInfo>>): NodeSource {
  return { getNode: name => nodes[name] };
}

/** The value of a metric of the row with these identity parts (throws when there is no row). */
export function valueOf(
  batch: DataBatch,
  type: EntityType,
  parts: EntityKeyParts,
  metricId: number,
): number {
  const table = batch.table(type);
  const row = table.rowOf(parts);
  if (row < 0) throw new Error(`no ${type} row for ${JSON.stringify(parts)}`);
  return table.value(row, metricId);
}

/** A label of the row with these identity parts. */
export function labelOf(
  batch: DataBatch,
  type: EntityType,
  parts: EntityKeyParts,
  labelId: number,
): string {
  const row = batch.table(type).rowOf(parts);
  if (row < 0) throw new Error(`no ${type} row for ${JSON.stringify(parts)}`);
  return batch.label(type, row, labelId);
}
