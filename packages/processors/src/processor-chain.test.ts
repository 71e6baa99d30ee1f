import { describe, expect, it } from '@jest/globals';
import { EntityType, LabelId, MetricId, type DataBatch } from '@heapster/model';
import { createMemoryLogger } from '@heapster/runtime';
import { Registry } from 'prom-client';
import type { DataProcessor } from './data-processor.js';
import { heapsterProcessors } from './heapster-processors.js';
import { ProcessorChain } from './processor-chain.js';
import {
  addRow,
  BatchFactory,
  container,
  hostLabels,
  labelOf,
  namespaceSource,
  nodeSource,
  pod,
  podSource,
  valueOf,
} from './testing/batch-fixtures.js';

function recorder(name: string, calls: string[], fail?: () => Error | undefined): DataProcessor {
  return {
    name,
    process: () => {
      calls.push(name);
      const error = fail?.();
      if (error !== undefined) throw error;
    },
  };
}

describe('ProcessorChain', () => {
  it('should run every processor in order and time each one', async () => {
    const calls: string[] = [];
    const registry = new Registry();
    const chain = new ProcessorChain({
      processors: [recorder('first', calls), recorder('second', calls)],
      logger: createMemoryLogger(),
      registry,
    });
    expect(chain.process(new BatchFactory().batch(0))).toEqual([]);
    expect(calls).toEqual(['first', 'second']);
    const text = await registry.metrics();
    expect(text).toContain('heapster_processor_duration_milliseconds_count{processor="first"} 1');
    expect(text).toContain('heapster_processor_duration_milliseconds_count{processor="second"} 1');
  });

  it('should go on after a failing processor, count it and log once per change', async () => {
    const calls: string[] = [];
    const registry = new Registry();
    const logger = createMemoryLogger();
    let failure: Error | undefined = new Error('cache not synced');
    const chain = new ProcessorChain({
      processors: [recorder('flaky', calls, () => failure), recorder('after', calls)],
      logger,
      registry,
    });
    const factory = new BatchFactory();
    const failed = chain.process(factory.batch(0));
    expect(failed.map(entry => entry.processor)).toEqual(['flaky']);
    chain.process(factory.batch(1));
    failure = new Error('other');
    chain.process(factory.batch(2));
    failure = undefined;
    chain.process(factory.batch(3));
    chain.process(factory.batch(4));
    expect(calls.filter(name => name === 'after')).toHaveLength(5);
    expect(logger.lines.map(line => [line.level, line.message])).toEqual([
      ['error', 'processor failed; the batch goes on without it'],
      ['error', 'processor failed; the batch goes on without it'],
      ['info', 'processor recovered'],
    ]);
    expect(await registry.metrics()).toContain(
      'heapster_processor_failures_total{processor="flaky"} 3',
    );
  });

  it('should give the event loop a turn before each processor when yielding', async () => {
    const calls: string[] = [];
    const chain = new ProcessorChain({
      processors: [
        recorder('first', calls),
        recorder('broken', calls, () => new Error('boom')),
        recorder('third', calls),
      ],
      logger: createMemoryLogger(),
      registry: new Registry(),
    });
    // A callback queued now runs before the first processor; one queued by the first
    // processor runs before the next.
    setImmediate(() => calls.push('io'));
    const failed = await chain.processYielding(new BatchFactory().batch(0));
    expect(failed.map(entry => entry.processor)).toEqual(['broken']);
    expect(calls).toEqual(['io', 'first', 'broken', 'third']);
    const interleaved: string[] = [];
    const spy = new ProcessorChain({
      processors: [
        { name: 'a', process: () => void setImmediate(() => interleaved.push('io')) },
        { name: 'b', process: () => void interleaved.push('b') },
      ],
      logger: createMemoryLogger(),
      registry: new Registry(),
    });
    await spy.processYielding(new BatchFactory().batch(0));
    expect(interleaved).toEqual(['io', 'b']);
  });

  it('should run a processor that offers slices through them when yielding', async () => {
    const calls: string[] = [];
    let clock = 0;
    const sliced: DataProcessor = {
      name: 'sliced',
      process: () => void calls.push('whole'),
      processInSlices: async (_batch, turn) => {
        for (let step = 0; step < 4; step++) {
          clock += 6; // each step "takes" 6 ms: the 10 ms budget is spent every second step
          calls.push(`step${step}`);
          setImmediate(() => calls.push('io'));
          await turn();
        }
        throw new Error('late failure');
      },
    };
    const chain = new ProcessorChain({
      processors: [sliced],
      logger: createMemoryLogger(),
      registry: new Registry(),
      now: () => clock,
    });
    const failed = await chain.processYielding(new BatchFactory().batch(0));
    expect(failed.map(entry => entry.processor)).toEqual(['sliced']);
    expect(calls.filter(call => call.startsWith('step'))).toHaveLength(4);
    expect(calls).not.toContain('whole');
    // The loop ran other callbacks after the second and the fourth step, not after each one.
    expect(calls.slice(0, 3)).toEqual(['step0', 'step1', 'io']);
    expect(chain.process(new BatchFactory().batch(1))).toEqual([]);
    expect(calls.at(-1)).toBe('whole');
  });

  it('should refuse two processors with one name', () => {
    const calls: string[] = [];
    expect(
      () =>
        new ProcessorChain({
          processors: [recorder('same', calls), recorder('same', calls)],
          logger: createMemoryLogger(),
          registry: new Registry(),
        }),
    ).toThrow('"same"');
  });
});

