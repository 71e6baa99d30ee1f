import { parseSinkUri, type SinkRegistry } from '@heapster/sink';
import { effectiveSinks, resolveCoreConfig, type CoreConfig } from './core-config.js';
import { loadHistoricalModule } from './historical-module.js';
import { parseCoreArgs } from './parse-core-args.js';
import { loadCoreSinkRegistry } from './sink-factories.js';

/** What the command line asks for: print and exit (--help, --version), or run. */
export type LoadedCoreConfig =
  | { readonly kind: 'exit'; readonly code: number; readonly output: string }
  | { readonly kind: 'run'; readonly config: CoreConfig; readonly sinkRegistry: SinkRegistry };

/**
 * The binary's start-up before anything runs: flags, the packages of the sinks it will run
 * (those --sink names, or the quick start's defaults), the historical module when asked for,
 * and the resolved configuration. Throws a ConfigError with every problem.
 */
export async function loadCoreConfig(
  argv: readonly string[],
  version: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<LoadedCoreConfig> {
  const parsed = parseCoreArgs(argv, version);
  if (parsed.kind === 'exit') return parsed;
  const sinkRegistry = await loadCoreSinkRegistry(sinkTypes(effectiveSinks(parsed.options)));
  const config = resolveCoreConfig(
    parsed.options,
    sinkRegistry,
    env,
    await loadHistoricalModule(parsed.options.historicalSource),
  );
  return { kind: 'run', config, sinkRegistry };
}

/** The --sink types, read leniently (undefined if one does not parse: load all, report later). */
function sinkTypes(values: readonly string[]): string[] | undefined {
  try {
    return values.map(value => parseSinkUri(value.trim()).type);
  } catch {
    return undefined;
  }
}
