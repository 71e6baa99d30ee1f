// A generated cluster history with known distributions, written identically into every backend
// (through the real sinks) and mirrored as plain series for the exact reference computation.
import { DataBatch, EntityType, entityTypeName, LabelId, MetricCatalogue } from '@heapster/model';

/** 2024-03-01T00:00:00Z. */
export const T0 = Date.UTC(2024, 2, 1);
export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const STEP_MS = 15_000;
export const HOURS = 6;

export interface SeriesSpec {
  readonly type: EntityType;
  readonly identity: { namespace?: string; pod?: string; container?: string; node?: string };
  readonly podId?: string;
  readonly metric: string;
  /** A labeled metric's own labels. */
  readonly labelSet?: readonly (readonly [string, string])[];
  /** The value at a time, or undefined for no sample. */
  readonly value: (timestamp: number, index: number) => number | undefined;
}

export interface PlainSeries {
  readonly metric: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly points: readonly { readonly timestamp: number; readonly value: number }[];
}

/** Mulberry32: a small deterministic generator, so every run writes the same numbers. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uniformInt = (seed: number, max: number) => {
  const next = random(seed);
  return () => Math.floor(next() * max);
};
const normalInt = (seed: number, mean: number, sd: number) => {
  const next = random(seed);
  return () => {
    const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    return Math.max(0, Math.round(mean + sd * z));
  };
};
const exponentialInt = (seed: number, mean: number) => {
  const next = random(seed);
  return () => Math.round(-mean * Math.log(1 - next()));
};

const inHour = (t: number, from: number, to: number): boolean =>
  t >= T0 + from * HOUR && t < T0 + to * HOUR;

/** Every sample time: a 15 s grid over six hours plus times right at and beside bucket edges. */
export function sampleTimes(): number[] {
  const times = new Set<number>();
  for (let t = T0; t < T0 + HOURS * HOUR; t += STEP_MS) times.add(t);
  for (let h = 1; h < HOURS; h++) {
    for (const delta of [-1, 1, 7]) times.add(T0 + h * HOUR + delta);
  }
  return [...times].sort((a, b) => a - b);
}

/** The cluster: one node with two system containers, three pods (one restarted), a namespace. */
export function seriesSpecs(): SeriesSpec[] {
  const nodeCpu = uniformInt(1, 4000);
  const util = uniformInt(2, 1000);
  const clusterCpu = uniformInt(3, 9000);
  const nsCpu = uniformInt(4, 5000);
  const web0 = normalInt(5, 300, 80);
  const web1 = normalInt(6, 900, 200);
  const db0 = exponentialInt(7, 1500);
  const mem = exponentialInt(8, 200_000_000);
  const app = normalInt(9, 250, 60);
  const rootfs = uniformInt(10, 1_000_000);
  const logs = uniformInt(11, 50_000);
  const kubelet = uniformInt(12, 300);
  const docker = uniformInt(13, 700);
  const pod = (namespace: string, name: string, podId: string) => ({
    type: EntityType.Pod,
    identity: { namespace, pod: name, node: 'node-1' },
    podId,
  });
  const container = {
    type: EntityType.PodContainer,
    identity: { namespace: 'ns-a', pod: 'web-0', container: 'app', node: 'node-1' },
    podId: 'uid-web-0',
  };
  return [
    // The node reports nothing during hour 2 (an empty stretch).
    {
      type: EntityType.Node,
      identity: { node: 'node-1' },
      metric: 'cpu/usage_rate',
      value: t => (inHour(t, 2, 3) ? undefined : nodeCpu()),
    },
    {
      type: EntityType.Node,
      identity: { node: 'node-1' },
      metric: 'cpu/node_utilization',
      value: () => util() / 1000,
    },
    { type: EntityType.Cluster, identity: {}, metric: 'cpu/usage_rate', value: () => clusterCpu() },
    {
      type: EntityType.Namespace,
      identity: { namespace: 'ns-a' },
      metric: 'cpu/usage_rate',
      value: () => nsCpu(),
    },
    { ...pod('ns-a', 'web-0', 'uid-web-0'), metric: 'cpu/usage_rate', value: () => web0() },
    { ...pod('ns-a', 'web-0', 'uid-web-0'), metric: 'memory/usage', value: () => mem() },
    {
      ...pod('ns-a', 'web-1', 'uid-web-1'),
      metric: 'cpu/usage_rate',
      value: t => (inHour(t, 0, 4) ? web1() : undefined),
    },
    // db-0 restarts at hour 3: same name, a new UID (two series under one pod name).
    {
      ...pod('ns-b', 'db-0', 'uid-db-0a'),
      metric: 'cpu/usage_rate',
      value: t => (inHour(t, 0, 3) ? db0() : undefined),
    },
    {
      ...pod('ns-b', 'db-0', 'uid-db-0b'),
      metric: 'cpu/usage_rate',
      value: t => (inHour(t, 3, HOURS) ? db0() : undefined),
    },
    { ...container, metric: 'cpu/usage_rate', value: () => app() },
    {
      ...container,
      metric: 'filesystem/usage',
      labelSet: [['resource_id', '/']],
      value: () => rootfs(),
    },
    {
      ...container,
      metric: 'filesystem/usage',
      labelSet: [['resource_id', 'logs']],
      value: () => logs(),
    },
    {
      type: EntityType.SysContainer,
      identity: { node: 'node-1', container: 'kubelet' },
      metric: 'cpu/usage_rate',
      value: () => kubelet(),
    },
    {
      type: EntityType.SysContainer,
      identity: { node: 'node-1', container: 'system.slice/docker.service' },
      metric: 'cpu/usage_rate',
      value: () => docker(),
    },
  ];
}

