import { describe, expect, it } from '@jest/globals';
import { InMemoryObjectStore } from '../api/in-memory-object-store.js';
import type { KubeObject, StoreChange } from '../api/object-store.js';
import { ClusterSimulation } from './cluster-simulation.js';
import type { SimulationOptions } from './options.js';
import { groundTruth } from './ground-truth.js';
import type { GroundTruth } from './ground-truth.js';

const T0 = Date.parse('2026-11-22T12:00:00Z');

function cluster(options: SimulationOptions = {}): { sim: ClusterSimulation; store: InMemoryObjectStore; clock: { t: number } } {
  const clock = { t: T0 + 500 };
  const now = (): number => clock.t;
  const store = new InMemoryObjectStore({ now });
  const sim = new ClusterSimulation(store, { nodes: 3, podsPerNode: 8, seed: 42, churnPodsPerMinute: 0, eventsPerSecond: 0, now, ...options });
  return { sim, store, clock };
}

/** Moves the clock to `to` in tick-sized steps, ticking the simulation. */
function advance(sim: ClusterSimulation, clock: { t: number }, to: number, stepMs = 100): void {
  while (clock.t < to) {
    clock.t = Math.min(to, clock.t + stepMs);
    sim.tick(clock.t);
  }
}

type Container = { spec: { containers: { resources: { requests?: Record<string, string> } }[]; initContainers?: unknown[] } };

