import { join } from 'node:path';
import { CommanderError } from 'commander';
import {
  loadKubeConfig,
  parseKubernetesSourceUri,
  type KubernetesSourceConfig,
  type LoadedKubeConfig,
  type LoadKubeConfigOptions,
} from '@heapster/kube';
import { ConfigError, normalizeFlagNames, type FieldProblem } from '@heapster/runtime';
import type { SinkRegistry } from '@heapster/sink';
import { eventerCommand, type RawEventerFlags } from './flags.js';
import { validateEventerFlags, type EventerOptions } from './options.js';
import { planEventSinks, type EventSinkPlan } from './sink-plan.js';

/** Everything the eventer needs to start, validated. */
export interface EventerConfig {
  readonly options: EventerOptions;
  readonly source: KubernetesSourceConfig;
  readonly kube: LoadedKubeConfig;
  readonly sinks: readonly EventSinkPlan[];
}

export type ParsedEventerArgs =
  | { readonly kind: 'run'; readonly config: EventerConfig }
  | { readonly kind: 'exit'; readonly code: number; readonly output: string };

export interface ParseEventerArgsDeps {
  readonly registry: SinkRegistry;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Kubeconfig lookup knobs (tests point the service-account dir and home elsewhere). */
  readonly kube?: Omit<LoadKubeConfigOptions, 'kubeconfigFlag' | 'env'>;
}

/**
 * Parses and validates the command line without side effects beyond reading kubeconfig files:
 * help and version become an `exit` result with their text; every flag, source and sink
 * problem is collected into one ConfigError (main prints them all and exits 2).
 */
export function parseEventerArgs(
  argv: readonly string[],
  version: string,
  deps: ParseEventerArgsDeps,
): ParsedEventerArgs {
  const env = deps.env ?? process.env;
  let output = '';
  const command = eventerCommand(version)
    .exitOverride()
    .configureOutput({
      writeOut: text => void (output += text),
      writeErr: text => void (output += text),
    });
  try {
    command.parse(normalizeFlagNames(argv), { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
        return { kind: 'exit', code: 0, output };
      throw new ConfigError([
        { field: 'command line', message: error.message.replace(/^error: /, '') },
      ]);
    }
    throw error;
  }
  const problems: FieldProblem[] = [];
  if (command.args.length > 0)
    problems.push({
      field: 'command line',
      message: `unexpected arguments: ${command.args.join(' ')}`,
    });
  const options = validateEventerFlags(command.opts<RawEventerFlags>(), problems);

  let sinkValues = options.sinks;
  if (sinkValues.length === 0 && options.quickstart) {
    sinkValues = deps.registry.types('events').includes('duckdb')
      ? [`duckdb:${join(options.stateDir, 'events.duckdb')}`]
      : ['log'];
  }
  if (sinkValues.length === 0) {
    problems.push({
      field: '--sink',
      message: `at least one event sink is needed (supported: ${deps.registry.types('events').join(', ')})`,
    });
  }
  const sinks = planEventSinks(sinkValues, deps.registry, env, problems);
  const source = readSource(options.source, env, problems);
  let kube: LoadedKubeConfig | undefined;
  if (source !== undefined) {
    try {
      kube = loadKubeConfig(source.apiServer, {
        ...deps.kube,
        env,
        ...(options.kubeconfig === undefined ? {} : { kubeconfigFlag: options.kubeconfig }),
      });
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems);
      else problems.push({ field: '--source', message: String(error) });
    }
  }
  if (problems.length > 0 || source === undefined || kube === undefined)
    throw new ConfigError(problems);
  return {
    kind: 'run',
    config: { options: { ...options, sinks: sinkValues }, source, kube, sinks },
  };
}

function readSource(
  value: string,
  env: Readonly<Record<string, string | undefined>>,
  problems: FieldProblem[],
): KubernetesSourceConfig | undefined {
  try {
    const source = parseKubernetesSourceUri(value === '' ? 'kubernetes:' : value, env);
    if (source.type !== 'kubernetes') {
      problems.push({
        field: '--source',
        message: `"${source.type}" is a metrics source: the eventer reads kubernetes:<url>?<options>`,
      });
      return undefined;
    }
    return source;
  } catch (error) {
    if (error instanceof ConfigError) problems.push(...error.problems);
    else problems.push({ field: '--source', message: String(error) });
    return undefined;
  }
}
