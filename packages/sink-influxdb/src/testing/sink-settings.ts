import { ManualClock, createMemoryLogger, type MemoryLogger } from '@heapster/runtime';
import { parseSinkUri, type SinkSettings } from '@heapster/sink';
import { Registry } from 'prom-client';
import { parseConfig, type InfluxdbSinkConfig } from '../config.js';

export interface TestSettings extends SinkSettings {
  readonly logger: MemoryLogger;
  readonly clock: ManualClock;
}

export function testSettings(now = Date.now()): TestSettings {
  return { logger: createMemoryLogger(), clock: new ManualClock(now), registry: new Registry() };
}

export function configOf(uri: string): InfluxdbSinkConfig {
  return parseConfig(parseSinkUri(uri, {}));
}

/** A fresh signal that never aborts. */
export function noDeadline(): AbortSignal {
  return new AbortController().signal;
}

/** Now, aligned down to the minute (a plausible batch time inside any retention). */
export function recentBatchTime(): number {
  return Math.floor(Date.now() / 60_000) * 60_000;
}
