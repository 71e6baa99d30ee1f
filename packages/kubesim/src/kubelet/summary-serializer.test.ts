import { describe, expect, it } from '@jest/globals';
import { InMemoryObjectStore } from '../api/in-memory-object-store.js';
import { ClusterSimulation } from '../sim/cluster-simulation.js';
import { groundTruth } from '../sim/ground-truth.js';
import type { NodeSnapshot } from '../sim/cluster-simulation.js';
import { ByteWriter } from './byte-writer.js';
import { validateSummary } from './summary-schema.js';
import { writeSummary } from './summary-serializer.js';
import type { SummaryRenderOptions } from './summary-serializer.js';

const T0 = Date.parse('2026-11-22T12:00:00Z');

function simulation(): ClusterSimulation {
  const now = (): number => T0 + 42_300;
  return new ClusterSimulation(new InMemoryObjectStore({ now }), { nodes: 6, podsPerNode: 16, seed: 3, gpuNodeFraction: 0.5, now });
}

function renderSummary(snapshot: NodeSnapshot, options: SummaryRenderOptions): string {
  const w = new ByteWriter(64);
  writeSummary(w, snapshot, options);
  return w.toString();
}

const full = { onlyCpuAndMemory: false, missingFields: false };

describe('Summary API JSON', () => {
  const sim = simulation();
  const node = sim.nodes.find((n) => n.gpuCount > 0)!;
  const summary = JSON.parse(renderSummary(sim.snapshot(node), full));
  const top = groundTruth(sim, { node: node.name });
  const truth = top.nodes[0]!;

  it('validates against the schema written from the kubelet Go types', () => {
    expect(validateSummary(summary)).toEqual([]);
    for (const n of sim.nodes) expect(validateSummary(JSON.parse(renderSummary(sim.snapshot(n), full)))).toEqual([]);
  });

  it('has every part of a real summary, fields in Go declaration order', () => {
    expect(Object.keys(summary.node)).toEqual(['nodeName', 'systemContainers', 'startTime', 'cpu', 'memory', 'network', 'fs', 'runtime', 'rlimit']);
    expect(summary.node.systemContainers.map((c: { name: string }) => c.name)).toEqual(['kubelet', 'runtime', 'pods']);
    expect(Object.keys(summary.node.cpu)).toEqual(['time', 'usageNanoCores', 'usageCoreNanoSeconds']);
    expect(Object.keys(summary.node.memory)).toEqual(['time', 'availableBytes', 'usageBytes', 'workingSetBytes', 'rssBytes', 'pageFaults', 'majorPageFaults']);
    expect(Object.keys(summary.node.network)).toEqual(['time', 'name', 'rxBytes', 'rxErrors', 'txBytes', 'txErrors', 'interfaces']);
    expect(Object.keys(summary.node.runtime)).toEqual(['imageFs', 'containerFs']);
    const pod = summary.pods[0];
    expect(Object.keys(pod)).toEqual(['podRef', 'startTime', 'containers', 'cpu', 'memory', 'network', 'volume', 'ephemeral-storage', 'process_stats']);
    const everywhere: any[] = sim.nodes.flatMap((n) => JSON.parse(renderSummary(sim.snapshot(n), full)).pods);
    const containers: any[] = everywhere.flatMap((p) => p.containers);
    const gpu = containers.find((c: { accelerators?: unknown[] }) => (c.accelerators ?? []).length > 0);
    expect(gpu.accelerators[0]).toEqual({ make: 'nvidia', model: expect.any(String), id: expect.stringMatching(/^GPU-/), memoryTotal: expect.any(Number), memoryUsed: expect.any(Number), dutyCycle: expect.any(Number) });
    const volumes = summary.pods.flatMap((p: { volume?: { pvcRef?: unknown; name: string }[] }) => p.volume ?? []);
    expect(volumes.some((v: { name: string }) => v.name.startsWith('kube-api-access-'))).toBe(true);
    expect(containers.some((c: { userDefinedMetrics?: unknown }) => c.userDefinedMetrics !== undefined)).toBe(true);
    const pvcs = everywhere.flatMap((p: { volume?: { pvcRef?: unknown }[] }) => p.volume ?? []).filter((v: { pvcRef?: unknown }) => v.pvcRef !== undefined);
    expect(pvcs.length).toBeGreaterThan(0);
  });

  it('reports exactly the ground truth at the sample time', () => {
    expect(summary.node.cpu.time).toBe(top.time);
    expect(summary.node.cpu.usageCoreNanoSeconds).toBe(truth.cpu.usageCoreNanoSeconds);
    expect(summary.node.cpu.usageNanoCores).toBe(Math.round(truth.cpu.usageNanoCores));
    expect(summary.node.memory.workingSetBytes).toBe(truth.memory.workingSetBytes);
    expect(summary.node.network.rxBytes).toBe(truth.network.rxBytes);
    expect(summary.node.startTime).toBe(truth.startTime);
    expect(summary.pods).toHaveLength(truth.pods.length);
    for (const [i, p] of truth.pods.entries()) {
      const s = summary.pods[i];
      expect(s.podRef).toEqual({ name: p.name, namespace: p.namespace, uid: p.uid });
      expect(s.cpu.usageCoreNanoSeconds).toBe(p.cpu.usageCoreNanoSeconds);
      expect(s.network.txBytes).toBe(p.network.txBytes);
      for (const [j, c] of p.containers.entries()) {
        expect(s.containers[j].name).toBe(c.name);
        expect(s.containers[j].startTime).toBe(c.startTime);
        expect(s.containers[j].cpu.usageCoreNanoSeconds).toBe(c.cpu.usageCoreNanoSeconds);
        expect(s.containers[j].memory.workingSetBytes).toBe(c.memory.workingSetBytes);
        expect(s.containers[j].memory.pageFaults).toBe(c.memory.pageFaults);
        expect(s.containers[j].rootfs.usedBytes).toBe(c.rootfs.usedBytes);
      }
    }
  });

  it('with only_cpu_and_memory, carries CPU and memory only', () => {
    const small = JSON.parse(renderSummary(sim.snapshot(node), { onlyCpuAndMemory: true, missingFields: false }));
    expect(validateSummary(small)).toEqual([]);
    expect(Object.keys(small.node)).toEqual(['nodeName', 'systemContainers', 'startTime', 'cpu', 'memory']);
    expect(Object.keys(small.pods[0])).toEqual(['podRef', 'startTime', 'containers', 'cpu', 'memory']);
    expect(Object.keys(small.pods[0].containers[0])).toEqual(['name', 'startTime', 'cpu', 'memory']);
  });

  it('with the missingFields fault, stays schema-valid but drops optional fields', () => {
    const degraded = JSON.parse(renderSummary(sim.snapshot(node), { onlyCpuAndMemory: false, missingFields: true }));
    expect(validateSummary(degraded)).toEqual([]);
    expect(degraded.node.memory).toBeUndefined();
    expect(degraded.pods[0].containers[0].cpu.usageCoreNanoSeconds).toBeUndefined();
    expect(degraded.pods[0].containers[0].memory.workingSetBytes).toBeUndefined();
    expect(degraded.pods[1].cpu).toBeUndefined();
    expect(degraded.pods[1].network).toBeUndefined();
  });
});