describe('ClusterSimulation: the cluster it builds', () => {
  it('is the same for the same seed and different for another', () => {
    const a = cluster().store.list('Pod');
    const b = cluster().store.list('Pod');
    const c = cluster({ seed: 43 }).store.list('Pod');
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(c.map((p) => p.metadata.name)).not.toEqual(a.map((p) => p.metadata.name));
  });

  it('gives every node its own loopback InternalIP, a Hostname, a kubelet port and capacity', () => {
    const { store } = cluster({ nodes: 300, podsPerNode: 0, unschedulablePods: 0 });
    const nodes = store.list('Node');
    const ips = nodes.map((n) => ((n.status as { addresses: { type: string; address: string }[] }).addresses.find((a) => a.type === 'InternalIP'))?.address);
    expect(new Set(ips).size).toBe(300);
    for (const ip of ips) {
      expect(ip).toMatch(/^127\.\d+\.\d+\.\d+$/);
      expect(ip).not.toBe('127.0.0.1');
      expect(ip).not.toMatch(/\.(0|255)$/);
    }
    const status = nodes[0]?.status as Record<string, any>;
    expect(status.addresses).toContainEqual({ type: 'Hostname', address: nodes[0]?.metadata.name });
    expect(status.daemonEndpoints.kubeletEndpoint).toHaveProperty('Port');
    expect(status.capacity.memory).toMatch(/^\d+Ki$/);
    expect(status.allocatable['ephemeral-storage']).toMatch(/^\d+$/);
    expect(status.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe('True');
    expect(status.nodeInfo.kubeletVersion).toMatch(/^v1\.\d+\.\d+$/);
  });

  it('runs pods with 1–3 containers, init containers, GPU requests and varied quantity formats', () => {
    const { store } = cluster({ nodes: 10, podsPerNode: 20, gpuNodeFraction: 0.5 });
    const pods = store.list('Pod') as unknown as (KubeObject & Container)[];
    const counts = new Set(pods.map((p) => p.spec.containers.length));
    expect([...counts].every((n) => n >= 1 && n <= 3)).toBe(true);
    expect(counts.size).toBeGreaterThan(1);
    expect(pods.some((p) => (p.spec.initContainers ?? []).length > 0)).toBe(true);
    const requests = pods.flatMap((p) => p.spec.containers.map((c) => c.resources.requests ?? {}));
    expect(requests.some((r) => r['nvidia.com/gpu'] === '1')).toBe(true);
    const notations = new Set(requests.flatMap((r) => [r.cpu, r.memory]).filter((q): q is string => q !== undefined).map((q) => q.replace(/[0-9.]+/g, '#')));
    expect(notations.size).toBeGreaterThanOrEqual(5);
    expect(pods.every((p) => typeof p.metadata.labels?.app === 'string')).toBe(true);
    const running = pods.filter((p) => (p.status as { phase: string }).phase === 'Running');
    expect(running.length).toBeGreaterThan(150);
    expect((running[0]?.status as { podIP: string }).podIP).toMatch(/^10\.\d+\.\d+\.\d+$/);
  });
});

describe('ClusterSimulation: counters and ground truth', () => {
  const everyCounter = (truth: GroundTruth): Map<string, number> => {
    const out = new Map<string, number>();
    for (const n of truth.nodes) {
      out.set(`node/${n.name}`, n.cpu.usageCoreNanoSeconds);
      out.set(`node-net/${n.name}`, n.network.rxBytes);
      for (const p of n.pods) {
        out.set(`pod/${p.namespace}/${p.name}`, p.cpu.usageCoreNanoSeconds);
        out.set(`pod-net/${p.namespace}/${p.name}`, p.network.txBytes);
        for (const c of p.containers) {
          out.set(`c/${p.namespace}/${p.name}/${c.name}`, c.cpu.usageCoreNanoSeconds);
          out.set(`pf/${p.namespace}/${p.name}/${c.name}`, c.memory.pageFaults);
        }
      }
    }
    return out;
  };

  it('advances every counter by exactly rate × Δt inside one segment', () => {
    const { sim, clock } = cluster({ crashLoopFraction: 0, segmentSeconds: 60 });
    advance(sim, clock, T0 + 65_000);
    const a = groundTruth(sim);
    advance(sim, clock, T0 + 110_000);
    const b = groundTruth(sim);
    expect(b.segment.index).toBe(a.segment.index);
    const dt = (b.timeMs - a.timeMs) / 1000;
    expect(dt).toBe(45);
    const close = (delta: number, expected: number, slack: number): void => {
      expect(Math.abs(delta - expected)).toBeLessThanOrEqual(slack);
    };
    for (const [i, n] of b.nodes.entries()) {
      const before = a.nodes[i]!;
      close(n.cpu.usageCoreNanoSeconds - before.cpu.usageCoreNanoSeconds, n.cpu.usageNanoCores * dt, 2);
      close(n.network.rxBytes - before.network.rxBytes, n.network.rxBytesPerSecond * dt, 2);
      close(n.memory.pageFaults - before.memory.pageFaults, n.memory.pageFaultsPerSecond * dt, 2);
      for (const [j, p] of n.pods.entries()) {
        const pb = before.pods[j]!;
        expect(pb.name).toBe(p.name);
        close(p.cpu.usageCoreNanoSeconds - pb.cpu.usageCoreNanoSeconds, p.cpu.usageNanoCores * dt, 2);
        close(p.network.txBytes - pb.network.txBytes, p.network.txBytesPerSecond * dt, 2);
        for (const [k, c] of p.containers.entries()) {
          const cb = pb.containers[k]!;
          close(c.cpu.usageCoreNanoSeconds - cb.cpu.usageCoreNanoSeconds, c.cpu.usageNanoCores * dt, 2);
          close(c.memory.pageFaults - cb.memory.pageFaults, c.memory.pageFaultsPerSecond * dt, 2);
          expect(c.memory.workingSetBytes).toBe(cb.memory.workingSetBytes);
          expect(c.cpu.usageMillicores).toBeCloseTo(c.cpu.usageNanoCores / 1e6, 9);
        }
      }
    }
  });

  it('changes rates at segment boundaries but keeps counters monotonic through churn', () => {
    const { sim, clock } = cluster({ churnPodsPerMinute: 30, crashLoopFraction: 0, segmentSeconds: 10, eventsPerSecond: 5 });
    let previous = everyCounter(groundTruth(sim));
    const rates = new Set<number>();
    for (let s = 1; s <= 60; s++) {
      advance(sim, clock, T0 + 500 + s * 5_000);
      const truth = groundTruth(sim);
      rates.add(truth.nodes[0]!.pods[0]!.cpu.usageNanoCores);
      const current = everyCounter(truth);
      for (const [key, value] of current) {
        const before = previous.get(key);
        if (before !== undefined) expect({ key, value: value >= before }).toEqual({ key, value: true });
      }
      previous = current;
    }
    expect(rates.size).toBeGreaterThan(5);
  });

  it('resets a restarted container: counter back near zero, new startTime, restartCount + 1, events', () => {
    const { sim, clock, store } = cluster({ crashLoopFraction: 0 });
    advance(sim, clock, T0 + 30_000);
    const pod = groundTruth(sim).nodes[1]!.pods[2]!;
    const container = pod.containers[0]!;
    const added: StoreChange[] = [];
    store.subscribe('Event', (c) => added.push(c));
    expect(sim.restartContainer(pod.namespace, pod.name, container.name)).toBe(true);
    advance(sim, clock, T0 + 32_000);
    const after = groundTruth(sim).nodes[1]!.pods.find((p) => p.name === pod.name)!;
    const restarted = after.containers[0]!;
    expect(restarted.restartCount).toBe(container.restartCount + 1);
    expect(restarted.startTimeMs).toBeGreaterThan(container.startTimeMs);
    expect(restarted.cpu.usageCoreNanoSeconds).toBeLessThan(container.cpu.usageCoreNanoSeconds);
    expect(restarted.cpu.usageCoreNanoSeconds).toBeLessThanOrEqual(Math.ceil(restarted.cpu.usageNanoCores * 3));
    // The pod's own counter (its cgroup) keeps counting through the restart.
    expect(after.cpu.usageCoreNanoSeconds).toBeGreaterThan(pod.cpu.usageCoreNanoSeconds);
    const object = store.get('Pod', pod.namespace, pod.name) as any;
    expect(object.status.containerStatuses[0].restartCount).toBe(container.restartCount + 1);
    expect(added.map((c) => c.object.reason)).toEqual(expect.arrayContaining(['Pulled', 'Created', 'Started']));
    expect(added.every((c) => (c.object.involvedObject as { name: string }).name === pod.name)).toBe(true);
    expect(sim.restartContainer(pod.namespace, 'no-such-pod')).toBe(false);
  });

  it('zeroes the node, pod and container counters on a counter reset', () => {
    const { sim, clock } = cluster();
    advance(sim, clock, T0 + 10_000);
    const before = groundTruth(sim, { node: 'node-0002' }).nodes[0]!;
    sim.resetCounters(sim.nodesByName.get('node-0002')!);
    advance(sim, clock, T0 + 12_000);
    const after = groundTruth(sim, { node: 'node-0002' }).nodes[0]!;
    expect(after.cpu.usageCoreNanoSeconds).toBeLessThan(before.cpu.usageCoreNanoSeconds / 1000);
    expect(after.startTimeMs).toBeGreaterThan(before.startTimeMs);
    expect(after.pods[0]!.cpu.usageCoreNanoSeconds).toBeLessThan(before.pods[0]!.cpu.usageCoreNanoSeconds);
    expect(after.pods[0]!.containers[0]!.restartCount).toBe(before.pods[0]!.containers[0]!.restartCount);
    const other = groundTruth(sim, { node: 'node-0001' }).nodes[0]!;
    expect(other.cpu.usageCoreNanoSeconds).toBeGreaterThan(before.cpu.usageCoreNanoSeconds / 1000);
  });
});
