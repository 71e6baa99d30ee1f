import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EntityType, MetricId, type DataBatch, type EntityKeyParts } from '@heapster/model';
import type { GroundTruth } from '@heapster/kubesim';
import { startCoreHarness, type CoreHarness } from './testing/core-harness.js';

const RESOLUTION = 15_000;

function value(batch: DataBatch, type: EntityType, parts: EntityKeyParts, metric: number): number {
  const table = batch.table(type);
  const row = table.rowOf(parts);
  return row < 0 ? Number.NaN : table.value(row, metric);
}

function expectClose(actual: number, expected: number, what: string): void {
  const tolerance = Math.max(Math.abs(expected) * 0.01, 1e-6);
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(`${what}: got ${actual}, expected ${expected} (±1 %)`);
  }
}

/** Checks every container of the ground truth in `batch`; returns how many were checked. */
function containersChecked(batch: DataBatch, truth: GroundTruth): number {
  let checked = 0;
  for (const node of truth.nodes) {
    for (const pod of node.pods) {
      for (const container of pod.containers) {
        const parts = { namespace: pod.namespace, pod: pod.name, container: container.name };
        const what = `${pod.namespace}/${pod.name}/${container.name}`;
        expectClose(
          value(batch, EntityType.PodContainer, parts, MetricId.CpuUsageRate),
          container.cpu.usageMillicores,
          `${what} cpu/usage_rate`,
        );
        expect(value(batch, EntityType.PodContainer, parts, MetricId.MemoryWorkingSet)).toBe(
          container.memory.workingSetBytes,
        );
        expect(value(batch, EntityType.PodContainer, parts, MetricId.MemoryUsage)).toBe(
          container.memory.usageBytes,
        );
        expectClose(
          value(batch, EntityType.PodContainer, parts, MetricId.MemoryPageFaultsRate),
          container.memory.pageFaultsPerSecond,
          `${what} page faults rate`,
        );
        checked++;
      }
    }
  }
  return checked;
}

