import { CommanderError } from 'commander';
import { normalizeFlagNames } from '@heapster/runtime';
import {
  SinkRegistry,
  loadSinkFactories,
  parseSinkUri,
  type SinkFactory,
  type SinkModule,
} from '@heapster/sink';
import { configureDuckDbAllocator } from './duckdb-allocator.js';
import { eventerCommand, type RawEventerFlags } from './flags.js';

/**
 * The event sinks this binary supports, an explicit list (no discovery). A sink's package is
 * imported only when a --sink names it (@heapster/sink's loadSinkFactories): DuckDB's native
 * library and the Cloud Logging client cost 20–40 MB of memory each, which an eventer that
 * ships to InfluxDB should not carry. `sink-factories.test.ts` checks this table against the
 * factories themselves.
 */
export const EVENTER_SINK_MODULES: readonly SinkModule[] = [
  { type: 'log', load: async () => (await import('@heapster/sink-log')).logSinkFactory },
  {
    type: 'influxdb',
    load: async () => (await import('@heapster/sink-influxdb')).influxdbSinkFactory,
  },
  { type: 'http', load: async () => (await import('@heapster/sink-http')).httpSinkFactory },
  {
    type: 'duckdb',
    load: async () => {
      configureDuckDbAllocator(); // before DuckDB's library loads
      return (await import('@heapster/store-duckdb')).duckdbSinkFactory;
    },
  },
  { type: 'gcl', load: async () => (await import('@heapster/sink-gcl')).gclSinkFactory },
];

/**
 * A registry of the event sinks `types` name — all of them when `types` is undefined or names
 * a type this binary does not have (the start-up error then lists every supported type) —
 * plus `extra` factories (tests add their in-memory sink).
 */
export async function loadEventerSinkRegistry(
  types?: readonly string[],
  extra: readonly SinkFactory[] = [],
): Promise<SinkRegistry> {
  return new SinkRegistry([...(await loadSinkFactories(EVENTER_SINK_MODULES, types)), ...extra]);
}

/**
 * The sink types the command line asks for (the --sink values, or the quick-start default),
 * read leniently before validation: undefined when the command line does not parse, so that
 * every sink is loaded and parseEventerArgs reports the problem with the full list at hand.
 */
export function requestedSinkTypes(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string[] | undefined {
  const command = eventerCommand('')
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  try {
    command.parse(normalizeFlagNames(argv), { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return undefined;
    throw error;
  }
  const flags = command.opts<RawEventerFlags>();
  if (flags.sink.length === 0) return flags.quickstart ? ['duckdb', 'log'] : undefined;
  try {
    return flags.sink.map(value => parseSinkUri(value.trim(), env).type);
  } catch {
    return undefined;
  }
}
