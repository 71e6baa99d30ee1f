import { ManualClock, createMemoryLogger, type MemoryLogger } from '@heapster/runtime';
import { parseSinkUri, type SinkSettings } from '@heapster/sink';
import { Registry } from 'prom-client';
import { parseConfig, type GclSinkConfig } from '../config.js';

export interface TestSettings extends SinkSettings {
  readonly logger: MemoryLogger;
  readonly clock: ManualClock;
}

/** The clock reads 2024-01-01T00:02:00Z: the fallback time of events without one. */
export const TEST_NOW = Date.UTC(2024, 0, 1, 0, 2, 0);

export function testSettings(): TestSettings {
  return {
    logger: createMemoryLogger(),
    clock: new ManualClock(TEST_NOW),
    registry: new Registry(),
  };
}

export function configOf(uri: string): GclSinkConfig {
  return parseConfig(parseSinkUri(uri, {}));
}

/** A fresh signal that never aborts. */
export function noDeadline(): AbortSignal {
  return new AbortController().signal;
}
