import { EntityType, LabelId, MetricId, type DataBatch, type EntityTable } from '@heapster/model';
import { DecodeError } from '../decode/decode-error.js';
import type { SummaryContext } from '../summary/summary-writer.js';
import { parsePrometheusText } from './prometheus-text.js';

const utf8 = new TextDecoder('utf-8');

export interface ResourceDecodeResult {
  readonly nodeRow: number;
  readonly pods: number;
  readonly containers: number;
}

/** What one series family contributes, per entity, before anything is written. */
interface Stage {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  cpuNs: number;
  memory: number;
  /** Sample time: of the cpu sample, else of the memory sample. */
  cpuTime: number;
  memoryTime: number;
  /** Container start (container_start_time_seconds), ms. */
  start: number;
}

const stage = (namespace: string, pod: string, container: string): Stage => ({
  namespace,
  pod,
  container,
  cpuNs: Number.NaN,
  memory: Number.NaN,
  cpuTime: Number.NaN,
  memoryTime: Number.NaN,
  start: Number.NaN,
});

/**
 * Decodes a kubelet's `/metrics/resource` body (KEP-727, kubelets ≥ 1.18): cpu/usage in ns and
 * memory/working_set for the node, pods and containers, container start times (hence uptime),
 * and the samples' explicit timestamps as sample times. Nothing else exists on that endpoint:
 * this is the mode for clusters where only cpu and memory are wanted. Pure; a malformed line
 * throws a DecodeError naming it and leaves the batch untouched (the whole body is parsed first).
 */
export function decodeResourceMetrics(
  body: string | Uint8Array,
  into: DataBatch,
  context: SummaryContext,
): ResourceDecodeResult {
  const text = typeof body === 'string' ? body : utf8.decode(body);
  const node = stage('', '', '');
  const pods = new Map<string, Stage>();
  const containers = new Map<string, Stage>();
  parsePrometheusText(text, (name, labels, value, timestampMs, line) => {
    const family = FAMILIES.get(name);
    if (family === undefined || Number.isNaN(value)) return;
    if (!(value >= 0 && Number.isFinite(value))) {
      throw new DecodeError(
        `line ${line}`,
        `${name} is ${value}, expected a finite non-negative number`,
      );
    }
    const at =
      family.level === 'node' ? node : entity(family.level, labels, name, line, pods, containers);
    const time = timestampMs ?? context.scrapeStartMs;
    if (family.field === 'cpu') {
      at.cpuNs = Math.round(value * 1e9);
      at.cpuTime = time;
    } else if (family.field === 'memory') {
      at.memory = value;
      at.memoryTime = time;
    } else {
      at.start = value * 1000;
    }
  });
  // Pods known only through their containers still get a row.
  for (const c of containers.values()) {
    const key = `${c.namespace}/${c.pod}`;
    if (!pods.has(key)) pods.set(key, stage(c.namespace, c.pod, ''));
  }
  for (const c of containers.values()) {
    const pod = pods.get(`${c.namespace}/${c.pod}`) as Stage;
    // A pod's cumulative counters start with its first container (the endpoint has no pod start).
    if (!(pod.start <= c.start)) pod.start = c.start;
  }
  return {
    nodeRow: write(into, EntityType.Node, node, context),
    pods: writeAll(into, EntityType.Pod, pods.values(), context),
    containers: writeAll(into, EntityType.PodContainer, containers.values(), context),
  };
}

type Level = 'node' | 'pod' | 'container';
const FAMILIES = new Map<string, { level: Level; field: 'cpu' | 'memory' | 'start' }>([
  ['node_cpu_usage_seconds_total', { level: 'node', field: 'cpu' }],
  ['node_memory_working_set_bytes', { level: 'node', field: 'memory' }],
  ['pod_cpu_usage_seconds_total', { level: 'pod', field: 'cpu' }],
  ['pod_memory_working_set_bytes', { level: 'pod', field: 'memory' }],
  ['container_cpu_usage_seconds_total', { level: 'container', field: 'cpu' }],
  ['container_memory_working_set_bytes', { level: 'container', field: 'memory' }],
  ['container_start_time_seconds', { level: 'container', field: 'start' }],
]);

function entity(
  level: 'pod' | 'container',
  labels: readonly string[],
  name: string,
  line: number,
  pods: Map<string, Stage>,
  containers: Map<string, Stage>,
): Stage {
  const namespace = required(labels, 'namespace', name, line);
  const pod = required(labels, 'pod', name, line);
  const container = level === 'container' ? required(labels, 'container', name, line) : '';
  const map = level === 'pod' ? pods : containers;
  const key = level === 'pod' ? `${namespace}/${pod}` : `${namespace}/${pod}/${container}`;
  let found = map.get(key);
  if (found === undefined) {
    found = stage(namespace, pod, container);
    map.set(key, found);
  }
  return found;
}

function required(labels: readonly string[], key: string, name: string, line: number): string {
  for (let i = 0; i < labels.length; i += 2) {
    if (labels[i] === key && labels[i + 1] !== '') return labels[i + 1] as string;
  }
  throw new DecodeError(`line ${line}`, `${name} has no "${key}" label`);
}

function writeAll(
  batch: DataBatch,
  type: EntityType,
  stages: Iterable<Stage>,
  context: SummaryContext,
): number {
  let count = 0;
  for (const s of stages) {
    write(batch, type, s, context);
    count++;
  }
  return count;
}

function write(batch: DataBatch, type: EntityType, s: Stage, context: SummaryContext): number {
  const table: EntityTable = batch.table(type);
  const row = table.addRow({
    namespace: s.namespace,
    pod: s.pod,
    container: s.container,
    node: context.nodeName,
  });
  if (context.hostname !== '') table.setLabel(row, LabelId.Hostname, context.hostname);
  if (context.hostId !== '') table.setLabel(row, LabelId.HostId, context.hostId);
  const sample = !Number.isNaN(s.cpuTime)
    ? s.cpuTime
    : !Number.isNaN(s.memoryTime)
      ? s.memoryTime
      : context.scrapeStartMs;
  table.setCreateTime(row, s.start);
  table.setCollectionStartTime(row, s.start);
  table.setScrapeTime(row, sample);
  if (!Number.isNaN(s.start)) table.setValue(row, MetricId.Uptime, Math.max(0, sample - s.start));
  if (!Number.isNaN(s.cpuNs)) table.setValue(row, MetricId.CpuUsage, s.cpuNs);
  if (!Number.isNaN(s.memory)) table.setValue(row, MetricId.MemoryWorkingSet, s.memory);
  return row;
}
