import type { SinkFactory } from './sink-factory.js';

/**
 * A sink package a binary can load on demand: the URI types it answers to and how to import its
 * factory. Binaries list their sinks this way so that a process pays (in memory and start-up
 * time) only for the sinks its command line names: DuckDB's native library and the Google Cloud
 * clients cost tens of MB each.
 */
export interface SinkModule {
  readonly type: string;
  readonly aliases?: readonly string[];
  load(): Promise<SinkFactory>;
}

const typesOf = (module: SinkModule): readonly string[] => [module.type, ...(module.aliases ?? [])];

/**
 * The factories of the modules that `types` name. Every module's when `types` is undefined (the
 * command line could not be read) or names a type none of them has: the start-up error then
 * lists every supported type, as it would with all sinks imported up front.
 */
export async function loadSinkFactories(
  modules: readonly SinkModule[],
  types?: readonly string[],
): Promise<SinkFactory[]> {
  const known = new Set(modules.flatMap(typesOf));
  const everything = types === undefined || types.some(type => !known.has(type));
  const wanted = everything
    ? modules
    : modules.filter(module => typesOf(module).some(type => types.includes(type)));
  return Promise.all(wanted.map(module => module.load()));
}
