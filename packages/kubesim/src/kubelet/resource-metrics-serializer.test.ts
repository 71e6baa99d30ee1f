import { describe, expect, it } from '@jest/globals';
import { InMemoryObjectStore } from '../api/in-memory-object-store.js';
import { ClusterSimulation } from '../sim/cluster-simulation.js';
import { groundTruth } from '../sim/ground-truth.js';
import { goFloat, renderResourceMetrics } from './resource-metrics-serializer.js';

const T0 = Date.parse('2026-11-22T12:00:00Z');

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
  readonly timestamp: number | undefined;
}

/** A strict parser for the exposition lines kubesim writes. */
function parse(text: string): { samples: Sample[]; help: Map<string, string>; types: Map<string, string> } {
  const samples: Sample[] = [];
  const help = new Map<string, string>();
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let m = /^# HELP (\w+) (.+)$/.exec(line);
    if (m !== null) {
      help.set(m[1]!, m[2]!);
      continue;
    }
    m = /^# TYPE (\w+) (counter|gauge)$/.exec(line);
    if (m !== null) {
      types.set(m[1]!, m[2]!);
      continue;
    }
    m = /^(\w+)(?:\{([^}]*)\})? (\S+)(?: (\d+))?$/.exec(line);
    if (m === null) throw new Error(`bad line: ${line}`);
    const labels = Object.fromEntries((m[2] ?? '').split(',').filter((p) => p !== '').map((p) => {
      const [k, v] = p.split('=');
      return [k!, JSON.parse(v!) as string];
    }));
    samples.push({ name: m[1]!, labels, value: Number(m[3]), timestamp: m[4] === undefined ? undefined : Number(m[4]) });
  }
  return { samples, help, types };
}

describe('/metrics/resource', () => {
  const now = (): number => T0 + 10_700;
  const sim = new ClusterSimulation(new InMemoryObjectStore({ now }), { nodes: 2, podsPerNode: 12, seed: 5, now });
  const node = sim.nodes[0]!;
  const text = renderResourceMetrics(sim.snapshot(node), { missingFields: false });
  const { samples, help, types } = parse(text);
  const top = groundTruth(sim, { node: node.name });
  const truth = top.nodes[0]!;

  it('has HELP and TYPE for every family, in name order', () => {
    const families = [...types.keys()];
    expect(families).toEqual([...families].sort());
    expect(families).toEqual(expect.arrayContaining([
      'container_cpu_usage_seconds_total',
      'container_memory_working_set_bytes',
      'container_start_time_seconds',
      'node_cpu_usage_seconds_total',
      'node_memory_working_set_bytes',
      'pod_cpu_usage_seconds_total',
      'pod_memory_working_set_bytes',
      'scrape_error',
    ]));
    for (const f of families) expect(help.get(f)).toMatch(/^\[(STABLE|ALPHA)\] /);
    expect(types.get('container_cpu_usage_seconds_total')).toBe('counter');
    expect(types.get('node_memory_working_set_bytes')).toBe('gauge');
  });

  it('carries the ground truth with explicit millisecond timestamps', () => {
    const nodeCpu = samples.find((s) => s.name === 'node_cpu_usage_seconds_total')!;
    expect(nodeCpu.value).toBeCloseTo(truth.cpu.usageCoreNanoSeconds / 1e9, 6);
    expect(nodeCpu.timestamp).toBe(top.timeMs);
    for (const p of truth.pods) {
      const podCpu = samples.find((s) => s.name === 'pod_cpu_usage_seconds_total' && s.labels.pod === p.name)!;
      expect(podCpu.labels).toEqual({ namespace: p.namespace, pod: p.name });
      expect(podCpu.value).toBeCloseTo(p.cpu.usageCoreNanoSeconds / 1e9, 6);
      for (const c of p.containers) {
        const labels = { container: c.name, namespace: p.namespace, pod: p.name };
        const of = (name: string): Sample => samples.find((s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(labels))!;
        expect(of('container_cpu_usage_seconds_total').value).toBeCloseTo(c.cpu.usageCoreNanoSeconds / 1e9, 6);
        expect(of('container_memory_working_set_bytes').value).toBe(c.memory.workingSetBytes);
        expect(of('container_start_time_seconds').value).toBeCloseTo(c.startTimeMs / 1000, 3);
        expect(of('container_cpu_usage_seconds_total').timestamp).toBe(top.timeMs);
      }
    }
    expect(samples.find((s) => s.name === 'scrape_error')?.value).toBe(0);
  });

  it('drops some working sets under the missingFields fault', () => {
    const degraded = parse(renderResourceMetrics(sim.snapshot(node), { missingFields: true })).samples;
    const count = (list: Sample[]): number => list.filter((s) => s.name === 'container_memory_working_set_bytes').length;
    expect(count(degraded)).toBeLessThan(count(samples));
  });

  it('formats floats as Go does', () => {
    expect(goFloat(0)).toBe('0');
    expect(goFloat(2461.367024)).toBe('2461.367024');
    expect(goFloat(123456)).toBe('123456');
    expect(goFloat(1e6)).toBe('1e+06');
    expect(goFloat(18042880)).toBe('1.804288e+07');
    expect(goFloat(1715421853.5394917)).toBe('1.7154218535394917e+09');
    expect(goFloat(0.00001)).toBe('1e-05');
    expect(goFloat(0.0001)).toBe('0.0001');
  });
});
