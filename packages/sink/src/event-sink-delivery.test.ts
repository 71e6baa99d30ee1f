import { describe, expect, it } from '@jest/globals';
import { RetryableError } from '@heapster/runtime';
import { harness, metricValue } from './testing/event-manager-harness.js';
import { settle } from './testing/manual-scheduler.js';
import { ScriptedEventSink, testEvent } from './testing/scripted-event-sink.js';

describe('EventSinkManager backpressure', () => {
  it('should make the source wait while a queue is full, and drop nothing', async () => {
    const sink = new ScriptedEventSink('s');
    sink.outcomes.push('hold');
    const { manager, registry } = harness([{ id: 's', sink, bufferSize: 2, batchSize: 2 }]);
    await manager.start();
    // 1 and 2 form the batch in flight; 3 and 4 fill the queue; 5 must wait.
    for (const rv of [1, 2, 3, 4]) expect(manager.offer(testEvent(rv))).toBeUndefined();
    const waiting = manager.offer(testEvent(5));
    expect(waiting).toBeInstanceOf(Promise);
    let queued = false;
    void waiting!.then(() => (queued = true));
    await settle();
    expect(queued).toBe(false);
    sink.release();
    await settle();
    expect(queued).toBe(true);
    manager.flushNow();
    await settle();
    expect([...sink.stored.keys()].sort()).toEqual(
      ['uid-1/1', 'uid-2/2', 'uid-3/3', 'uid-4/4', 'uid-5/5'].sort(),
    );
    expect(await metricValue(registry, 'eventer_backpressure_waits_total')).toBe(1);
    expect(await metricValue(registry, 'eventer_events_dropped_total')).toBe(0);
  });

  it('should not hold the source back for a full sink that filters the event out', async () => {
    const stuck = new ScriptedEventSink('stuck');
    stuck.outcomes.push('hold');
    const { manager } = harness([
      { id: 'stuck', sink: stuck, bufferSize: 1, batchSize: 1, accepts: e => e.type === 'Warning' },
    ]);
    await manager.start();
    void manager.offer(testEvent(1, { type: 'Warning' }));
    void manager.offer(testEvent(2, { type: 'Warning' }));
    expect(manager.offer(testEvent(3, { type: 'Normal' }))).toBeUndefined();
    stuck.release();
    await settle();
  });
});

describe('EventSinkManager filters', () => {
  it('should queue for each sink only what its filter accepts, counting the rest', async () => {
    const warnings = new ScriptedEventSink('warnings');
    const all = new ScriptedEventSink('all');
    const { manager, registry } = harness([
      { id: 'w', sink: warnings, accepts: e => e.type === 'Warning' },
      { id: 'a', sink: all },
    ]);
    await manager.start();
    void manager.offer(testEvent(1, { type: 'Warning' }));
    void manager.offer(testEvent(2, { type: 'Normal' }));
    manager.flushNow();
    await settle();
    expect([...warnings.stored.keys()]).toEqual(['uid-1/1']);
    expect(all.stored.size).toBe(2);
    expect(
      await metricValue(registry, 'eventer_events_skipped_total', {
        exporter: 'warnings',
        reason: 'filtered',
      }),
    ).toBe(1);
  });
});

