import { describe, expect, it } from '@jest/globals';
import { InMemoryObjectStore } from '../api/in-memory-object-store.js';
import type { StoreChange } from '../api/object-store.js';
import { ClusterSimulation } from './cluster-simulation.js';
import type { SimulationOptions } from './options.js';

const T0 = Date.parse('2026-11-22T12:00:00Z');

function run(options: SimulationOptions, seconds: number): { changes: StoreChange[]; podChanges: StoreChange[]; store: InMemoryObjectStore } {
  const clock = { t: T0 };
  const now = (): number => clock.t;
  const store = new InMemoryObjectStore({ now, historyLimit: 1_000_000 });
  const sim = new ClusterSimulation(store, { nodes: 4, podsPerNode: 10, seed: 9, now, ...options });
  const changes: StoreChange[] = [];
  const podChanges: StoreChange[] = [];
  store.subscribe('Event', (c) => changes.push(c));
  store.subscribe('Pod', (c) => podChanges.push(c));
  for (let t = 100; t <= seconds * 1000; t += 100) {
    clock.t = T0 + t;
    sim.tick(clock.t);
  }
  return { changes, podChanges, store };
}

const reasons = (changes: StoreChange[], type: string): Set<string> => new Set(changes.filter((c) => c.type === type).map((c) => String(c.object.reason)));

describe('events', () => {
  it('churn creates, starts and kills pods with the events a real cluster emits', () => {
    const { changes, podChanges } = run({ churnPodsPerMinute: 60, eventsPerSecond: 0, crashLoopFraction: 0 }, 120);
    expect([...reasons(changes, 'ADDED')]).toEqual(
      expect.arrayContaining(['SuccessfulCreate', 'Scheduled', 'Pulling', 'Pulled', 'Created', 'Started', 'Killing']),
    );
    expect(podChanges.filter((c) => c.type === 'DELETED').length).toBeGreaterThanOrEqual(60);
    expect(podChanges.filter((c) => c.type === 'ADDED').length).toBeGreaterThanOrEqual(60);
    // A new pod goes Pending → Running as a MODIFIED update.
    const phases = podChanges.filter((c) => c.type === 'MODIFIED').map((c) => (c.object.status as { phase: string }).phase);
    expect(phases).toContain('Running');

    const pulling = changes.find((c) => c.object.reason === 'Pulling')!.object as any;
    expect(pulling.involvedObject).toMatchObject({ kind: 'Pod', apiVersion: 'v1' });
    expect(pulling.involvedObject.fieldPath).toMatch(/^spec\.containers\{.+\}$/);
    expect(pulling.involvedObject.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(pulling.source).toEqual({ component: 'kubelet', host: expect.stringMatching(/^node-\d+$/) });
    expect(pulling).toMatchObject({ type: 'Normal', count: 1, reportingComponent: 'kubelet' });
    expect(pulling.firstTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(pulling.metadata.name).toMatch(new RegExp(`^${pulling.involvedObject.name}\\.[0-9a-f]+$`));

    // Scheduler events are events.k8s.io events: eventTime set, legacy timestamps null.
    const scheduled = changes.find((c) => c.object.reason === 'Scheduled')!.object as any;
    expect(scheduled).toMatchObject({ firstTimestamp: null, lastTimestamp: null, reportingComponent: 'default-scheduler', action: 'Binding' });
    expect(scheduled.eventTime).toMatch(/\.\d{6}Z$/);
    expect(scheduled.message).toMatch(/^Successfully assigned \S+\/\S+ to node-\d+$/);
  });

  it('repeats bump count on the same Event as MODIFIED (BackOff of crash-looping pods, FailedScheduling series)', () => {
    const { changes } = run({ churnPodsPerMinute: 0, eventsPerSecond: 20, crashLoopFraction: 0.5 }, 180);
    const bumps = changes.filter((c) => c.type === 'MODIFIED');
    expect(bumps.length).toBeGreaterThan(100);
    const backOff = bumps.filter((c) => c.object.reason === 'BackOff');
    expect(backOff.length).toBeGreaterThan(0);
    const first = backOff[0]!.object as any;
    expect(first.type).toBe('Warning');
    expect(first.count).toBeGreaterThanOrEqual(2);
    // The bump is the same object (same name), with count and lastTimestamp moved on.
    const created = changes.find((c) => c.type === 'ADDED' && c.object.metadata.name === first.metadata.name)!.object as any;
    expect(created.count).toBe(1);
    expect(Date.parse(first.lastTimestamp)).toBeGreaterThan(Date.parse(created.firstTimestamp));
    expect(first.firstTimestamp).toBe(created.firstTimestamp);
    const series = bumps.find((c) => c.object.reason === 'FailedScheduling');
    expect((series?.object as any)?.series?.count).toBeGreaterThanOrEqual(2);
  });

  it('reaches 20,000 event writes per second and keeps the event count bounded', () => {
    const { changes, store } = run({ churnPodsPerMinute: 0, eventsPerSecond: 20_000, maxEvents: 5_000 }, 2);
    const writes = changes.filter((c) => c.type !== 'DELETED').length;
    // The first second ramps up from an empty budget; the target is a rate, not a burst.
    expect(writes).toBeGreaterThanOrEqual(20_000 * 1.9);
    expect(writes).toBeLessThanOrEqual(20_000 * 2.1 + 1_000);
    expect(store.count('Event')).toBeLessThanOrEqual(5_000);
    expect(changes.some((c) => c.type === 'DELETED')).toBe(true);
  });

  it('completes Job pods (Succeeded, Completed on the Job) and replaces them after the TTL', () => {
    const { changes, podChanges } = run({ churnPodsPerMinute: 0, eventsPerSecond: 0, crashLoopFraction: 0, nodes: 6, podsPerNode: 20 }, 400);
    const succeeded = podChanges.filter((c) => (c.object.status as { phase: string }).phase === 'Succeeded');
    expect(succeeded.length).toBeGreaterThan(0);
    const completed = changes.find((c) => c.object.reason === 'Completed')!.object as any;
    expect(completed.involvedObject).toMatchObject({ kind: 'Job', apiVersion: 'batch/v1' });
    expect(completed.source).toEqual({ component: 'job-controller' });
    const gone = podChanges.filter((c) => c.type === 'DELETED').map((c) => c.object.metadata.name);
    expect(gone).toContain(succeeded[0]!.object.metadata.name);
  });

  it('expires events whose last update is older than the TTL', () => {
    const { store, changes } = run({ churnPodsPerMinute: 0, eventsPerSecond: 50, eventTtlSeconds: 5 }, 20);
    const deleted = changes.filter((c) => c.type === 'DELETED');
    expect(deleted.length).toBeGreaterThan(0);
    for (const e of store.list('Event')) {
      const last = Date.parse(String((e as any).lastTimestamp ?? (e as any).series?.lastObservedTime ?? e.eventTime));
      expect(T0 + 20_000 - last).toBeLessThanOrEqual(6_000);
    }
  });
});