describe('heapsterProcessors', () => {
  const NODE = { node: 'node-1' };
  const WEB = { namespace: 'shop', pod: 'web' };

  function kubeletBatch(factory: BatchFactory, scrape: number, cpuNs: number): DataBatch {
    const batch = factory.batch(scrape);
    const common = { start: 0, scrape, labels: hostLabels('node-1') };
    addRow(batch, EntityType.Node, {
      ...NODE,
      ...common,
      values: {
        [MetricId.CpuUsage]: cpuNs * 4,
        [MetricId.MemoryUsage]: 8e9,
        [MetricId.MemoryWorkingSet]: 6e9,
      },
    });
    addRow(batch, EntityType.Pod, {
      ...WEB,
      ...NODE,
      ...common,
      values: { [MetricId.NetworkRx]: scrape },
    });
    addRow(batch, EntityType.PodContainer, {
      ...WEB,
      ...NODE,
      ...common,
      container: 'app',
      // The kubelet's usageNanoCores as a provisional rate on the first scrape.
      values: {
        [MetricId.CpuUsage]: cpuNs,
        [MetricId.CpuUsageRate]: 150,
        [MetricId.MemoryUsage]: 3e9,
      },
    });
    return batch;
  }

  it("should produce Heapster's rows and values over two batches", () => {
    const { processors, rateCalculator } = heapsterProcessors({
      pods: podSource({
        'shop/web': pod({
          uid: 'uid-web',
          labels: { app: 'web' },
          containers: [
            container('app', { requests: { cpuMillis: 500, memoryBytes: 4e9 } }),
            container('init-sidecar', { requests: { cpuMillis: 100 }, limits: { cpuMillis: 200 } }),
          ],
        }),
      }),
      namespaces: namespaceSource({ shop: 'uid-shop' }),
      nodes: nodeSource({
        'node-1': {
          labels: { zone: 'a' },
          capacity: { cpuMillis: 2_000, memoryBytes: 16e9 },
          allocatable: { cpuMillis: 1_000, memoryBytes: 10e9 },
        },
      }),
    });
    const chain = new ProcessorChain({
      processors,
      logger: createMemoryLogger(),
      registry: new Registry(),
    });
    expect(chain.processorNames).toEqual([
      'rate_calculator',
      'pod_based_enricher',
      'namespace_based_enricher',
      'pod_aggregator',
      'namespace_aggregator',
      'node_aggregator',
      'cluster_aggregator',
      'node_autoscaling_enricher',
    ]);
    const factory = new BatchFactory();
    const first = kubeletBatch(factory, 60_000, 10e9);
    expect(chain.process(first)).toEqual([]);
    // First scrape: the provisional rate reaches pod, namespace and cluster.
    expect(valueOf(first, EntityType.Cluster, {}, MetricId.CpuUsageRate)).toBe(150);

    const second = kubeletBatch(factory, 75_000, 13e9);
    expect(chain.process(second)).toEqual([]);
    const C = { ...WEB, container: 'app' };
    expect(valueOf(second, EntityType.PodContainer, C, MetricId.CpuUsageRate)).toBe(200);
    expect(
      valueOf(
        second,
        EntityType.PodContainer,
        { ...WEB, container: 'init-sidecar' },
        MetricId.CpuLimit,
      ),
    ).toBe(200);
    expect(valueOf(second, EntityType.Pod, WEB, MetricId.NetworkRxRate)).toBe(1_000);
    expect(valueOf(second, EntityType.Pod, WEB, MetricId.CpuUsageRate)).toBe(200);
    expect(valueOf(second, EntityType.Pod, WEB, MetricId.CpuRequest)).toBe(600);
    expect(valueOf(second, EntityType.Pod, WEB, MetricId.CpuLimit)).toBe(200);
    expect(valueOf(second, EntityType.Namespace, { namespace: 'shop' }, MetricId.MemoryUsage)).toBe(
      3e9,
    );
    expect(valueOf(second, EntityType.Cluster, {}, MetricId.CpuRequest)).toBe(600);
    expect(valueOf(second, EntityType.Node, NODE, MetricId.CpuUsageRate)).toBe(800);
    expect(valueOf(second, EntityType.Node, NODE, MetricId.CpuRequest)).toBe(600);
    expect(valueOf(second, EntityType.Node, NODE, MetricId.CpuNodeUtilization)).toBe(0.8);
    expect(valueOf(second, EntityType.Node, NODE, MetricId.CpuNodeReservation)).toBe(0.6);
    expect(valueOf(second, EntityType.Node, NODE, MetricId.MemoryNodeUtilization)).toBe(0.8);
    expect(valueOf(second, EntityType.Node, NODE, MetricId.MemoryNodeWorkingSetUtilization)).toBe(
      0.6,
    );
    expect(labelOf(second, EntityType.Namespace, { namespace: 'shop' }, LabelId.NamespaceId)).toBe(
      'uid-shop',
    );
    expect(labelOf(second, EntityType.PodContainer, C, LabelId.Labels)).toBe('app:web');
    expect(labelOf(second, EntityType.Node, NODE, LabelId.Labels)).toBe('zone:a');
    const row = second.table(EntityType.PodContainer).rowOf(C);
    expect(rateCalculator.windowOf(EntityType.PodContainer, row, second)).toBe(15_000);
  });
});
