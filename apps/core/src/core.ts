import { ClusterCache, KubeApiClient } from '@heapster/kube';
import { LabelCatalogue, MetricCatalogue } from '@heapster/model';
import { ProcessorChain, heapsterProcessors } from '@heapster/processors';
import { systemClock, type Clock, type Logger } from '@heapster/runtime';
import { MetricSinkManager, type SinkRegistry } from '@heapster/sink';
import { KubeletScraper, SummaryReadWorkers, createKubeletClient } from '@heapster/source-kubelet';
import { RecentStore } from '@heapster/store-memory';
import type { Registry } from 'prom-client';
import type { CoreConfig } from './core-config.js';
import { CorePipeline } from './pipeline.js';
import { ScrapeLoop } from './scrape-loop.js';

/** Heapster fired 5 s after each 60 s boundary; scale the offset for finer resolutions. */
export function scrapeOffsetMs(resolutionMs: number): number {
  return Math.min(5_000, Math.floor(resolutionMs / 4));
}

export interface CoreDependencies {
  readonly logger: Logger;
  readonly registry: Registry;
  readonly sinkRegistry: SinkRegistry;
  readonly clock?: Clock;
}

/** The core's parts, for the HTTP layer, tests and shutdown. */
export interface Core {
  readonly cache: ClusterCache;
  /** The API-server client the informers use (also for TokenReview / SubjectAccessReview). */
  readonly kubeClient: KubeApiClient;
  readonly store: RecentStore | undefined;
  readonly pipeline: CorePipeline;
  readonly loop: ScrapeLoop;
  readonly sinks: MetricSinkManager;
  /** The threads that share the reading of Summary bodies (`--read-workers`), if any. */
  readonly readWorkers: SummaryReadWorkers | undefined;
  /**
   * Calls `listener` after each scrape loop run has put its batch in the store (e.g. to render
   * API responses ahead of requests); returns the unsubscribe function. A listener that throws
   * is logged, not retried.
   */
  onBatchStored(listener: () => void): () => void;
  /** Starts the informers, the sinks, then (unless `loop: false`) the scrape loop. */
  start(options?: { loop?: boolean }): Promise<void>;
  /** Stops scraping, flushes the sinks (within the deadline), stops the informers. */
  stop(deadlineMs: number): Promise<void>;
}

/**
 * Wires source → processors → store → sinks from a resolved configuration. `start` brings it
 * up in order: informers first (the scrape loop needs nodes), sinks next (their start never
 * blocks on a down backend), then the loop.
 */
export async function createCore(config: CoreConfig, deps: CoreDependencies): Promise<Core> {
  const { options } = config;
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger;
  const metrics = new MetricCatalogue();
  const labels = new LabelCatalogue();

  const kubeClient = new KubeApiClient(config.kube.kubeConfig);
  const cache = new ClusterCache({
    client: kubeClient,
    logger: logger.child({ component: 'informers' }),
    ...(config.kubelet.hostIdAnnotation === undefined
      ? {}
      : { hostIdAnnotation: config.kubelet.hostIdAnnotation }),
  });
  const client = await createKubeletClient(config.kubelet, { clock });
  // Reading a Summary body is ≈ 2/3 of decoding it, and a worker thread can read some of them.
  // Off by default: on two cores shared with kubesim it gained nothing over 64 cycles
  // (docs/performance.md, session 9).
  const readWorkers =
    options.readWorkers > 0 && config.kubelet.endpoint === 'summary'
      ? new SummaryReadWorkers({
          workers: options.readWorkers,
          timeoutMs: config.kubeletTimeoutMs,
          logger,
        })
      : undefined;
  const scraper = new KubeletScraper({
    ...(readWorkers === undefined ? {} : { readWorkers }),
    client,
    timeoutMs: config.kubeletTimeoutMs,
    endpoint: config.kubelet.endpoint,
    concurrency: options.kubeletConcurrency,
    logger,
    clock,
    registry: deps.registry,
  });
  const { processors, rateCalculator } = heapsterProcessors({
    pods: cache,
    namespaces: cache,
    nodes: cache,
    labels: {
      labelSeparator: options.labelSeparator,
      ignoreLabels: options.ignoreLabels,
      storeLabels: options.storeLabels.map(label =>
        label.name === label.source ? label.name : `${label.name}=${label.source}`,
      ),
    },
    logger,
  });
  const chain = new ProcessorChain({ processors, logger, registry: deps.registry });
  const store = options.disableMetricSink
    ? undefined
    : new RecentStore({ resolutionMs: options.metricResolutionMs });
  const sinks = new MetricSinkManager({
    sinks: deps.sinkRegistry.createMetricSinks(config.sinks, type => ({
      logger: logger.child({ sink: type }),
      clock,
      registry: deps.registry,
    })),
    exportTimeoutMs: options.sinkExportTimeoutMs,
    logger,
    clock,
    registry: deps.registry,
  });
  const pipeline = new CorePipeline({
    nodes: () => cache.listNodes(),
    targets: {
      port: config.kubelet.port,
      useNodeStatusPort: config.kubelet.useNodeStatusPort,
      addressTypes: config.kubelet.addressTypes,
      hostIdAnnotation: config.kubelet.hostIdAnnotation,
    },
    scraper,
    processors: chain,
    rateCalculator,
    ...(store === undefined ? {} : { store }),
    sinks,
    metrics,
    labels,
    resolutionMs: options.metricResolutionMs,
    clock,
    logger,
    registry: deps.registry,
  });
  const batchListeners = new Set<() => void>();
  const loop = new ScrapeLoop({
    resolutionMs: options.metricResolutionMs,
    offsetMs: scrapeOffsetMs(options.metricResolutionMs),
    run: async (windowEnd, signal) => {
      await pipeline.run(windowEnd, signal);
      for (const listener of batchListeners) {
        try {
          listener();
        } catch (error) {
          // The batch is stored and exported; a listener's bug must not fail the run.
          logger.error('batch-stored listener failed', { error: String(error) });
        }
      }
    },
    clock,
    logger,
  });

  return {
    cache,
    kubeClient,
    store,
    pipeline,
    loop,
    sinks,
    readWorkers,
    onBatchStored(listener: () => void): () => void {
      batchListeners.add(listener);
      return () => batchListeners.delete(listener);
    },
    async start(startOptions = {}): Promise<void> {
      cache.start();
      await sinks.start();
      if (startOptions.loop !== false) loop.start();
    },
    async stop(deadlineMs: number): Promise<void> {
      await loop.stop();
      await sinks.shutdown(deadlineMs);
      await cache.stop();
      await client.close();
      await readWorkers?.close();
    },
  };
}
