import { ManualClock, createMemoryLogger, type MemoryLogger } from '@heapster/runtime';
import { Registry } from 'prom-client';
import { EventSinkManager } from '../event-sink-manager.js';
import type { EventSinkManagerOptions } from '../event-sink-manager-options.js';
import type { EventSinkRoute } from '../event-sink-slot.js';
import { ManualScheduler } from './manual-scheduler.js';

export interface Harness {
  readonly manager: EventSinkManager;
  readonly scheduler: ManualScheduler;
  readonly clock: ManualClock;
  readonly registry: Registry;
  readonly logger: MemoryLogger;
  readonly checkpoints: [string, string][];
}

/** An EventSinkManager on a manual clock and scheduler; jitter pinned to its ceiling. */
export function harness(
  routes: readonly EventSinkRoute[],
  options: Partial<EventSinkManagerOptions> = {},
): Harness {
  const clock = new ManualClock(1_000_000);
  const scheduler = new ManualScheduler(clock);
  const registry = new Registry();
  const logger = createMemoryLogger();
  const checkpoints: [string, string][] = [];
  const manager = new EventSinkManager({
    routes,
    frequencyMs: 5_000,
    batchSize: 100,
    bufferSize: 1_000,
    exportTimeoutMs: 60_000,
    retry: { baseMs: 100, maxMs: 1_000 },
    random: () => 0.999_999,
    logger,
    clock,
    registry,
    scheduler,
    onCheckpoint: (id, rv) => void checkpoints.push([id, rv]),
    ...options,
  });
  return { manager, scheduler, clock, registry, logger, checkpoints };
}

/** A metric value by name and labels (0 when absent). */
export async function metricValue(
  registry: Registry,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find(m => m.name === name);
  const value = metric?.values.find(v =>
    Object.entries(labels).every(([k, l]) => v.labels[k] === l),
  );
  return value?.value ?? 0;
}
