import { ManualClock, createMemoryLogger, type MemoryLogger } from '@heapster/runtime';
import { parseSinkUri, type SinkSettings } from '@heapster/sink';
import { Registry } from 'prom-client';
import { parseConfig } from '../config.js';
import type { StackdriverSinkConfig } from '../config.js';

export interface TestSettings extends SinkSettings {
  readonly logger: MemoryLogger;
  readonly clock: ManualClock;
  readonly registry: Registry;
}

export function testSettings(): TestSettings {
  return { logger: createMemoryLogger(), clock: new ManualClock(0), registry: new Registry() };
}

export function configOf(uri: string): StackdriverSinkConfig {
  return parseConfig(parseSinkUri(uri, {}));
}

/** A fresh signal that never aborts. */
export function noDeadline(): AbortSignal {
  return new AbortController().signal;
}

/** The value of a counter series in the registry (0 when absent). */
export async function counterValue(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) return 0;
  const { values } = await metric.get();
  const found = values.find(value =>
    Object.entries(labels).every(([key, expected]) => value.labels[key] === expected),
  );
  return found?.value ?? 0;
}
