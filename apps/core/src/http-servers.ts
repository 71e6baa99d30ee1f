import { readFile } from 'node:fs/promises';
import {
  ApiReviewClient,
  buildApiApp,
  createSecureServer,
  heapsterTls,
  loadServingCertificate,
  loopLiveness,
  MetricsResponseCache,
  storeReadiness,
  type HealthCheck,
  type MetricsApiOptions,
} from '@heapster/api';
import type { KubeApiClient } from '@heapster/kube';
import { ConfigError, type Clock, type Logger } from '@heapster/runtime';
import { RecentStore } from '@heapster/store-memory';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Core } from './core.js';
import type { CoreConfig } from './core-config.js';

/** The core's listening servers: the plain API (--heapster-port) and, with --api-server, the secure one. */
export interface CoreServers {
  readonly api: FastifyInstance;
  readonly secure: FastifyInstance | undefined;
  listen(): Promise<{ api: string; secure?: string }>;
  close(): Promise<void>;
}

export interface CoreServerDeps {
  readonly core: Core;
  readonly kubeClient: KubeApiClient;
  readonly registry: Registry;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly version: string;
}

async function readPem(file: string, flag: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError([
      { field: flag, message: `cannot read ${file}: ${(error as Error).message}` },
    ]);
  }
}

/**
 * Builds the HTTP side: health, self-metrics, the Prometheus exposition, Heapster's model API
 * and metric-export, and metrics.k8s.io with /api/v1/nodes so `kubectl top` works pointed
 * straight at the core — plus, with --api-server, the same metrics.k8s.io behind delegated
 * authentication and authorization for an APIService.
 */
export async function createCoreServers(
  config: CoreConfig,
  deps: CoreServerDeps,
): Promise<CoreServers> {
  const { options } = config;
  const { core, logger } = deps;
  // --disable_metric_sink: the routes stay, answering from an empty store.
  const store = core.store ?? new RecentStore({ resolutionMs: options.metricResolutionMs });
  const sources = {
    store,
    resolutionMs: options.metricResolutionMs,
    nodes: core.cache,
    pods: core.cache,
  };
  // One responses cache for both servers; lists in demand are rendered as each batch lands.
  const responses = new MetricsResponseCache(sources);
  const metricsApi: MetricsApiOptions = {
    ...sources,
    cache: responses,
    version: { gitVersion: `v${deps.version}` },
  };
  const informers: HealthCheck = {
    name: 'informers-synced',
    check: () =>
      core.cache.synced
        ? { ok: true, reason: 'nodes, pods and namespaces listed' }
        : { ok: false, reason: 'waiting for the first list of nodes, pods and namespaces' },
  };
  const tls =
    options.tls.certFile !== undefined && options.tls.keyFile !== undefined
      ? heapsterTls({
          certPem: await readPem(options.tls.certFile, '--tls_cert'),
          keyPem: await readPem(options.tls.keyFile, '--tls_key'),
          ...(options.tls.clientCaFile === undefined
            ? {}
            : { clientCaPem: await readPem(options.tls.clientCaFile, '--tls_client_ca') }),
          allowedUsers: options.tls.allowedUsers,
        })
      : undefined;
  const api = await buildApiApp(
    {
      store,
      registry: deps.registry,
      liveness: loopLiveness({
        lastTickStartedMs: () =>
          Number.isNaN(core.loop.lastTickMs) ? undefined : core.loop.lastTickMs,
        resolutionMs: options.metricResolutionMs,
        clock: deps.clock,
      }),
      readiness: [informers, storeReadiness(store)],
      logger,
      clock: deps.clock,
      metricsApi,
      ...(tls?.onRequest === undefined ? {} : { requestGuard: tls.onRequest }),
    },
    { disableExport: options.disableExport, ...(tls === undefined ? {} : { https: tls.https }) },
  );
  // Heapster's /api/v1/historical, from the store one of the sinks writes (shared in-process).
  const wiring = config.historical;
  const historical =
    wiring === undefined
      ? undefined
      : wiring.module.openHistoricalSource(wiring.spec, {
          logger: logger.child({ component: 'historical' }),
          clock: deps.clock,
        });
  if (wiring !== undefined && historical !== undefined) {
    await api.register(wiring.module.historicalApiPlugin, {
      source: historical,
      registry: deps.registry,
      logger,
    });
  }
  const secure = options.apiServer ? await createSecure(config, deps, metricsApi) : undefined;
  const stopPreparing = core.onBatchStored(() => responses.prepare());
  return {
    api,
    secure,
    async listen() {
      const apiUrl = await api.listen({
        port: options.heapsterPort,
        host: options.listenIp || '0.0.0.0',
      });
      if (secure === undefined) return { api: apiUrl };
      const secureUrl = await secure.listen({
        port: options.secure.port,
        host: options.secure.bindAddress,
      });
      return { api: apiUrl, secure: secureUrl };
    },
    async close() {
      stopPreparing();
      await Promise.all([api.close(), secure?.close()]);
      await historical?.close();
    },
  };
}

async function createSecure(
  config: CoreConfig,
  deps: CoreServerDeps,
  metrics: MetricsApiOptions,
): Promise<FastifyInstance> {
  const { secure } = config.options;
  const serving = await loadServingCertificate({
    certDir: secure.certDir,
    ...(secure.certFile === undefined ? {} : { certFile: secure.certFile }),
    ...(secure.keyFile === undefined ? {} : { keyFile: secure.keyFile }),
  });
  const requestHeader =
    secure.requestHeader.clientCaFile === undefined
      ? undefined
      : {
          clientCaPem: await readPem(
            secure.requestHeader.clientCaFile,
            '--requestheader-client-ca-file',
          ),
          allowedNames: secure.requestHeader.allowedNames,
          usernameHeaders: secure.requestHeader.usernameHeaders,
          groupHeaders: secure.requestHeader.groupHeaders,
          extraHeadersPrefixes: [secure.requestHeader.extraHeadersPrefix],
        };
  return createSecureServer({
    serving,
    auth: {
      ...(requestHeader === undefined ? {} : { requestHeader }),
      ...(secure.clientCaFile === undefined
        ? {}
        : { clientCaPem: await readPem(secure.clientCaFile, '--client-ca-file') }),
      // TokenReview and SubjectAccessReview go through the core's own API-server client.
      reviews: new ApiReviewClient({
        postJson: (path, body) => deps.kubeClient.postJson(path, body),
      }),
    },
    metrics,
    logger: deps.logger,
  });
}
