import { CommanderError } from 'commander';
import { normalizeFlagNames } from '@heapster/runtime';
import { SinkRegistry, parseSinkUri, type SinkFactory } from '@heapster/sink';
import { eventerCommand, type RawEventerFlags } from './flags.js';

/** One event sink this binary supports: its URI type and how to load its package. */
export interface EventerSinkModule {
  readonly type: string;
  readonly aliases?: readonly string[];
  load(): Promise<SinkFactory>;
}

/**
 * The event sinks this binary supports, an explicit list (no discovery). A sink's package is
 * imported only when a --sink names it: DuckDB's native library and the Cloud Logging client
 * cost 20–40 MB of memory each, which an eventer that ships to InfluxDB should not carry.
 * `sink-factories.test.ts` checks this table against the factories themselves.
 */
export const EVENTER_SINK_MODULES: readonly EventerSinkModule[] = [
  { type: 'log', load: async () => (await import('@heapster/sink-log')).logSinkFactory },
  {
    type: 'influxdb',
    load: async () => (await import('@heapster/sink-influxdb')).influxdbSinkFactory,
  },
  { type: 'http', load: async () => (await import('@heapster/sink-http')).httpSinkFactory },
  { type: 'duckdb', load: async () => (await import('@heapster/store-duckdb')).duckdbSinkFactory },
  { type: 'gcl', load: async () => (await import('@heapster/sink-gcl')).gclSinkFactory },
];

/**
 * The factories of the given sink types; all of them when `types` is undefined or names a type
 * this binary does not have (then the start-up error lists every supported type).
 */
export async function loadEventerSinkFactories(
  types?: readonly string[],
  modules: readonly EventerSinkModule[] = EVENTER_SINK_MODULES,
): Promise<SinkFactory[]> {
  const named = (module: EventerSinkModule): string[] => [module.type, ...(module.aliases ?? [])];
  const known = new Set(modules.flatMap(named));
  const all = types === undefined || types.some(type => !known.has(type));
  const wanted = all ? modules : modules.filter(m => named(m).some(t => types.includes(t)));
  return Promise.all(wanted.map(module => module.load()));
}

export function eventerSinkRegistry(factories: readonly SinkFactory[]): SinkRegistry {
  return new SinkRegistry(factories);
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