describe('EventSinkManager checkpoints', () => {
  it('should advance a checkpoint only once the sink acknowledged everything before the mark', async () => {
    const sink = new ScriptedEventSink('s');
    const down = new RetryableError('down');
    sink.outcomes.push(down);
    const { manager, scheduler, checkpoints } = harness([{ id: 's', sink }]);
    await manager.start();
    // A list: unordered versions, one mark at the list's resourceVersion.
    for (const rv of [7, 3, 5]) void manager.offer(testEvent(rv));
    manager.mark('9');
    // The watch: each event is its own mark.
    void manager.offer(testEvent(10));
    manager.mark('10');
    manager.flushNow();
    await settle();
    expect(manager.checkpoints().get('s')).toBeUndefined();
    await scheduler.advance(1_000);
    expect(checkpoints).toEqual([['s', '10']]);
    expect(manager.resumePoint()).toBe('10');
  });

  it('should move the checkpoint at once on a mark when the sink has nothing pending', async () => {
    const sink = new ScriptedEventSink('s');
    const { manager } = harness([{ id: 's', sink, accepts: () => false }]);
    await manager.start();
    void manager.offer(testEvent(4));
    manager.mark('4');
    expect(manager.checkpoints().get('s')).toBe('4');
  });

  it('should skip versions a sink already has and resume from the earliest sink', async () => {
    const ahead = new ScriptedEventSink('ahead');
    const behind = new ScriptedEventSink('behind');
    const { manager, registry } = harness([
      { id: 'ahead', sink: ahead, resumeFrom: '20' },
      { id: 'behind', sink: behind, resumeFrom: '9' },
    ]);
    await manager.start();
    expect(manager.resumePoint()).toBe('9');
    for (const rv of [10, 20, 21]) void manager.offer(testEvent(rv));
    manager.flushNow();
    await settle();
    expect([...ahead.stored.keys()]).toEqual(['uid-21/21']);
    expect(behind.stored.size).toBe(3);
    expect(
      await metricValue(registry, 'eventer_events_skipped_total', {
        exporter: 'ahead',
        reason: 'checkpoint',
      }),
    ).toBe(2);
  });

  it('should resume from nothing when any sink has no checkpoint', async () => {
    const { manager } = harness([
      { id: 'a', sink: new ScriptedEventSink('a'), resumeFrom: '5' },
      { id: 'b', sink: new ScriptedEventSink('b') },
    ]);
    await manager.start();
    expect(manager.resumePoint()).toBeUndefined();
  });

  it('should prefer what the sink says it stored, but never resume past the local file', async () => {
    const { manager } = harness([
      { id: 'file-ahead', sink: new ScriptedEventSink('a').reportsStored('30'), resumeFrom: '50' },
      { id: 'sink-ahead', sink: new ScriptedEventSink('b').reportsStored('80'), resumeFrom: '50' },
      { id: 'no-file', sink: new ScriptedEventSink('c').reportsStored('70') },
      {
        id: 'empty-sink',
        sink: new ScriptedEventSink('d').reportsStored(undefined),
        resumeFrom: '5',
      },
    ]);
    await manager.start();
    expect(Object.fromEntries(manager.checkpoints())).toEqual({
      'file-ahead': '30',
      'sink-ahead': '50',
      'no-file': '70',
      'empty-sink': undefined,
    });
  });

  it('should ignore a checkpoint ahead of the API server (another history) and list instead', async () => {
    const { manager } = harness([
      { id: 'reused', sink: new ScriptedEventSink('a').reportsStored('90000') },
      { id: 'fine', sink: new ScriptedEventSink('b'), resumeFrom: '400' },
    ]);
    await manager.start();
    expect(manager.forgetCheckpointsAfter('500')).toEqual(['reused']);
    expect(Object.fromEntries(manager.checkpoints())).toEqual({ reused: undefined, fine: '400' });
    expect(manager.resumePoint()).toBeUndefined();
  });
});

describe('EventSinkManager shutdown', () => {
  it('should flush what is queued before shutting the sinks down', async () => {
    const sink = new ScriptedEventSink('s');
    const { manager } = harness([{ id: 's', sink }]);
    await manager.start();
    for (const rv of [1, 2]) void manager.offer(testEvent(rv));
    const result = await manager.shutdown(5_000);
    expect(result.unexported).toBe(0);
    expect(sink.stored.size).toBe(2);
    expect(sink.shutdowns).toBe(1);
    expect(manager.offer(testEvent(3))).toBeUndefined();
    expect(manager.depth).toBe(0);
  });

  it('should give up on a down sink at the deadline, keep its checkpoint and release a waiting source', async () => {
    const sink = new ScriptedEventSink('s');
    for (let i = 0; i < 50; i++) sink.outcomes.push(new RetryableError('down'));
    const { manager, scheduler, checkpoints } = harness([
      { id: 's', sink, bufferSize: 1, batchSize: 1 },
    ]);
    await manager.start();
    void manager.offer(testEvent(1));
    manager.mark('1');
    await settle();
    void manager.offer(testEvent(2));
    const waiting = manager.offer(testEvent(3));
    expect(waiting).toBeInstanceOf(Promise);
    const done = manager.shutdown(4_000);
    await scheduler.advance(4_000);
    const result = await done;
    await waiting;
    expect(result.unexported).toBe(2);
    expect(checkpoints).toEqual([]);
    expect(sink.shutdowns).toBe(1);
  });
});
