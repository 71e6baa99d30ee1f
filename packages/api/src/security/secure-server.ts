import { noopLogger, type Logger } from '@heapster/runtime';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerCompression } from '../compression/response-compression.js';
import { installErrorHandling, sendApiError } from '../errors/error-handling.js';
import { metricsApiPlugin, type MetricsApiOptions } from '../metrics-api/metrics-api-plugin.js';
import { delegatedAuth, type DelegatedAuthOptions } from './delegated-auth.js';

export interface SecureServerOptions {
  /** Serving certificate and key (PEM), e.g. from `loadServingCertificate`. */
  readonly serving: { readonly certPem: string; readonly keyPem: string };
  readonly auth: DelegatedAuthOptions;
  readonly metrics: MetricsApiOptions;
  readonly logger?: Logger;
  /** Further routes on the secure port (health), registered after the metrics API. */
  readonly register?: (app: FastifyInstance) => Promise<void> | void;
  /** Requests running longer are cut (default 60 s, kube-apiserver's --request-timeout). */
  readonly requestTimeoutMs?: number;
}

/**
 * The aggregated-API mode (`--api-server`): metrics.k8s.io on HTTPS behind an APIService,
 * every request authenticated and authorized as kube-apiserver delegates it. Returns the app,
 * not yet listening: `await app.listen({ port: securePort, host: bindAddress })`.
 *
 * Client certificates are requested but not required at the TLS layer: tokens and probes carry
 * none, and a certificate that fails verification simply authenticates nobody (401).
 */
export async function createSecureServer(options: SecureServerOptions): Promise<FastifyInstance> {
  const auth = delegatedAuth(options.auth);
  const logger = options.logger ?? noopLogger;
  const clientCas = auth.clientCaPems;
  const app = Fastify({
    https: {
      cert: options.serving.certPem,
      key: options.serving.keyPem,
      ...(clientCas.length === 0
        ? {}
        : { ca: [...clientCas], requestCert: true, rejectUnauthorized: false }),
    },
    requestTimeout: options.requestTimeoutMs ?? 60_000,
    logger: false,
    routerOptions: { ignoreTrailingSlash: true },
    // A malformed URL is a 400 Status too, not fastify's own body.
    frameworkErrors: (error, request, reply) => {
      sendApiError(error, request, reply, logger);
    },
  });
  installErrorHandling(app, logger);
  app.addHook('onRequest', auth.onRequest);
  await registerCompression(app);
  await app.register(metricsApiPlugin, options.metrics);
  if (options.register !== undefined) await options.register(app);
  return app;
}
