import { DataBatch, EntityType, MetricId } from '@heapster/model';
import { RecentStore, type RateWindowOf } from '@heapster/store-memory';
import type {
  NodeDirectory,
  NodeView,
  PodObjectDirectory,
  PodObjectView,
} from '../metrics-api/directories.js';

/** One container's usage as the processors leave it: millicores and bytes (absent = not set). */
export interface ContainerSpec {
  readonly name: string;
  readonly cpu?: number;
  readonly memory?: number;
  readonly windowMs?: number;
}

export interface PodSpec {
  readonly namespace: string;
  readonly name: string;
  readonly node: string;
  readonly labels?: Record<string, string>;
  readonly containers: readonly ContainerSpec[];
}

export interface NodeSpec {
  readonly name: string;
  readonly cpu?: number;
  readonly memory?: number;
  readonly windowMs?: number;
  readonly labels?: Record<string, string>;
  readonly allocatableCpuMillis?: number;
  readonly allocatableMemoryBytes?: number;
}

export interface ClusterSpec {
  readonly timestamp: number;
  readonly nodes: readonly NodeSpec[];
  readonly pods: readonly PodSpec[];
}

/** The batch and its rate windows for a hand-written cluster. */
export function buildBatch(spec: ClusterSpec): { batch: DataBatch; windows: RateWindowOf } {
  const batch = new DataBatch({ timestamp: spec.timestamp });
  const windows = new Map<string, number>();
  const set = (type: EntityType, row: number, cpu?: number, memory?: number, w?: number) => {
    const table = batch.table(type);
    if (cpu !== undefined) table.setValue(row, MetricId.CpuUsageRate, cpu);
    if (memory !== undefined) table.setValue(row, MetricId.MemoryWorkingSet, memory);
    if (memory !== undefined) table.setValue(row, MetricId.MemoryUsage, memory * 1.25);
    table.setValue(row, MetricId.NetworkRxRate, 42);
    if (w !== undefined) windows.set(`${type}/${row}`, w);
  };
  for (const node of spec.nodes) {
    const row = batch.table(EntityType.Node).addRow({ node: node.name });
    set(EntityType.Node, row, node.cpu, node.memory, node.windowMs);
  }
  for (const pod of spec.pods) {
    const parts = { namespace: pod.namespace, pod: pod.name, node: pod.node };
    let cpu = 0;
    let memory = 0;
    for (const c of pod.containers) {
      const row = batch.table(EntityType.PodContainer).addRow({ ...parts, container: c.name });
      set(EntityType.PodContainer, row, c.cpu, c.memory, c.windowMs);
      cpu += c.cpu ?? 0;
      memory += c.memory ?? 0;
    }
    const row = batch.table(EntityType.Pod).addRow(parts);
    set(EntityType.Pod, row, cpu, memory);
  }
  return { batch, windows: (type, row) => windows.get(`${type}/${row}`) ?? Number.NaN };
}

export function storeOf(spec: ClusterSpec, resolutionMs = 15_000): RecentStore {
  const store = new RecentStore({ resolutionMs });
  const { batch, windows } = buildBatch(spec);
  store.add(batch, windows);
  return store;
}

export function nodeView(spec: NodeSpec, createdMs: number): NodeView {
  return {
    name: spec.name,
    uid: `uid-${spec.name}`,
    resourceVersion: '7',
    labels: { 'kubernetes.io/hostname': spec.name, ...spec.labels },
    creationTimestamp: createdMs,
    ready: true,
    unschedulable: false,
    addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
    capacity: { cpuMillis: 4000, memoryBytes: 16 * 2 ** 30, pods: 110, extended: {} },
    allocatable: {
      cpuMillis: spec.allocatableCpuMillis ?? 3900,
      memoryBytes: spec.allocatableMemoryBytes ?? 15 * 2 ** 30,
      pods: 110,
      extended: {},
    },
    kubeletPort: 10250,
    kubeletVersion: 'v1.20.2',
    osImage: 'Ubuntu 20.04.1 LTS',
    kernelVersion: '',
    containerRuntimeVersion: 'containerd://1.4.3',
  };
}

/** A pod as the informer keeps it: running on its node, one restart of its first container. */
export function podObjectView(spec: PodSpec, createdMs: number): PodObjectView {
  return {
    namespace: spec.namespace,
    name: spec.name,
    uid: `uid-${spec.namespace}-${spec.name}`,
    resourceVersion: '9',
    nodeName: spec.node,
    labels: { ...spec.labels },
    phase: 'Running',
    startTime: createdMs + 2_000,
    creationTimestamp: createdMs,
    podIP: '10.1.0.7',
    containers: spec.containers.map((c, i) => ({
      name: c.name,
      image: 'busybox:1.36',
      requests: { cpuMillis: 100, memoryBytes: 64 * 2 ** 20 },
      limits: {},
      restartCount: i === 0 ? 1 : 0,
    })),
    initContainers: [],
  };
}

export function directoriesOf(
  spec: ClusterSpec,
  createdMs: number,
): { nodes: NodeDirectory; pods: PodObjectDirectory } {
  const nodes = new Map(spec.nodes.map(n => [n.name, nodeView(n, createdMs)]));
  const pods = new Map(
    spec.pods.map(p => [`${p.namespace}/${p.name}`, podObjectView(p, createdMs)]),
  );
  return {
    nodes: { listNodes: () => [...nodes.values()], getNode: name => nodes.get(name) },
    pods: {
      getPod: (namespace, name) => pods.get(`${namespace}/${name}`),
      listPods: () => [...pods.values()],
    },
  };
}

export const GIB = 2 ** 30;
export const MIB = 2 ** 20;

/** A small cluster with the interesting cases: partial, data-less and multi-container pods. */
export const SAMPLE: ClusterSpec = {
  timestamp: Date.parse('2026-08-01T10:00:00Z'),
  nodes: [
    { name: 'node-b', cpu: 1500, memory: 2 * GIB, windowMs: 15_012, labels: { zone: 'b' } },
    {
      name: 'node-a',
      cpu: 182.413227,
      memory: GIB + 4096,
      windowMs: 15_012,
      labels: { zone: 'a' },
    },
    // No rate yet (first scrape): not served.
    { name: 'node-c', memory: GIB },
  ],
  pods: [
    {
      namespace: 'default',
      name: 'web-1',
      node: 'node-a',
      labels: { app: 'web', tier: 'front' },
      containers: [{ name: 'app', cpu: 12.5, memory: 34 * MIB, windowMs: 14_987 }],
    },
    {
      namespace: 'default',
      name: 'web-0',
      node: 'node-a',
      labels: { app: 'web' },
      containers: [
        { name: 'sidecar', cpu: 1, memory: 4620 * 1024, windowMs: 15_001 },
        { name: 'app', cpu: 250, memory: 100 * MIB, windowMs: 14_990 },
      ],
    },
    {
      namespace: 'kube-system',
      name: 'dns',
      node: 'node-b',
      labels: { 'k8s-app': 'kube-dns' },
      containers: [{ name: 'dns', cpu: 3, memory: 20 * MIB + 7 }],
    },
    {
      // A restarted container with memory but no rate yet: the pod waits for the next batch.
      namespace: 'default',
      name: 'partial',
      node: 'node-b',
      containers: [
        { name: 'a', cpu: 5, memory: MIB },
        { name: 'b', memory: MIB },
      ],
    },
    {
      // Only network values: no container with data, nothing to serve.
      namespace: 'default',
      name: 'netonly',
      node: 'node-b',
      containers: [{ name: 'x' }],
    },
  ],
};
