import { EntityType, MetricId, type DataBatch, type EntityTable } from '@heapster/model';
import type { LatestBatch } from '@heapster/store-memory';

/**
 * What metrics.k8s.io serves from one batch, indexed once per batch: the nodes and pods that
 * have usage, sorted by (namespace,) name as kube-apiserver lists objects, with their rate
 * windows. Columnar, like the batch it reads (a pod costs ~30 bytes here, 100,000 pods are
 * indexed in tens of milliseconds); values are read from the batch's own columns.
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
  private readonly _nodeNames: string[];
  private readonly _nodeWindows: Float64Array;
  private readonly _podNamespaces: string[];
  private readonly _podNames: string[];
  private readonly _podWindows: Float64Array;
  /** Containers of pod i are `_containerRows[_podStart[i] .. _podStart[i + 1])`. */
  private readonly _podStart: Int32Array;
  private readonly _containerRows: Int32Array;

  constructor(latest: LatestBatch, fallbackWindowMs: number) {
    const batch = latest.batch;
    this._batch = batch;
    this.timestampMs = batch.timestamp;
    const windowOf = (type: EntityType, row: number): number => {
      const ms = row < 0 ? Number.NaN : latest.rateWindowMs(type, row);
      return Number.isFinite(ms) && ms > 0 ? ms : Number.NaN;
    };

    const nodes = batch.table(EntityType.Node);
    const nodeRows = completeRows(nodes).sort(byName(nodes, 'node'));
    this._nodeRows = Int32Array.from(nodeRows);
    this._nodeNames = nodeRows.map(row => nodes.identity(row, 'node'));
    this._nodeWindows = Float64Array.from(nodeRows, row => {
      const ms = windowOf(EntityType.Node, row);
      return Number.isNaN(ms) ? fallbackWindowMs : ms;
    });

    const pods = groupContainers(batch.table(EntityType.PodContainer));
    const podTable = batch.table(EntityType.Pod);
    const podRows = new PairMap<number>();
    for (let row = 0; row < podTable.size; row++) podRows.set(podTable, row, row);
    pods.sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name));

    this._podNamespaces = pods.map(p => p.namespace);
    this._podNames = pods.map(p => p.name);
    this._podWindows = new Float64Array(pods.length);
    this._podStart = new Int32Array(pods.length + 1);
    const containers: number[] = [];
    const podContainers = batch.table(EntityType.PodContainer);
    pods.forEach((pod, i) => {
      this._podStart[i] = containers.length;
      pod.rows.sort(byName(podContainers, 'container'));
      // The containers' values are what is served, so their windows come first; the widest
      // one covers every container's rate.
      let widest = Number.NaN;
      for (const row of pod.rows) {
        containers.push(row);
        const ms = windowOf(EntityType.PodContainer, row);
        if (Number.isNaN(widest) || ms > widest) widest = ms;
      }
      const ms = Number.isNaN(widest)
        ? windowOf(EntityType.Pod, podRows.get(pod.namespaceId, pod.podId) ?? -1)
        : widest;
      this._podWindows[i] = Number.isNaN(ms) ? fallbackWindowMs : ms;
    });
    this._podStart[pods.length] = containers.length;
    this._containerRows = Int32Array.from(containers);
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

interface PodGroup {
  readonly namespaceId: number;
  readonly podId: number;
  readonly namespace: string;
  readonly name: string;
  readonly rows: number[];
  partial: boolean;
}

function hasValue(column: Float64Array | undefined, row: number): boolean {
  return column !== undefined && Number.isFinite(column[row] as number);
}

function completeRows(table: EntityTable): number[] {
  const cpu = table.column(MetricId.CpuUsageRate);
  const memory = table.column(MetricId.MemoryWorkingSet);
  const rows: number[] = [];
  for (let row = 0; row < table.size; row++)
    if (hasValue(cpu, row) && hasValue(memory, row)) rows.push(row);
  return rows;
}

/** Values keyed by a row's (namespace, pod) string ids. */
class PairMap<V> {
  private readonly _byNamespace = new Map<number, Map<number, V>>();

  get(namespaceId: number, podId: number): V | undefined {
    return this._byNamespace.get(namespaceId)?.get(podId);
  }

  set(table: EntityTable, row: number, value: V): void {
    const namespaceId = table.identityId(row, 'namespace');
    let pods = this._byNamespace.get(namespaceId);
    if (pods === undefined) {
      pods = new Map();
      this._byNamespace.set(namespaceId, pods);
    }
    pods.set(table.identityId(row, 'pod'), value);
  }

  *values(): IterableIterator<V> {
    for (const pods of this._byNamespace.values()) yield* pods.values();
  }
}

function groupContainers(table: EntityTable): PodGroup[] {
  const cpu = table.column(MetricId.CpuUsageRate);
  const memory = table.column(MetricId.MemoryWorkingSet);
  const groups = new PairMap<PodGroup>();
  for (let row = 0; row < table.size; row++) {
    const hasCpu = hasValue(cpu, row);
    const hasMemory = hasValue(memory, row);
    if (!hasCpu && !hasMemory) continue;
    const namespaceId = table.identityId(row, 'namespace');
    const podId = table.identityId(row, 'pod');
    let group = groups.get(namespaceId, podId);
    if (group === undefined) {
      group = {
        namespaceId,
        podId,
        namespace: table.identity(row, 'namespace'),
        name: table.identity(row, 'pod'),
        rows: [],
        partial: false,
      };
      groups.set(table, row, group);
    }
    if (hasCpu && hasMemory) group.rows.push(row);
    else group.partial = true;
  }
  const served: PodGroup[] = [];
  for (const group of groups.values())
    if (!group.partial && group.rows.length > 0 && group.name !== '') served.push(group);
  return served;
}

/** Byte-order comparison, as Go sorts strings (the API server's list order). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byName(table: EntityTable, part: 'node' | 'container'): (a: number, b: number) => number {
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
