import type { SinkFactory, SinkSettings } from '@heapster/sink';
import { formatRetention, MEMORY_PATH, parseConfig, type DuckDbConfig } from './config.js';
import { DuckDbEventSink } from './event-sink.js';
import { DuckDbMetricSink } from './metric-sink.js';
import { acquireStore, resolveStorePath } from './store-registry.js';

function sinkName(config: DuckDbConfig): string {
  const where = config.path === MEMORY_PATH ? 'memory' : resolveStorePath(config);
  return `duckdb(${where}, retention=${formatRetention(config.retentionMs)})`;
}

/**
 * `--sink=duckdb:<file>[?retention=30d&…]` for metrics (heapster) and events (eventer).
 * Constructors do no I/O: the store opens on `start` or the first write.
 */
export const duckdbSinkFactory = {
  type: 'duckdb',
  signals: { metrics: 'beta', events: 'beta' },
  parseConfig,
  createMetricSink: (config: DuckDbConfig, settings: SinkSettings) =>
    new DuckDbMetricSink(acquireStore(config, settings), sinkName(config), settings.logger),
  // The eventer's file: opened for events (event-store-tuning.ts), unlike metric stores.
  createEventSink: (config: DuckDbConfig, settings: SinkSettings) =>
    new DuckDbEventSink(
      acquireStore(config, settings, 'events'),
      sinkName(config),
      settings.logger,
    ),
} satisfies SinkFactory<DuckDbConfig>;
