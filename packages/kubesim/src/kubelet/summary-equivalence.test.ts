import { describe, expect, it } from '@jest/globals';
import { InMemoryObjectStore } from '../api/in-memory-object-store.js';
import { ClusterSimulation } from '../sim/cluster-simulation.js';
import type { NodeSnapshot } from '../sim/cluster-simulation.js';
import { renderSummaryString } from '../testing/summary-string-renderer.js';
import { ByteWriter } from './byte-writer.js';
import { writeSummary } from './summary-serializer.js';
import type { SummaryRenderOptions } from './summary-serializer.js';

const T0 = Date.parse('2026-11-22T12:00:00Z');
const OPTIONS: readonly SummaryRenderOptions[] = [
  { onlyCpuAndMemory: false, missingFields: false },
  { onlyCpuAndMemory: true, missingFields: false },
  { onlyCpuAndMemory: false, missingFields: true },
  { onlyCpuAndMemory: true, missingFields: true },
];

/** What the compared snapshots contained, so the test proves it covered each shape. */
interface Coverage {
  bodies: number;
  accelerators: number;
  userDefinedMetrics: number;
  pvcVolumes: number;
  plainVolumes: number;
  restarted: number;
  memoryLimits: number;
  podlessNodes: number;
}

/** Null when equal, else where the two first differ (readable, unlike a 200 KB string diff). */
function difference(expected: Buffer, actual: Buffer): string | null {
  if (expected.equals(actual)) return null;
  let at = 0;
  while (at < expected.length && expected[at] === actual[at]) at++;
  const around = (b: Buffer): string => b.toString('utf8', Math.max(0, at - 80), at + 80);
  return `lengths ${expected.length}/${actual.length}, first difference at byte ${at}:\n  expected …${around(expected)}…\n  actual   …${around(actual)}…`;
}

function compareAll(sim: ClusterSimulation, writer: ByteWriter, coverage: Coverage): void {
  for (const node of sim.nodes) {
    const snapshot: NodeSnapshot = sim.snapshot(node);
    for (const options of OPTIONS) {
      writer.reset();
      writeSummary(writer, snapshot, options);
      expect(difference(Buffer.from(renderSummaryString(snapshot, options), 'utf8'), writer.view())).toBeNull();
      coverage.bodies++;
    }
    if (snapshot.pods.length === 0) coverage.podlessNodes++;
    for (const p of snapshot.pods) {
      for (const v of p.pod.volumes) {
        if (v.claimName === undefined) coverage.plainVolumes++;
        else coverage.pvcVolumes++;
      }
      for (const c of p.pod.containers) {
        if (c.accelerators.length > 0) coverage.accelerators++;
        if (c.userDefinedMetrics) coverage.userDefinedMetrics++;
        if (c.restartCount > 0) coverage.restarted++;
        if (c.memoryLimit !== undefined) coverage.memoryLimits++;
      }
    }
  }
}

function cluster(seed: number, nodes: number, podsPerNode: number): { sim: ClusterSimulation; clock: { t: number } } {
  const clock = { t: T0 + 700 };
  const now = (): number => clock.t;
  const sim = new ClusterSimulation(new InMemoryObjectStore({ now }), {
    nodes,
    podsPerNode,
    seed,
    gpuNodeFraction: 0.5,
    crashLoopFraction: 0.3,
    churnPodsPerMinute: 120,
    eventsPerSecond: 0,
    segmentSeconds: 20,
    now,
  });
  return { sim, clock };
}

function advance(sim: ClusterSimulation, clock: { t: number }, ms: number): void {
  const to = clock.t + ms;
  while (clock.t < to) {
    clock.t = Math.min(to, clock.t + 250);
    sim.tick(clock.t);
  }
}

describe('the byte Summary writer', () => {
  it('writes exactly the string renderer’s bytes: seeded clusters, every option, through restarts, resets and churn', () => {
    const coverage: Coverage = { bodies: 0, accelerators: 0, userDefinedMetrics: 0, pvcVolumes: 0, plainVolumes: 0, restarted: 0, memoryLimits: 0, podlessNodes: 0 };
    // A small first buffer, so growth happens mid-body.
    const writer = new ByteWriter(256);
    for (const [seed, nodes, podsPerNode] of [
      [1, 4, 30],
      [7, 5, 20],
      [23, 3, 40],
      [99, 2, 0],
    ] as const) {
      const { sim, clock } = cluster(seed, nodes, podsPerNode);
      compareAll(sim, writer, coverage);
      advance(sim, clock, 45_000);
      // Restart containers by hand (crash-looping pods restart by themselves too).
      for (const node of sim.nodes.slice(0, 2)) {
        for (const pod of [...node.pods.values()].filter((p) => p.phase === 'Running').slice(0, 3)) {
          sim.restartContainer(pod.namespace, pod.name, pod.containers[pod.containers.length - 1]?.name);
        }
      }
      advance(sim, clock, 2_000);
      compareAll(sim, writer, coverage);
      const last = sim.nodes[sim.nodes.length - 1];
      if (last !== undefined) sim.resetCounters(last);
      compareAll(sim, writer, coverage);
      advance(sim, clock, 61_000);
      compareAll(sim, writer, coverage);
      // An earlier sample time after a later one: the per-time fragments must follow.
      const node = sim.nodes[0];
      if (node !== undefined) {
        for (const t of [clock.t - 30_000, clock.t]) {
          const snapshot = sim.snapshot(node, sim.sampleTime(t));
          writer.reset();
          writeSummary(writer, snapshot, OPTIONS[0] as SummaryRenderOptions);
          expect(difference(Buffer.from(renderSummaryString(snapshot, OPTIONS[0] as SummaryRenderOptions), 'utf8'), writer.view())).toBeNull();
        }
      }
    }
    expect(coverage.bodies).toBeGreaterThanOrEqual(200);
    for (const key of ['accelerators', 'userDefinedMetrics', 'pvcVolumes', 'plainVolumes', 'restarted', 'memoryLimits', 'podlessNodes'] as const) {
      expect([key, coverage[key] > 0]).toEqual([key, true]);
    }
  });
});
