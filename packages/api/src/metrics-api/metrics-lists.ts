import type { ReadQuery } from './list-query.js';
import { resourceNotFound } from './metrics-errors.js';
import { METRICS_GROUP, MetricsJson, type MetricsVersion } from './metrics-json.js';
import { nodeMetricsTable, podMetricsTable } from './metrics-table.js';
import type { UsageSnapshot } from './usage-snapshot.js';

type LabelMap = Readonly<Record<string, string>>;

/** Labels of the objects behind the metrics (the informers'; empty without them). */
export interface LabelSource {
  node(name: string): LabelMap;
  pod(namespace: string, name: string): LabelMap;
}

type Entry = { readonly index: number; readonly labels: LabelMap };

/** A list request without selectors or Table: what `RenderedList` serves. */
export const PLAIN_QUERY: ReadQuery = Object.freeze({
  labels: undefined,
  fields: undefined,
  table: undefined,
  includeObject: 'Metadata',
});

/**
 * The responses of one batch, rendered per request from its snapshot: selections (a selector,
 * one object, a Table) and, until `MetricsResponseCache` has a RenderedList of the batch,
 * unfiltered lists. creationTimestamp is the time of rendering, as metrics-server's.
 */
export class MetricsLists {
  constructor(
    readonly snapshot: UsageSnapshot,
    readonly labels: LabelSource,
    readonly now: () => number,
  ) {}

  nodes(query: ReadQuery, version: MetricsVersion): string | Buffer {
    const s = this.snapshot;
    const json = new MetricsJson(s, version, this.now());
    // fieldSelector=metadata.name=x is a lookup, not a scan.
    const pinned = query.fields?.pinned('metadata.name');
    const found = pinned === undefined ? -1 : s.findNode(pinned);
    const [first, last] = pinned === undefined ? [0, s.nodeCount] : [found, found + 1];
    const entries: Entry[] = [];
    for (let index = first; index >= 0 && index < last; index++) {
      const name = s.nodeName(index);
      if (query.fields !== undefined && !query.fields.matches(name, '')) continue;
      const labels = this.labels.node(name);
      if (query.labels === undefined || query.labels.matches(labels))
        entries.push({ index, labels });
    }
    if (query.table !== undefined) return nodeMetricsTable(s, json, entries, query);
    return json.list('NodeMetricsList', entries.length, k => {
      const e = entries[k] as Entry;
      return json.node(e.index, e.labels, false);
    });
  }

  pods(query: ReadQuery, version: MetricsVersion, namespace?: string): string | Buffer {
    const s = this.snapshot;
    const json = new MetricsJson(s, version, this.now());
    const ns = namespace ?? query.fields?.pinned('metadata.namespace');
    const [first, last] = ns === undefined ? [0, s.podCount] : s.namespaceRange(ns);
    const entries: Entry[] = [];
    for (let index = first; index < last; index++) {
      const name = s.podName(index);
      const podNamespace = s.podNamespace(index);
      if (query.fields !== undefined && !query.fields.matches(name, podNamespace)) continue;
      const labels = this.labels.pod(podNamespace, name);
      if (query.labels === undefined || query.labels.matches(labels))
        entries.push({ index, labels });
    }
    if (query.table !== undefined) return podMetricsTable(s, json, entries, query);
    return json.list('PodMetricsList', entries.length, k => {
      const e = entries[k] as Entry;
      return json.pod(e.index, e.labels, false);
    });
  }

  node(query: ReadQuery, version: MetricsVersion, name: string): string {
    const s = this.snapshot;
    const index = s.findNode(name);
    if (index < 0) throw resourceNotFound(METRICS_GROUP, 'nodemetrics', name);
    const json = new MetricsJson(s, version, this.now());
    const labels = this.labels.node(name);
    if (query.table !== undefined) return nodeMetricsTable(s, json, [{ index, labels }], query);
    return json.node(index, labels, true);
  }

  pod(query: ReadQuery, version: MetricsVersion, namespace: string, name: string): string {
    const s = this.snapshot;
    const index = s.findPod(namespace, name);
    if (index < 0) throw resourceNotFound(METRICS_GROUP, 'podmetrics', name);
    const json = new MetricsJson(s, version, this.now());
    const labels = this.labels.pod(namespace, name);
    if (query.table !== undefined) return podMetricsTable(s, json, [{ index, labels }], query);
    return json.pod(index, labels, true);
  }
}

/** An unfiltered list: the same bytes for every request of a batch (`includeObject` is Table-only). */
export function isPlain(query: ReadQuery): boolean {
  return query.labels === undefined && query.fields === undefined && query.table === undefined;
}

/** Before the first batch: nothing to serve yet (kubectl says "metrics not available yet"). */
export function emptyList(
  kind: 'NodeMetricsList' | 'PodMetricsList',
  version: MetricsVersion,
  query: ReadQuery,
): string {
  if (query.table !== undefined) {
    return `{"kind":"Table","apiVersion":"${query.table}","metadata":{},"columnDefinitions":[],"rows":[]}`;
  }
  return `{"kind":"${kind}","apiVersion":"${METRICS_GROUP}/${version}","metadata":{},"items":[]}`;
}
