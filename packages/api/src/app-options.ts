import { ConfigError, type Clock, type FieldProblem, type Logger } from '@heapster/runtime';
import type { MetricStore } from '@heapster/store-memory';
import type { onRequestAsyncHookHandler } from 'fastify';
import type { ServerOptions as HttpsServerOptions } from 'node:https';
import type { Registry } from 'prom-client';
import { DEFAULT_EXPOSITION_PATH } from './exposition/exposition-routes.js';
import { SELF_METRICS_PATH } from './exposition/self-metrics-routes.js';
import type { HealthCheck, HealthStatus } from './health/health-checks.js';
import type { MetricsApiOptions } from './metrics-api/metrics-api-plugin.js';

/** What the APIs read: injected, so tests and the core wire the same app. */
export interface ApiAppDeps {
  readonly store: MetricStore;
  /** Self-metrics registry served at /metrics; HTTP metrics are registered on it. */
  readonly registry: Registry;
  /** Loop liveness for /healthz (see `loopLiveness`). */
  readonly liveness: () => HealthStatus;
  /** Checks of /readyz, e.g. informers synced and `storeReadiness(store)`. */
  readonly readiness: readonly HealthCheck[];
  /** Where 5xx (bugs) are logged; fastify's own logger stays off. */
  readonly logger?: Logger;
  /** "now" for value queries; the system clock by default. */
  readonly clock?: Clock;
  /** metrics.k8s.io, its discovery and `/api/v1/nodes` (`metricsApiPlugin`); not served without. */
  readonly metricsApi?: MetricsApiOptions;
  /**
   * Runs before every route (e.g. `heapsterTls(...).onRequest`: `--tls_client_ca` and
   * `--allowed_users`); throw an ApiError to refuse. None by default.
   */
  readonly requestGuard?: onRequestAsyncHookHandler;
}

/** Server settings; every field has a default (docs in packages/api/README.md). */
export interface ApiAppOptions {
  /** Heapster's `--disable_export`: /api/v1/metric-export answers `[]`. Default false. */
  readonly disableExport?: boolean;
  /** Path of the Prometheus exposition of everything collected. Default `/metrics/cluster`. */
  readonly expositionPath?: string;
  /** Stamp exposition samples with the batch time. Default false (see docs/prometheus.md). */
  readonly expositionTimestamps?: boolean;
  /** Time to receive a whole request, ms. Default 30,000. */
  readonly requestTimeoutMs?: number;
  /** Idle time of a keep-alive connection, ms. Default 65,000 (longer than typical LB idles). */
  readonly keepAliveTimeoutMs?: number;
  /** Largest request body, bytes. Default 1 MiB (every route is a GET). */
  readonly bodyLimitBytes?: number;
  /** Serve HTTPS with these Node TLS options (cert, key, ca, requestCert, ...). */
  readonly https?: HttpsServerOptions;
}

export interface ResolvedApiAppOptions {
  readonly disableExport: boolean;
  readonly expositionPath: string;
  readonly expositionTimestamps: boolean;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly bodyLimitBytes: number;
  readonly https: HttpsServerOptions | undefined;
}

const RESERVED_PATHS = [SELF_METRICS_PATH, '/healthz', '/readyz', '/livez'];

/** Fills in defaults; every problem is reported together, each naming its field. */
export function resolveApiAppOptions(options: ApiAppOptions = {}): ResolvedApiAppOptions {
  const problems: FieldProblem[] = [];
  const positive = (field: keyof ApiAppOptions, value: number) => {
    if (!Number.isInteger(value) || value <= 0) {
      problems.push({ field, message: `must be a positive integer, got ${value}` });
    }
    return value;
  };
  const expositionPath = options.expositionPath ?? DEFAULT_EXPOSITION_PATH;
  if (!/^\/[A-Za-z0-9._~/-]*$/.test(expositionPath) || expositionPath.endsWith('/')) {
    problems.push({
      field: 'expositionPath',
      message: `must be an absolute path without a trailing slash, got ${JSON.stringify(expositionPath)}`,
    });
  } else if (RESERVED_PATHS.includes(expositionPath) || expositionPath.startsWith('/api')) {
    problems.push({
      field: 'expositionPath',
      message: `${JSON.stringify(expositionPath)} is taken by another route (self-metrics, health or an API)`,
    });
  }
  const resolved: ResolvedApiAppOptions = {
    disableExport: options.disableExport ?? false,
    expositionPath,
    expositionTimestamps: options.expositionTimestamps ?? false,
    requestTimeoutMs: positive('requestTimeoutMs', options.requestTimeoutMs ?? 30_000),
    keepAliveTimeoutMs: positive('keepAliveTimeoutMs', options.keepAliveTimeoutMs ?? 65_000),
    bodyLimitBytes: positive('bodyLimitBytes', options.bodyLimitBytes ?? 1024 * 1024),
    https: options.https,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return resolved;
}
