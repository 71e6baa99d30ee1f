import type { SinkSettings } from '@heapster/sink';
import type { DuckDbConfig } from '../config.js';
import { acquireStore } from '../store-registry.js';
import { DuckDbHistory } from './duckdb-history.js';
import type { HistoricalStore } from './historical-store.js';

/** A historical store plus the release of the database it reads. */
export interface OpenHistory {
  readonly history: HistoricalStore;
  close(): Promise<void>;
}

/**
 * The oldtimer's reader of a `duckdb:<file>` store. In the process that writes the file (the
 * core's `--historical_source`) it shares the writer's database; in another process open the
 * writer's snapshot read-only (`duckdb:<file>.snapshot?read_only=true`), see README.
 */
export function openDuckDbHistory(
  config: DuckDbConfig,
  settings: Pick<SinkSettings, 'logger' | 'clock'>,
): OpenHistory {
  const handle = acquireStore(config, settings);
  return { history: new DuckDbHistory(handle.store), close: () => handle.release() };
}
