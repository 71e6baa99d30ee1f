import { EntityType, MetricId, type DataBatch, type EntityTable } from '@heapster/model';
import type { LatestBatch } from '@heapster/store-memory';
import {
  compare,
  hasValue,
  podGroupSteps,
  runSteps,
  STEP_ITEMS,
  type PodGroups,
} from './pod-groups.js';

/**
 * What metrics.k8s.io serves from one batch, indexed once per batch: the nodes and pods that
 * have usage, sorted by (namespace,) name as kube-apiserver lists objects, with their rate
 * windows. Columnar, like the batch it reads (a pod costs ~30 bytes here; 100,000 pods are
 * indexed in 60–90 ms); values are read from the batch's own columns.
 *
 * Which pods are served: a container "has data" when its row carries cpu/usage_rate or
 * memory/working_set, and "has usage" when it carries both. A pod is served when at least one
 * container has usage and every container with data has usage. A container without any row
 * (not started yet, or left out by the kubelet) does not hide the pod, unlike Heapster, which
 * dropped a pod when any spec container lacked a metric set. A container with only one of the
 * two values (its first scrape after a restart has memory but no rate yet) does hide the pod
 * for that batch, as metrics-server does: serving it without that container would under-count
 * the pod for the autoscaler.
 */
export class UsageSnapshot {
  readonly timestampMs: number;
  private readonly _batch: DataBatch;
  private readonly _nodeRows: Int32Array;
  private readonly _nodeNames: readonly string[];
  private readonly _nodeWindows: Float64Array;
  private readonly _podNamespaces: readonly string[];
  private readonly _podNames: readonly string[];
  private readonly _podWindows: Float64Array;
  /** Containers of pod i are `_containerRows[_podStart[i] .. _podStart[i + 1])`. */
  private readonly _podStart: Int32Array;
  private readonly _containerRows: Int32Array;

  /** Indexes the batch in one go (`SnapshotBuild` can spread it over several turns). */
  static of(latest: LatestBatch, fallbackWindowMs: number): UsageSnapshot {
    return new UsageSnapshot(runSteps(snapshotSteps(latest, fallbackWindowMs)));
  }

  constructor(parts: SnapshotParts) {
    this._batch = parts.batch;
    this.timestampMs = parts.batch.timestamp;
    this._nodeRows = parts.nodeRows;
    this._nodeNames = parts.nodeNames;
    this._nodeWindows = parts.nodeWindows;
    this._podNamespaces = parts.pods.namespaces;
    this._podNames = parts.pods.names;
    this._podStart = parts.pods.start;
    this._containerRows = parts.pods.rows;
    this._podWindows = parts.podWindows;
  }

  get nodeCount(): number {
    return this._nodeRows.length;
  }
  nodeName(i: number): string {
    return this._nodeNames[i] ?? '';
  }
  nodeCpu(i: number): number {
    return this._batch.table(EntityType.Node).value(this._nodeRows[i] ?? -1, MetricId.CpuUsageRate);
  }
  nodeMemory(i: number): number {
    const row = this._nodeRows[i] ?? -1;
    return this._batch.table(EntityType.Node).value(row, MetricId.MemoryWorkingSet);
  }
  nodeWindowMs(i: number): number {
    return this._nodeWindows[i] ?? Number.NaN;
  }
  /** Index of the node, or -1. */
  findNode(name: string): number {
    return search(this._nodeNames.length, i => compare(this._nodeNames[i] ?? '', name));
  }

  get podCount(): number {
    return this._podNames.length;
  }
  podNamespace(i: number): string {
    return this._podNamespaces[i] ?? '';
  }
  podName(i: number): string {
    return this._podNames[i] ?? '';
  }
  podWindowMs(i: number): number {
    return this._podWindows[i] ?? Number.NaN;
  }
  /** Container positions of pod i: `[start, end)` for containerName/Cpu/Memory. */
  containerRange(i: number): readonly [number, number] {
    return [this._podStart[i] ?? 0, this._podStart[i + 1] ?? 0];
  }
  containerName(j: number): string {
    const row = this._containerRows[j] ?? -1;
    return this._batch.table(EntityType.PodContainer).identity(row, 'container');
  }
  containerCpu(j: number): number {
    const row = this._containerRows[j] ?? -1;
    return this._batch.table(EntityType.PodContainer).value(row, MetricId.CpuUsageRate);
  }
  containerMemory(j: number): number {
    const row = this._containerRows[j] ?? -1;
    return this._batch.table(EntityType.PodContainer).value(row, MetricId.MemoryWorkingSet);
  }
  /** Index of the pod, or -1. */
  findPod(namespace: string, name: string): number {
    return search(
      this._podNames.length,
      i =>
        compare(this._podNamespaces[i] ?? '', namespace) || compare(this._podNames[i] ?? '', name),
    );
  }
  /** Positions `[start, end)` of the namespace's pods. */
  namespaceRange(namespace: string): readonly [number, number] {
    const n = this._podNamespaces.length;
    const start = lowerBound(n, i => compare(this._podNamespaces[i] ?? '', namespace) < 0);
    const end = lowerBound(n, i => compare(this._podNamespaces[i] ?? '', namespace) <= 0);
    return [start, end];
  }
}