describe('validateSummary', () => {
  const good = (): any => ({
    node: { nodeName: 'n', startTime: '2026-11-22T12:00:00Z', cpu: { time: '2026-11-22T12:00:00Z', usageNanoCores: 1 } },
    pods: [{ podRef: { name: 'p', namespace: 'ns', uid: 'u' }, startTime: '2026-11-22T12:00:00Z', containers: [] }],
  });

  it('accepts a minimal valid summary', () => {
    expect(validateSummary(good())).toEqual([]);
  });

  it('names misspelt, missing, negative, fractional and badly timed fields', () => {
    const doc = good();
    doc.node.cpu.usageNanocores = 5;
    delete doc.pods[0].podRef;
    doc.node.cpu.usageNanoCores = -1;
    doc.pods[0].containers.push({ name: 'c', startTime: 'yesterday', memory: { time: '2026-11-22T12:00:00Z', usageBytes: 1.5 } });
    expect(validateSummary(doc).sort()).toEqual([
      '$.node.cpu.usageNanoCores: expected a non-negative integer, got -1',
      '$.node.cpu.usageNanocores: unknown field',
      '$.pods[0].containers[0].memory.usageBytes: expected a non-negative integer, got 1.5',
      '$.pods[0].containers[0].startTime: not an RFC 3339 time: "yesterday"',
      '$.pods[0].podRef: required field is missing',
    ]);
  });
});
