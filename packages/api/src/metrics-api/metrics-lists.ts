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

/** Unfiltered lists cached per batch: v1beta1 and v1alpha1, nodes and pods. */
const MAX_CACHED_BODIES = 4;

/**
 * The responses of one batch. An unfiltered list (`kubectl top pods -A`) is rendered once per
 * batch and version and then served as the same bytes until the next batch: at 100,000 pods it
 * is ~35 MB, which takes far longer to render than to send. Its creationTimestamp is therefore
 * the time of that first rendering rather than of each request. Selections (a namespace, a
 * selector, one object, a Table) are rendered per request from the snapshot.
 */
export class MetricsLists {
  private readonly _bodies = new Map<string, Buffer>();

  constructor(
    readonly snapshot: UsageSnapshot,
    private readonly _labels: LabelSource,
    private readonly _now: () => number,
  ) {}

  nodes(query: ReadQuery, version: MetricsVersion): string | Buffer {
    if (isPlain(query)) return this._cached(`${version}/nodes`, () => this._nodes(query, version));
    return this._nodes(query, version);
  }

  pods(query: ReadQuery, version: MetricsVersion, namespace?: string): string | Buffer {
    if (namespace === undefined && isPlain(query)) {
      return this._cached(`${version}/pods`, () => this._pods(query, version, undefined));
    }
    return this._pods(query, version, namespace);
  }

  private _nodes(query: ReadQuery, version: MetricsVersion): string | Buffer {
    const s = this.snapshot;
    const json = new MetricsJson(s, version, this._now());
    // fieldSelector=metadata.name=x is a lookup, not a scan.
    const pinned = query.fields?.pinned('metadata.name');
    const found = pinned === undefined ? -1 : s.findNode(pinned);
    const [first, last] = pinned === undefined ? [0, s.nodeCount] : [found, found + 1];
    const entries: Entry[] = [];
    for (let index = first; index >= 0 && index < last; index++) {
      const name = s.nodeName(index);
      if (query.fields !== undefined && !query.fields.matches(name, '')) continue;
      const labels = this._labels.node(name);
      if (query.labels === undefined || query.labels.matches(labels))
        entries.push({ index, labels });
    }
    if (query.table !== undefined) return nodeMetricsTable(s, json, entries, query);
    return json.list('NodeMetricsList', entries.length, k => {
      const e = entries[k] as Entry;
      return json.node(e.index, e.labels, false);
    });
  }

  private _pods(
    query: ReadQuery,
    version: MetricsVersion,
    namespace: string | undefined,
  ): string | Buffer {
    const s = this.snapshot;
    const json = new MetricsJson(s, version, this._now());
    const ns = namespace ?? query.fields?.pinned('metadata.namespace');
    const [first, last] = ns === undefined ? [0, s.podCount] : s.namespaceRange(ns);
    const entries: Entry[] = [];
    for (let index = first; index < last; index++) {
      const name = s.podName(index);
      const podNamespace = s.podNamespace(index);
      if (query.fields !== undefined && !query.fields.matches(name, podNamespace)) continue;
      const labels = this._labels.pod(podNamespace, name);
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
    const json = new MetricsJson(s, version, this._now());
    const labels = this._labels.node(name);
    if (query.table !== undefined) return nodeMetricsTable(s, json, [{ index, labels }], query);
    return json.node(index, labels, true);
  }

  pod(query: ReadQuery, version: MetricsVersion, namespace: string, name: string): string {
    const s = this.snapshot;
    const index = s.findPod(namespace, name);
    if (index < 0) throw resourceNotFound(METRICS_GROUP, 'podmetrics', name);
    const json = new MetricsJson(s, version, this._now());
    const labels = this._labels.pod(namespace, name);
    if (query.table !== undefined) return podMetricsTable(s, json, [{ index, labels }], query);
    return json.pod(index, labels, true);
  }

  private _cached(key: string, render: () => string | Buffer): Buffer {
    let body = this._bodies.get(key);
    if (body === undefined) {
      const rendered = render();
      body = typeof rendered === 'string' ? Buffer.from(rendered) : rendered;
      if (this._bodies.size < MAX_CACHED_BODIES) this._bodies.set(key, body);
    }
    return body;
  }
}

/** An unfiltered list: the same bytes for every request of a batch (`includeObject` is Table-only). */
function isPlain(query: ReadQuery): boolean {
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