/** What a UsageSnapshot is made of. */
export interface SnapshotParts {
  readonly batch: DataBatch;
  readonly nodeRows: Int32Array;
  readonly nodeNames: readonly string[];
  readonly nodeWindows: Float64Array;
  readonly pods: PodGroups;
  readonly podWindows: Float64Array;
}

/** Indexing a batch for UsageSnapshot, pausing (yielding) every few tens of thousands of items. */
export function* snapshotSteps(
  latest: LatestBatch,
  fallbackWindowMs: number,
): Generator<void, SnapshotParts, void> {
  const batch = latest.batch;
  const windowOf = (type: EntityType, row: number): number => {
    const ms = row < 0 ? Number.NaN : latest.rateWindowMs(type, row);
    return Number.isFinite(ms) && ms > 0 ? ms : Number.NaN;
  };

  const nodes = batch.table(EntityType.Node);
  const nodeRows = completeRows(nodes).sort(byName(nodes, 'node'));
  const nodeWindows = Float64Array.from(nodeRows, row => {
    const ms = windowOf(EntityType.Node, row);
    return Number.isNaN(ms) ? fallbackWindowMs : ms;
  });

  const pods = yield* podGroupSteps(batch);
  const podWindows = new Float64Array(pods.names.length);
  let podRows: Map<string, number> | undefined;
  for (let i = 0; i < pods.names.length; i++) {
    if (i > 0 && i % STEP_ITEMS === 0) yield;
    // The containers' values are what is served, so their windows come first; the widest
    // one covers every container's rate.
    let widest = Number.NaN;
    for (let j = pods.start[i] ?? 0; j < (pods.start[i + 1] ?? 0); j++) {
      const ms = windowOf(EntityType.PodContainer, pods.rows[j] ?? -1);
      if (Number.isNaN(widest) || ms > widest) widest = ms;
    }
    if (Number.isNaN(widest)) {
      // Rare (no container window): the pod's own row, indexed on first need.
      podRows ??= podRowIndex(batch.table(EntityType.Pod));
      widest = windowOf(EntityType.Pod, podRows.get(pairKey(pods, i)) ?? -1);
    }
    podWindows[i] = Number.isNaN(widest) ? fallbackWindowMs : widest;
  }
  return {
    batch,
    nodeRows: Int32Array.from(nodeRows),
    nodeNames: nodeRows.map(row => nodes.identity(row, 'node')),
    nodeWindows,
    pods,
    podWindows,
  };
}

function completeRows(table: EntityTable): number[] {
  const cpu = table.column(MetricId.CpuUsageRate);
  const memory = table.column(MetricId.MemoryWorkingSet);
  const rows: number[] = [];
  for (let row = 0; row < table.size; row++)
    if (hasValue(cpu, row) && hasValue(memory, row)) rows.push(row);
  return rows;
}

function pairKey(pods: PodGroups, i: number): string {
  return `${pods.namespaceIds[i] ?? 0}/${pods.podIds[i] ?? 0}`;
}

/** Pod rows by (namespace, pod) string ids; a later duplicate row wins. */
function podRowIndex(table: EntityTable): Map<string, number> {
  const rows = new Map<string, number>();
  for (let row = 0; row < table.size; row++) {
    rows.set(`${table.identityId(row, 'namespace')}/${table.identityId(row, 'pod')}`, row);
  }
  return rows;
}

function byName(table: EntityTable, part: 'node'): (a: number, b: number) => number {
  return (a, b) => compare(table.identity(a, part), table.identity(b, part));
}

/** Index where `cmp(i)` is 0 in a sorted range of n, or -1. */
function search(n: number, cmp: (i: number) => number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = cmp(mid);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** First index in [0, n) where `before(i)` is false (before is true on a prefix). */
function lowerBound(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
