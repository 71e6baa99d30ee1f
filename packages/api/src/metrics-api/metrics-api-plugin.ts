import { ConfigError } from '@heapster/runtime';
import type { MetricStore } from '@heapster/store-memory';
import type { FastifyInstance } from 'fastify';
import { registerDiscoveryRoutes } from '../discovery/discovery-routes.js';
import type { VersionInfo } from '../discovery/discovery-documents.js';
import { isPodObjectDirectory, type NodeDirectory, type PodDirectory } from './directories.js';
import { MetricsResponseCache, storeAndResolutionProblems } from './metrics-response-cache.js';
import { registerMetricsRoutes } from './metrics-routes.js';

export interface MetricsApiOptions {
  /** The recent store; only `latest()` is read. */
  readonly store: Pick<MetricStore, 'latest'>;
  /** `--metric_resolution`, ms: the `window` of rows whose real rate interval is unknown. */
  readonly resolutionMs: number;
  /**
   * The node informer: node labels (metadata, labelSelector) and `/api`, `/api/v1`,
   * `/api/v1/nodes[/{name}]`, which `kubectl top nodes` needs when pointed at the core.
   */
  readonly nodes?: NodeDirectory;
  /**
   * The pod informer: pod labels (metadata, `kubectl top pods -l`), and `/api/v1/pods` when it
   * can list whole pods (a PodObjectDirectory, as ClusterCache is).
   */
  readonly pods?: PodDirectory;
  /** `/version`; default `v0.0.0-heapster`. */
  readonly version?: VersionInfo;
  /** Wall clock, epoch ms (creationTimestamp, node AGE). Default Date.now. */
  readonly now?: () => number;
  /**
   * The responses cache, built from these same options (`new MetricsResponseCache(options)`),
   * to share it between servers and to call its `prepare()` when the store takes a batch.
   * Default: one of the plugin's own, rendering unfiltered lists on first request.
   */
  readonly cache?: MetricsResponseCache;
}

/**
 * The Resource Metrics API (`metrics.k8s.io` v1beta1 and v1alpha1) with its discovery, plus the
 * core group's nodes when a node directory is given. Register with
 * `app.register(metricsApiPlugin, options)` on an app whose error handling writes Kubernetes
 * `Status` bodies for `/api` and `/apis` paths (`installErrorHandling`).
 */
export async function metricsApiPlugin(
  app: FastifyInstance,
  options: MetricsApiOptions,
): Promise<void> {
  validate(options);
  const now = options.now ?? Date.now;
  registerMetricsRoutes(app, options.cache ?? new MetricsResponseCache(options));
  registerDiscoveryRoutes(app, {
    nodes: options.nodes,
    pods: isPodObjectDirectory(options.pods) ? options.pods : undefined,
    version: options.version ?? { gitVersion: 'v0.0.0-heapster' },
    now,
  });
}

function validate(options: MetricsApiOptions): void {
  const problems = storeAndResolutionProblems(options);
  if (problems.length > 0) throw new ConfigError(problems);
}
