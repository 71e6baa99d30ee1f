import { describe, expect, it } from '@jest/globals';
import { DataBatch, EntityType, MetricId } from '@heapster/model';
import { sampleBatch, T0 } from '../testing/sample-cluster.js';
import { renderExposition } from './exposition-renderer.js';

interface Exposition {
  readonly types: Map<string, string>;
  readonly samples: string[];
  readonly chunks: number;
}

function render(batch: DataBatch, options = {}): Exposition {
  const chunks = [...renderExposition(batch, options)];
  const lines = chunks
    .join('')
    .split('\n')
    .filter(line => line !== '');
  const types = new Map<string, string>();
  const samples: string[] = [];
  let family = '';
  for (const line of lines) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type !== null) {
      expect(types.has(type[1]!)).toBe(false); // one TYPE line per family
      types.set(type[1]!, type[2]!);
      family = type[1]!;
    } else if (!line.startsWith('#')) {
      expect(line.startsWith(`${family}{`) || line.startsWith(`${family} `)).toBe(true); // contiguous
      samples.push(line);
    }
  }
  return { types, samples, chunks: chunks.length };
}

const POD_LABELS =
  'type="pod",namespace_name="default",pod_name="web-1",nodename="node-a",pod_id="uid-web-1",labels="app:web,tier:\\"front\\""';

describe('renderExposition', () => {
  it('should expose every level of a metric in one family, with escaped labels', () => {
    const { types, samples } = render(sampleBatch(T0, 2));
    expect(types.get('heapster_cpu_usage_rate')).toBe('gauge');
    expect(types.get('heapster_cpu_usage_total')).toBe('counter');
    expect(samples).toContain(`heapster_cpu_usage_rate{${POD_LABELS}} 252`);
    expect(samples).toContain('heapster_cpu_usage_rate{type="cluster"} 3002');
    expect(samples).toContain('heapster_cpu_usage_rate{type="ns",namespace_name="kube-system"} 32');
    expect(samples).toContain(
      'heapster_cpu_usage_rate{type="sys_container",container_name="kubelet",nodename="node-a"} 52',
    );
    expect(samples).toContain(
      'heapster_cpu_node_utilization{type="node",nodename="node-a",hostname="host-a.example"} 0.25',
    );
    expect(samples.filter(s => s.startsWith('heapster_cpu_usage_rate{'))).toHaveLength(13);
  });

  it('should add the labels of labeled metrics and keep floats and negatives', () => {
    const { samples } = render(sampleBatch(T0, 2));
    const app =
      'type="pod_container",namespace_name="default",pod_name="web-1",container_name="app",nodename="node-a"';
    expect(samples).toContain(`heapster_filesystem_usage{${app},resource_id="/"} 102`);
    expect(samples).toContain(`heapster_filesystem_usage{${app},resource_id="logs"} 202`);
    expect(samples).toContain(`heapster_custom_queue_delta{${app}} -2.5`);
    expect(samples).toContain('heapster_batch_timestamp_seconds 1704067200');
  });

  it('should rename a labeled-metric label that the metric set already carries', () => {
    const batch = sampleBatch(T0, 0);
    const row = batch.table(EntityType.Node).rowOf({ node: 'node-b' });
    const set = batch.labelSets.intern([{ key: 'nodename', value: 'other' }]);
    batch.labeled.add(EntityType.Node, row, MetricId.FilesystemUsage, set, 7);
    const { samples } = render(batch);
    expect(samples).toContain(
      'heapster_filesystem_usage{type="node",nodename="node-b",exported_nodename="other"} 7',
    );
  });

  it('should limit the exposition to the requested entity types', () => {
    const { samples } = render(sampleBatch(T0, 0), { types: new Set([EntityType.Node]) });
    const kinds = new Set(
      samples.filter(s => s.includes('{')).map(s => /type="([^"]+)"/.exec(s)?.[1]),
    );
    expect([...kinds]).toEqual(['node']);
  });

  it('should stamp samples with the batch time only when asked', () => {
    expect(render(sampleBatch(T0, 0)).samples.some(line => line.endsWith(` ${T0}`))).toBe(false);
    const stamped = render(sampleBatch(T0, 0), { timestamps: true }).samples;
    expect(stamped.every(line => line.endsWith(` ${T0}`))).toBe(true);
  });

  it('should stream a big batch in chunks without losing a sample', () => {
    const batch = new DataBatch({ timestamp: T0 });
    const pods = batch.table(EntityType.Pod);
    for (let i = 0; i < 5_000; i++) {
      const row = pods.addRow({ namespace: 'ns', pod: `pod-${i}`, node: 'n1' });
      pods.setValue(row, MetricId.CpuUsageRate, i);
      pods.setValue(row, MetricId.MemoryWorkingSet, i * 1024);
    }
    const { samples, chunks } = render(batch);
    expect(chunks).toBeGreaterThan(3);
    expect(samples).toHaveLength(1 + 2 * 5_000);
    expect(samples).toContain(
      'heapster_memory_working_set{type="pod",namespace_name="ns",pod_name="pod-4999",nodename="n1"} 5118976',
    );
  });

  it('should render nothing before the first batch', () => {
    expect([...renderExposition(undefined)]).toEqual([]);
  });
});
