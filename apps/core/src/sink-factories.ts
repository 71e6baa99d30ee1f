import { loadSinkFactories, SinkRegistry, type SinkModule } from '@heapster/sink';

/**
 * The metric sinks this binary supports, an explicit list (no discovery): an unknown `--sink`
 * type is a start-up error that lists these. A sink's package is imported only when a --sink
 * names it (DuckDB's native library and the Cloud Monitoring client cost tens of MB each, which
 * a core that only serves the APIs should not carry). sink-factories.test.ts checks this table
 * against the factories themselves.
 */
export const CORE_SINK_MODULES: readonly SinkModule[] = [
  { type: 'log', load: async () => (await import('@heapster/sink-log')).logSinkFactory },
  { type: 'http', load: async () => (await import('@heapster/sink-http')).httpSinkFactory },
  {
    type: 'influxdb',
    load: async () => (await import('@heapster/sink-influxdb')).influxdbSinkFactory,
  },
  {
    type: 'stackdriver',
    aliases: ['gcm'],
    load: async () => (await import('@heapster/sink-stackdriver')).stackdriverSinkFactory,
  },
  { type: 'duckdb', load: async () => (await import('@heapster/store-duckdb')).duckdbSinkFactory },
];

/** A registry of the sinks `types` name (all of them when undefined or one is unknown). */
export async function loadCoreSinkRegistry(types?: readonly string[]): Promise<SinkRegistry> {
  return new SinkRegistry(await loadSinkFactories(CORE_SINK_MODULES, types));
}