describe('core against kubesim ground truth', () => {
  let h: CoreHarness;
  let batch: DataBatch;
  let truth: GroundTruth;

  beforeAll(async () => {
    h = await startCoreHarness({ nodes: 3, podsPerNode: 4, segmentSeconds: 3600 });
    for (let i = 0; i < 3; i++) await h.step(RESOLUTION);
    batch = h.core.pipeline.last!.batch;
    truth = h.sim.truth();
  });

  afterAll(async () => {
    await h.close();
  });

  it('should scrape every node', () => {
    expect(h.core.pipeline.last!.report.scraped.length).toBe(3);
    expect(h.core.pipeline.last!.report.failed).toEqual([]);
  });

  it('should size each batch from the previous one instead of growing it by doubling', () => {
    const labeledBytesPerValue = 1 + 4 + 2 + 4 + 8;
    const capacity = batch.labeled.byteSize() / labeledBytesPerValue;
    expect(batch.labeled.size).toBeGreaterThan(0);
    expect(capacity).toBeLessThanOrEqual(
      batch.labeled.size + Math.ceil(batch.labeled.size / 64) + 16,
    );
  });

  it('should hold the short window plus the batch being scraped, not one more', async () => {
    const store = h.core.store!;
    expect(store.stats().batches).toBe(3);
    const running = h.step(RESOLUTION);
    // The oldest batch leaves as the scrape starts, not when its successor lands.
    expect(store.stats().batches).toBe(2);
    await running;
    expect(store.stats().batches).toBe(3);
  });

  it('should match every container rate within 1 % and every gauge exactly', () => {
    expect(containersChecked(batch, truth)).toBeGreaterThan(12);
  });

  it('should match pod, node, namespace and cluster values', () => {
    const namespaces = new Map<string, { cpu: number; memory: number }>();
    let clusterCpu = 0;
    for (const node of truth.nodes) {
      expectClose(
        value(batch, EntityType.Node, { node: node.name }, MetricId.CpuUsageRate),
        node.cpu.usageMillicores,
        `${node.name} cpu`,
      );
      expect(value(batch, EntityType.Node, { node: node.name }, MetricId.MemoryUsage)).toBe(
        node.memory.usageBytes,
      );
      for (const pod of node.pods) {
        const parts = { namespace: pod.namespace, pod: pod.name };
        const podCpu = value(batch, EntityType.Pod, parts, MetricId.CpuUsageRate);
        expectClose(podCpu, pod.cpu.usageMillicores, `${pod.name} pod cpu`);
        expectClose(
          value(batch, EntityType.Pod, parts, MetricId.NetworkRxRate),
          pod.network.rxBytesPerSecond,
          `${pod.name} rx`,
        );
        const ns = namespaces.get(pod.namespace) ?? { cpu: 0, memory: 0 };
        ns.cpu += podCpu;
        ns.memory += value(batch, EntityType.Pod, parts, MetricId.MemoryUsage);
        namespaces.set(pod.namespace, ns);
        clusterCpu += podCpu;
      }
    }
    for (const [namespace, sums] of namespaces) {
      expect(value(batch, EntityType.Namespace, { namespace }, MetricId.CpuUsageRate)).toBeCloseTo(
        sums.cpu,
        6,
      );
      expect(value(batch, EntityType.Namespace, { namespace }, MetricId.MemoryUsage)).toBe(
        sums.memory,
      );
    }
    expect(value(batch, EntityType.Cluster, {}, MetricId.CpuUsageRate)).toBeCloseTo(clusterCpu, 6);
  });

  it('should enrich containers with requests from the pod spec and sum them into pods and nodes', () => {
    const containers = batch.table(EntityType.PodContainer);
    let withRequest = 0;
    for (let row = 0; row < containers.size; row++) {
      const request = containers.value(row, MetricId.CpuRequest);
      expect(request).toBeGreaterThanOrEqual(0);
      if (request > 0) withRequest++;
    }
    expect(withRequest).toBeGreaterThan(0);
    const nodes = batch.table(EntityType.Node);
    for (let row = 0; row < nodes.size; row++)
      expect(nodes.value(row, MetricId.CpuNodeUtilization)).toBeGreaterThan(0);
  });

  it('should never yield a negative rate after a container restart, and report the new usage', async () => {
    const node = truth.nodes[0]!;
    const pod = node.pods[0]!;
    const container = pod.containers[0]!;
    expect(h.sim.restartContainer(pod.namespace, pod.name, container.name)).toBe(true);
    const { batch: after } = await h.step(RESOLUTION);
    const parts = { namespace: pod.namespace, pod: pod.name, container: container.name };
    const rate = value(after, EntityType.PodContainer, parts, MetricId.CpuUsageRate);
    const now = h.sim.truth({ node: node.name });
    const restarted = now.nodes[0]!.pods.find(p => p.name === pod.name)!.containers.find(
      c => c.name === container.name,
    )!;
    expect(rate).toBeGreaterThanOrEqual(0);
    expectClose(rate, restarted.cpu.usageMillicores, 'restarted container cpu');
    expect(value(after, EntityType.PodContainer, parts, MetricId.RestartCount)).toBe(
      restarted.restartCount,
    );
  });

  it('should report a NotReady node and a hanging kubelet without delaying the others', async () => {
    const [first, second] = truth.nodes;
    h.sim.faults.set({ kind: 'notReady', nodes: [first!.name] });
    h.sim.faults.set({ kind: 'hang', nodes: [second!.name] });
    await new Promise(resolve => setTimeout(resolve, 300));
    const { report } = await h.step(RESOLUTION);
    expect(report.skipped.map(s => [s.node, s.reason])).toEqual([[first!.name, 'not_ready']]);
    expect(report.failed.map(f => [f.node, f.class])).toEqual([[second!.name, 'timeout']]);
    expect(report.scraped).toEqual([truth.nodes[2]!.name]);
    h.sim.faults.clear();
  });

  it('should keep matching the ground truth on batches built on reused columns', async () => {
    const retiredSoon = h.core.store!.latest()!.batch;
    for (let i = 0; i < 3; i++) await h.step(RESOLUTION);
    // Three scrapes later that batch has left the store and lent its columns to the newest.
    expect(retiredSoon.entityCount()).toBe(0);
    const newest = h.core.pipeline.last!.batch;
    expect(containersChecked(newest, h.sim.truth())).toBeGreaterThan(12);
  });
});

describe('core against kubesim ground truth, with a read worker', () => {
  let h: CoreHarness;

  beforeAll(async () => {
    h = await startCoreHarness({ nodes: 3, podsPerNode: 4, segmentSeconds: 3600 }, [
      '--read-workers=1',
    ]);
    for (let i = 0; i < 3; i++) await h.step(RESOLUTION);
  });

  afterAll(async () => {
    await h.close();
  });

  it('should read bodies on the worker and still match every container', () => {
    // The built worker script was found and read bodies (a missing one would fall back silently).
    expect(h.core.readWorkers?.counts.read).toBeGreaterThan(0);
    expect(h.core.readWorkers?.counts.failed).toBe(0);
    expect(h.core.pipeline.last!.report.failed).toEqual([]);
    expect(containersChecked(h.core.pipeline.last!.batch, h.sim.truth())).toBeGreaterThan(12);
  });
});
