import { EntityType, MetricId, type DataBatch, type EntityTable } from '@heapster/model';

/**
 * The pods metrics.k8s.io serves from one batch, sorted by (namespace, name), with the rows of
 * their containers sorted by container name: pod i has the container rows
 * `rows[start[i] .. start[i + 1])`.
 */
export interface PodGroups {
  readonly namespaces: readonly string[];
  readonly names: readonly string[];
  /** String ids of namespace and name (to find the pod's own row). */
  readonly namespaceIds: Int32Array;
  readonly podIds: Int32Array;
  readonly start: Int32Array;
  readonly rows: Int32Array;
}

/** Rows (or pods) handled between two pauses of a stepped computation. */
export const STEP_ITEMS = 16_384;

/**
 * Groups the container rows of a batch by pod. A row "has data" when it carries cpu/usage_rate
 * or memory/working_set and "has usage" when it carries both; a pod is served when at least one
 * container has usage, every container with data has usage, and it has a name (see
 * UsageSnapshot for why).
 *
 * Runs once per batch over every container row (200,000 at 100,000 pods), so it works on
 * string ids and typed arrays: pods are found through a map keyed by the pod-name id (pods of
 * the same name in other namespaces are chained), not per-pod objects and nested maps; they are
 * bucketed by namespace and sorted by name within each bucket. A generator: it pauses (yields)
 * every STEP_ITEMS rows or pods, so a caller may spread the work over several turns of the
 * event loop (`runSteps` runs it in one go).
 */
export function* podGroupSteps(batch: DataBatch): Generator<void, PodGroups, void> {
  const table = batch.table(EntityType.PodContainer);
  const cpu = table.column(MetricId.CpuUsageRate);
  const memory = table.column(MetricId.MemoryWorkingSet);
  const size = table.size;
  const groupOf = new Int32Array(size).fill(-1);
  const namespaceOf: number[] = [];
  const podOf: number[] = [];
  const chain: number[] = [];
  const usable: number[] = [];
  const partial: boolean[] = [];
  const firstWithPodId = new Map<number, number>();
  for (let row = 0; row < size; row++) {
    if (row > 0 && row % STEP_ITEMS === 0) yield;
    const hasCpu = hasValue(cpu, row);
    const hasMemory = hasValue(memory, row);
    if (!hasCpu && !hasMemory) continue;
    const namespaceId = table.identityId(row, 'namespace');
    const podId = table.identityId(row, 'pod');
    const first = firstWithPodId.get(podId) ?? -1;
    let group = first;
    while (group >= 0 && namespaceOf[group] !== namespaceId) group = chain[group] ?? -1;
    if (group < 0) {
      group = namespaceOf.length;
      namespaceOf.push(namespaceId);
      podOf.push(podId);
      chain.push(first);
      usable.push(0);
      partial.push(false);
      firstWithPodId.set(podId, group);
    }
    if (hasCpu && hasMemory) {
      groupOf[row] = group;
      usable[group] = (usable[group] ?? 0) + 1;
    } else {
      partial[group] = true;
    }
  }
  yield;

  // Served pods bucketed by namespace (in byte order of the names), then sorted by name.
  const strings = batch.strings;
  const buckets = new Map<number, number[]>();
  for (let group = 0; group < namespaceOf.length; group++) {
    if (partial[group] || (usable[group] ?? 0) === 0 || podOf[group] === 0) continue;
    const namespaceId = namespaceOf[group] ?? 0;
    let bucket = buckets.get(namespaceId);
    if (bucket === undefined) buckets.set(namespaceId, (bucket = []));
    bucket.push(group);
  }
  yield;
  const names: string[] = [];
  const served: number[] = [];
  let sorted = 0;
  const byNamespace = [...buckets.keys()].sort((a, b) => compare(strings.get(a), strings.get(b)));
  for (const namespaceId of byNamespace) {
    const bucket = buckets.get(namespaceId) ?? [];
    for (const group of bucket) names[group] = strings.get(podOf[group] ?? 0);
    bucket.sort((a, b) => compare(names[a] ?? '', names[b] ?? ''));
    for (const group of bucket) served.push(group);
    sorted += bucket.length;
    if (sorted >= STEP_ITEMS) {
      sorted = 0;
      yield;
    }
  }
  yield;

  // Container rows placed per pod in row order, then sorted by container name within each pod.
  const position = new Int32Array(namespaceOf.length).fill(-1);
  served.forEach((group, i) => (position[group] = i));
  const start = new Int32Array(served.length + 1);
  for (let i = 0; i < served.length; i++) {
    start[i + 1] = (start[i] ?? 0) + (usable[served[i] ?? 0] ?? 0);
  }
  const rows = new Int32Array(start[served.length] ?? 0);
  const fill = Int32Array.from(start.subarray(0, served.length));
  for (let row = 0; row < size; row++) {
    const group = groupOf[row] ?? -1;
    const i = group < 0 ? -1 : (position[group] ?? -1);
    if (i < 0) continue;
    rows[fill[i] ?? 0] = row;
    fill[i] = (fill[i] ?? 0) + 1;
  }
  yield;
  for (let i = 0; i < served.length; i++) {
    if (i > 0 && i % STEP_ITEMS === 0) yield;
    sortByContainer(table, rows, start[i] ?? 0, start[i + 1] ?? 0);
  }
  return {
    namespaces: served.map(g => strings.get(namespaceOf[g] ?? 0)),
    names: served.map(g => names[g] ?? ''),
    namespaceIds: Int32Array.from(served, g => namespaceOf[g] ?? 0),
    podIds: Int32Array.from(served, g => podOf[g] ?? 0),
    start,
    rows,
  };
}

/** Runs a stepped computation to its end, without pausing. */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** Byte-order comparison, as Go sorts strings (the API server's list order). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasValue(column: Float64Array | undefined, row: number): boolean {
  return column !== undefined && Number.isFinite(column[row] as number);
}

/** Insertion sort of rows[from, to) by container name: pods have a handful of containers. */
function sortByContainer(table: EntityTable, rows: Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const row = rows[i] ?? 0;
    const name = table.identity(row, 'container');
    let j = i - 1;
    while (j >= from && compare(table.identity(rows[j] ?? 0, 'container'), name) > 0) {
      rows[j + 1] = rows[j] ?? 0;
      j--;
    }
    rows[j + 1] = row;
  }
}