export interface Dataset {
  readonly batches: readonly DataBatch[];
  readonly series: readonly PlainSeries[];
}

/** The dataset as the core would have produced it (one batch per time) and as plain series. */
export function buildDataset(): Dataset {
  const metrics = new MetricCatalogue();
  const specs = seriesSpecs();
  const points = specs.map((): { timestamp: number; value: number }[] => []);
  const batches = sampleTimes().map((timestamp, index) => {
    const batch = new DataBatch({ timestamp, metrics });
    const rows = new Map<string, number>();
    specs.forEach((spec, s) => {
      const value = spec.value(timestamp, index);
      if (value === undefined) return;
      points[s]?.push({ timestamp, value });
      const key = `${spec.type}|${JSON.stringify(spec.identity)}|${spec.podId ?? ''}`;
      const table = batch.table(spec.type);
      let row = rows.get(key);
      if (row === undefined) {
        row = table.addRow(spec.identity);
        if (spec.podId !== undefined) batch.setLabel(spec.type, row, LabelId.PodId, spec.podId);
        rows.set(key, row);
      }
      const metric = metrics.get(spec.metric);
      if (spec.labelSet === undefined) table.setValue(row, metric.id, value);
      else {
        const [[key0, value0]] = spec.labelSet as [readonly [string, string]];
        batch.labeled.add(
          spec.type,
          row,
          metric.id,
          batch.labelSets.internPair(key0, value0),
          value,
        );
      }
    });
    return batch;
  });
  const series = specs.map((spec, s): PlainSeries => ({
    metric: spec.metric,
    tags: tagsOf(spec),
    points: points[s] ?? [],
  }));
  return { batches, series };
}

function tagsOf(spec: SeriesSpec): Record<string, string> {
  const tags: Record<string, string> = { type: entityTypeName(spec.type) };
  const { namespace, pod, container, node } = spec.identity;
  if (namespace !== undefined) tags['namespace_name'] = namespace;
  if (pod !== undefined) tags['pod_name'] = pod;
  if (container !== undefined) tags['container_name'] = container;
  if (node !== undefined) tags['nodename'] = node;
  if (spec.podId !== undefined) tags['pod_id'] = spec.podId;
  for (const [key, value] of spec.labelSet ?? []) tags[key] = value;
  return tags;
}
