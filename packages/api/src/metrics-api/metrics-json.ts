import { formatDuration } from '@heapster/model';
import { NO_LABELS } from './directories.js';
import { cpuQuantity, memoryQuantity } from './usage-quantities.js';
import type { UsageSnapshot } from './usage-snapshot.js';

/** The served versions of metrics.k8s.io; v1alpha1 for pre-1.10 clients. */
export type MetricsVersion = 'v1beta1' | 'v1alpha1';
export const METRICS_GROUP = 'metrics.k8s.io';

type LabelMap = Readonly<Record<string, string>>;

/** Items joined per chunk of a list body. */
const LIST_CHUNK = 500;

/** metav1.Time: RFC 3339 at whole seconds, as the API server marshals it. */
export function rfc3339Seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Renders NodeMetrics and PodMetrics as JSON text directly: a list of 100,000 pods is ~35 MB,
 * and building it as strings avoids allocating (and then stringifying) 400,000 small objects.
 * Names and label maps go through JSON.stringify.
 */
export class MetricsJson {
  readonly apiVersion: string;
  private readonly _creation: string;
  private readonly _timestamp: string;
  private readonly _windows = new Map<number, string>();

  constructor(
    private readonly _snapshot: UsageSnapshot,
    version: MetricsVersion,
    nowMs: number,
  ) {
    this.apiVersion = `${METRICS_GROUP}/${version}`;
    // metrics-server sets creationTimestamp to the time of the request.
    this._creation = rfc3339Seconds(nowMs);
    this._timestamp = rfc3339Seconds(_snapshot.timestampMs);
  }

  window(ms: number): string {
    let text = this._windows.get(ms);
    if (text === undefined) {
      text = formatDuration(ms);
      this._windows.set(ms, text);
    }
    return text;
  }

  nodeMetadata(i: number, labels: LabelMap): string {
    const name = JSON.stringify(this._snapshot.nodeName(i));
    return `{"name":${name},"creationTimestamp":"${this._creation}"${this._labels(labels)}}`;
  }

  podMetadata(i: number, labels: LabelMap): string {
    const s = this._snapshot;
    return (
      `{"name":${JSON.stringify(s.podName(i))},"namespace":${JSON.stringify(s.podNamespace(i))},` +
      `"creationTimestamp":"${this._creation}"${this._labels(labels)}}`
    );
  }

  node(i: number, labels: LabelMap, withType: boolean): string {
    const s = this._snapshot;
    return (
      `{${withType ? this._type('NodeMetrics') : ''}"metadata":${this.nodeMetadata(i, labels)},` +
      `"timestamp":"${this._timestamp}","window":"${this.window(s.nodeWindowMs(i))}",` +
      `"usage":${usage(s.nodeCpu(i), s.nodeMemory(i))}}`
    );
  }

  pod(i: number, labels: LabelMap, withType: boolean): string {
    const s = this._snapshot;
    const [start, end] = s.containerRange(i);
    let containers = '';
    for (let j = start; j < end; j++) {
      if (j > start) containers += ',';
      const value = usage(s.containerCpu(j), s.containerMemory(j));
      containers += `{"name":${JSON.stringify(s.containerName(j))},"usage":${value}}`;
    }
    return (
      `{${withType ? this._type('PodMetrics') : ''}"metadata":${this.podMetadata(i, labels)},` +
      `"timestamp":"${this._timestamp}","window":"${this.window(s.podWindowMs(i))}",` +
      `"containers":[${containers}]}`
    );
  }

  /**
   * `NodeMetricsList` / `PodMetricsList` of `count` items rendered by `item(k)` (items carry no
   * kind, as upstream), as bytes. Items are rendered and encoded a chunk at a time, so the
   * strings of a 35 MB list of 100,000 pods die young instead of all surviving to one join.
   */
  list(
    kind: 'NodeMetricsList' | 'PodMetricsList',
    count: number,
    item: (k: number) => string,
  ): Buffer {
    const chunks = [Buffer.from(`{${this._type(kind)}"metadata":{},"items":[`)];
    for (let start = 0; start < count; start += LIST_CHUNK) {
      let text = start === 0 ? '' : ',';
      const end = Math.min(count, start + LIST_CHUNK);
      for (let k = start; k < end; k++) text += k === start ? item(k) : `,${item(k)}`;
      chunks.push(Buffer.from(text));
    }
    chunks.push(Buffer.from(']}'));
    return Buffer.concat(chunks);
  }

  private _type(kind: string): string {
    return `"kind":"${kind}","apiVersion":"${this.apiVersion}",`;
  }

  private _labels(labels: LabelMap): string {
    if (labels === NO_LABELS) return '';
    let text = LABELS_JSON.get(labels);
    if (text === undefined) {
      text = isEmpty(labels) ? '' : `,"labels":${JSON.stringify(labels)}`;
      if (Object.isFrozen(labels)) LABELS_JSON.set(labels, text);
    }
    return text;
  }
}

/**
 * `"labels"` members of frozen label maps. The informers' label maps are frozen and replaced,
 * never changed, when an object changes; so one renders once for as long as its object lives
 * rather than once per pod per list (~15% of a list's rendering time).
 */
const LABELS_JSON = new WeakMap<LabelMap, string>();

function usage(cpuMillicores: number, memoryBytes: number): string {
  return `{"cpu":"${cpuQuantity(cpuMillicores)}","memory":"${memoryQuantity(memoryBytes)}"}`;
}

function isEmpty(labels: LabelMap): boolean {
  for (const _ in labels) return false;
  return true;
}
