import { describe, expect, it } from '@jest/globals';
import { ConfigError, PartialWriteError, PermanentError, RetryableError } from '@heapster/runtime';
import { harness, metricValue } from './testing/event-manager-harness.js';
import { settle } from './testing/manual-scheduler.js';
import { ScriptedEventSink, testEvent } from './testing/scripted-event-sink.js';

const rvs = (events: readonly { metadata: { resourceVersion: string } }[]) =>
  events.map(e => Number(e.metadata.resourceVersion));

describe('EventSinkManager batching', () => {
  it('should hold events until the frequency tick and then write them as one batch', async () => {
    const sink = new ScriptedEventSink('s');
    const { manager, scheduler } = harness([{ id: 's', sink }]);
    await manager.start();
    for (const rv of [1, 2, 3]) void manager.offer(testEvent(rv));
    await scheduler.advance(4_999);
    expect(sink.writes).toHaveLength(0);
    await scheduler.advance(1);
    expect(sink.writes.map(rvs)).toEqual([[1, 2, 3]]);
  });

  it('should write a full batch at once and keep one write in flight per sink', async () => {
    const sink = new ScriptedEventSink('s');
    sink.outcomes.push('hold');
    const { manager } = harness([{ id: 's', sink, batchSize: 2 }]);
    await manager.start();
    for (const rv of [1, 2, 3, 4, 5]) void manager.offer(testEvent(rv));
    await settle();
    expect(sink.writes.map(rvs)).toEqual([[1, 2]]);
    sink.release();
    await settle();
    expect(sink.writes.map(rvs)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(manager.depth).toBe(1);
  });
});

describe('EventSinkManager retries', () => {
  it('should retry the same batch with capped exponential backoff until it is accepted', async () => {
    const sink = new ScriptedEventSink('s');
    const down = () => new RetryableError('503 from backend');
    sink.outcomes.push(down(), down(), down(), down(), down());
    const { manager, scheduler, registry } = harness([{ id: 's', sink }], {
      frequencyMs: 180_000,
    });
    await manager.start();
    void manager.offer(testEvent(1));
    void manager.offer(testEvent(2));
    manager.flushNow();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      await settle();
      const retry = scheduler.delays.filter(d => d < 5_000);
      expect(retry).toHaveLength(1);
      delays.push(retry[0]!);
      await scheduler.advance(retry[0]!);
    }
    await settle();
    // Jitter is pinned to its ceiling: 100, 200, 400, 800, then the 1 s cap.
    expect(delays).toEqual([99, 199, 399, 799, 999]);
    expect(sink.writes.map(rvs)).toEqual(Array.from({ length: 6 }, () => [1, 2]));
    expect(sink.stored.size).toBe(2);
    expect(await metricValue(registry, 'eventer_export_retries_total', { exporter: 's' })).toBe(5);
    expect(await metricValue(registry, 'eventer_events_exported_total', { exporter: 's' })).toBe(2);
    expect(await metricValue(registry, 'eventer_events_dropped_total')).toBe(0);
  });

  it('should wait at least the retry-after a sink asks for', async () => {
    const sink = new ScriptedEventSink('s');
    sink.outcomes.push(new RetryableError('429', { retryAfterMs: 700 }));
    const { manager, scheduler } = harness([{ id: 's', sink }], { random: () => 0 });
    await manager.start();
    void manager.offer(testEvent(1));
    manager.flushNow();
    await settle();
    expect(scheduler.delays.filter(d => d < 5_000)).toEqual([700]);
  });

  it('should treat a write past its deadline as retryable', async () => {
    const sink = new ScriptedEventSink('s');
    sink.outcomes.push('hold');
    const { manager, scheduler, registry } = harness([{ id: 's', sink }], {
      exportTimeoutMs: 20,
    });
    await manager.start();
    void manager.offer(testEvent(1));
    manager.flushNow();
    // The deadline is real time (20 ms), not the manual clock's: wait for it in real time too.
    // Counting turns instead (200 settles) was over before 20 ms on a fast, idle machine.
    const giveUpAt = Date.now() + 5_000;
    while (scheduler.delays.length < 2 && Date.now() < giveUpAt) {
      await new Promise(resolve => setTimeout(resolve, 5));
      await settle();
    }
    expect(
      await metricValue(registry, 'eventer_exporter_failures_total', { class: 'timeout' }),
    ).toBe(1);
    await scheduler.advance(1_000);
    expect(sink.stored.has('uid-1/1')).toBe(true);
  });
});

describe('EventSinkManager drops', () => {
  it('should drop a permanently rejected batch, count it with its reason, and go on', async () => {
    const sink = new ScriptedEventSink('s');
    sink.outcomes.push(new PermanentError('400: field type conflict'));
    const { manager, registry, logger, checkpoints } = harness([{ id: 's', sink, batchSize: 2 }]);
    await manager.start();
    for (const rv of [1, 2, 3, 4]) {
      void manager.offer(testEvent(rv));
      manager.mark(String(rv));
    }
    await settle();
    expect(sink.writes.map(rvs)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(
      await metricValue(registry, 'eventer_events_dropped_total', { reason: 'permanent' }),
    ).toBe(2);
    const line = logger.lines.find(l => l.message.includes('dropped'));
    expect(line?.fields).toMatchObject({ sink: 's', dropped: 2 });
    expect(String(line?.fields.reason)).toContain('field type conflict');
    // The dropped events are counted, not retried forever: the checkpoint moves past them.
    expect(checkpoints.at(-1)).toEqual(['s', '4']);
  });

  it('should count only the failed part of a partial write', async () => {
    const sink = new ScriptedEventSink('s');
    sink.outcomes.push(new PartialWriteError('1 point rejected', 1));
    const { manager, registry } = harness([{ id: 's', sink }]);
    await manager.start();
    for (const rv of [1, 2, 3]) void manager.offer(testEvent(rv));
    manager.flushNow();
    await settle();
    expect(await metricValue(registry, 'eventer_events_dropped_total', { reason: 'partial' })).toBe(
      1,
    );
    expect(await metricValue(registry, 'eventer_events_exported_total', { exporter: 's' })).toBe(2);
  });
});

describe('EventSinkManager configuration', () => {
  it('should reject a frequency outside 1s to 3m and name the field', () => {
    expect(() => harness([], { frequencyMs: 500 })).toThrow(ConfigError);
    expect(() => harness([], { frequencyMs: 181_000 })).toThrow(/frequency/);
  });

  it('should reject two routes with the same id', () => {
    const sink = new ScriptedEventSink('s');
    expect(() =>
      harness([
        { id: 'a', sink },
        { id: 'a', sink },
      ]),
    ).toThrow(/used twice/);
  });
});
