import {
  loadKubeConfig,
  maskKubernetesSourceUri,
  parseKubernetesSourceUri,
  resolveKubeletConfig,
  type KubeletConnectionConfig,
  type LoadedKubeConfig,
} from '@heapster/kube';
import { ConfigError, type FieldProblem } from '@heapster/runtime';
import type { ResolvedSink, SinkRegistry } from '@heapster/sink';
import { defaultKubeletTimeoutMs, kubeletTimeoutProblems } from '@heapster/source-kubelet';
import { join } from 'node:path';
import type { HistoricalModule, HistoricalWiring } from './historical-module.js';
import type { CoreOptions } from './options.js';

/** Everything the core needs, resolved and checked before anything starts. */
export interface CoreConfig {
  readonly options: CoreOptions;
  /** The source URI with secrets masked, for the start-up summary. */
  readonly sourceMasked: string;
  readonly kube: LoadedKubeConfig;
  readonly kubelet: KubeletConnectionConfig;
  readonly kubeletTimeoutMs: number;
  readonly sinks: readonly ResolvedSink[];
  /** `--historical_source`: serve /api/v1/historical from this store (one of the sinks). */
  readonly historical: HistoricalWiring | undefined;
}

/**
 * The --sink values the core runs with: the given ones, or with --quickstart and none given,
 * the embedded store (with a snapshot every minute that the oldtimer process reads) and a log.
 * The sink packages to load are the types of these (main.ts), not of the flags alone.
 */
export function effectiveSinks(
  options: Pick<CoreOptions, 'sinks' | 'quickstart' | 'stateDir'>,
): readonly string[] {
  if (options.sinks.length > 0 || !options.quickstart) return options.sinks;
  return [
    'log?max_sets=3',
    `duckdb:${join(options.stateDir, 'heapster.duckdb')}?snapshot=1m&memory_limit=512MB`,
  ];
}

/** Heapster's source when none is given: the summary API of the cluster the kubeconfig names. */
export const DEFAULT_SOURCE = 'kubernetes.summary_api:';

/**
 * Resolves the source URI (API server credentials, kubelet connection), the kubelet timeout
 * against the resolution, and every sink URI — collecting every problem into one ConfigError,
 * so that a user fixes them all in one go instead of one per restart. `historicalModule`
 * (loadHistoricalModule) is needed when `--historical_source` is given.
 */
export function resolveCoreConfig(
  options: CoreOptions,
  registry: SinkRegistry,
  env: Readonly<Record<string, string | undefined>> = process.env,
  historicalModule?: HistoricalModule,
): CoreConfig {
  const problems: FieldProblem[] = [];
  const collect = <T>(work: () => T): T | undefined => {
    try {
      return work();
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems);
      else problems.push({ field: 'configuration', message: String(error) });
      return undefined;
    }
  };

  const sourceRaw = options.source === '' ? DEFAULT_SOURCE : options.source;
  const source = collect(() => parseKubernetesSourceUri(sourceRaw, env));
  const kube =
    source === undefined
      ? undefined
      : collect(() =>
          loadKubeConfig(source.apiServer, {
            env,
            ...(options.kubeconfig === undefined ? {} : { kubeconfigFlag: options.kubeconfig }),
          }),
        );
  const kubelet =
    source !== undefined && kube !== undefined
      ? resolveKubeletConfig(source.kubelet, kube)
      : undefined;
  const kubeletTimeoutMs =
    kubelet?.timeoutMs ?? defaultKubeletTimeoutMs(options.metricResolutionMs);
  problems.push(
    ...kubeletTimeoutProblems(kubeletTimeoutMs, options.metricResolutionMs).map(p => ({
      field: `--source option kubeletTimeout`,
      message: p.message,
    })),
  );
  const sinks = collect(() => registry.resolve(effectiveSinks(options), 'metrics', env)) ?? [];
  const historicalSource = options.historicalSource;
  let historical: HistoricalWiring | undefined;
  if (historicalSource !== undefined) {
    if (historicalModule === undefined)
      throw new Error('--historical_source is set but loadHistoricalModule was not called');
    const spec = collect(() =>
      historicalModule.parseHistoricalSourceUri(historicalSource, '--historical_source', env),
    );
    if (spec !== undefined) historical = { spec, module: historicalModule };
  }

  if (problems.length > 0 || kube === undefined || kubelet === undefined)
    throw new ConfigError(problems);
  return {
    options,
    sourceMasked: maskKubernetesSourceUri(sourceRaw),
    kube,
    kubelet,
    kubeletTimeoutMs,
    sinks,
    historical,
  };
}
