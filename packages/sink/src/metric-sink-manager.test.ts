import { describe, expect, it } from '@jest/globals';
import { DataBatch } from '@heapster/model';
import { ManualClock, RetryableError, createMemoryLogger } from '@heapster/runtime';
import { Registry } from 'prom-client';
import { MetricSinkManager } from './metric-sink-manager.js';
import type { MetricSink, SinkCallOptions } from './sink.js';

/** A sink whose writes finish when the test says so. */
class ControlledSink implements MetricSink {
  readonly writes: number[] = [];
  readonly pending: { resolve: () => void; reject: (e: unknown) => void; signal: AbortSignal }[] =
    [];
  shutdowns = 0;
  constructor(readonly name: string) {}
  async start(): Promise<void> {}
  async flush(): Promise<void> {}
  async shutdown(): Promise<void> {
    this.shutdowns++;
  }
  write(batch: DataBatch, options: SinkCallOptions): Promise<void> {
    this.writes.push(batch.timestamp);
    return new Promise((resolve, reject) =>
      this.pending.push({ resolve, reject, signal: options.signal }),
    );
  }
}

async function counter(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find(m => m.name === name);
  const value = metric?.values.find(v =>
    Object.entries(labels).every(([k, l]) => v.labels[k] === l),
  );
  return value?.value ?? 0;
}

function setup(sinks: MetricSink[], exportTimeoutMs = 10_000) {
  const registry = new Registry();
  const logger = createMemoryLogger();
  const manager = new MetricSinkManager({
    sinks,
    exportTimeoutMs,
    logger,
    clock: new ManualClock(),
    registry,
  });
  return { registry, logger, manager };
}

const batch = (t: number) => new DataBatch({ timestamp: t });

describe('MetricSinkManager', () => {
  it('should skip a busy sink and count the drop, while an idle sink gets every batch', async () => {
    const slow = new ControlledSink('slow');
    const fast = new ControlledSink('fast');
    const { manager, registry } = setup([slow, fast]);
    manager.export(batch(1));
    fast.pending.shift()?.resolve();
    await new Promise(resolve => setImmediate(resolve));
    manager.export(batch(2));
    expect(slow.writes).toEqual([1]);
    expect(fast.writes).toEqual([1, 2]);
    expect(
      await counter(registry, 'heapster_exporter_dropped_batches_total', {
        exporter: 'slow',
        reason: 'busy',
      }),
    ).toBe(1);
    slow.pending.shift()?.resolve();
    fast.pending.shift()?.resolve();
    await manager.idle();
    manager.export(batch(3));
    expect(slow.writes).toEqual([1, 3]);
  });

  it('should abort a write at the deadline and classify it as a timeout', async () => {
    const stuck = new ControlledSink('stuck');
    const { manager, registry, logger } = setup([stuck], 30);
    manager.export(batch(1));
    await manager.idle();
    expect(stuck.pending[0]?.signal.aborted).toBe(true);
    expect(
      await counter(registry, 'heapster_exporter_failures_total', {
        exporter: 'stuck',
        class: 'timeout',
      }),
    ).toBe(1);
    expect(logger.lines.filter(l => l.message === 'sink write failed')).toHaveLength(1);
  });

  it('should keep a batch pinned until a sink that ignores its deadline is done with it', async () => {
    const stuck = new ControlledSink('stuck');
    const { manager } = setup([stuck], 30);
    const exported = batch(1);
    manager.export(exported);
    expect(exported.pinned).toBe(true);
    await manager.idle();
    // The deadline has passed, but the sink still holds the batch.
    expect(exported.pinned).toBe(true);
    stuck.pending.shift()?.resolve();
    await new Promise(resolve => setImmediate(resolve));
    expect(exported.pinned).toBe(false);
  });

  it('should log a failing sink once, then its recovery once', async () => {
    const flaky = new ControlledSink('flaky');
    const { manager, logger, registry } = setup([flaky]);
    for (let i = 0; i < 3; i++) {
      manager.export(batch(i));
      flaky.pending.shift()?.reject(new RetryableError('503'));
      await manager.idle();
    }
    manager.export(batch(9));
    flaky.pending.shift()?.resolve();
    await manager.idle();
    expect(logger.lines.map(l => l.message)).toEqual(['sink write failed', 'sink recovered']);
    expect(
      await counter(registry, 'heapster_exporter_failures_total', {
        exporter: 'flaky',
        class: 'retryable',
      }),
    ).toBe(3);
  });

  it('should wait for writes in flight on shutdown, then shut every sink down once and refuse new batches', async () => {
    const sink = new ControlledSink('s');
    const { manager } = setup([sink]);
    manager.export(batch(1));
    const stopped = manager.shutdown(5000);
    sink.pending.shift()?.resolve();
    await stopped;
    await manager.shutdown(5000);
    expect(sink.shutdowns).toBe(1);
    manager.export(batch(2));
    expect(sink.writes).toEqual([1]);
  });
});
