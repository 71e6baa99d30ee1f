import type { ServerOptions } from 'node:https';
import { ConfigError } from '@heapster/runtime';
import type { onRequestAsyncHookHandler } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { ClientCertAuthenticator } from './authenticators.js';
import { verifiedPeerChain } from './certificate-bundle.js';
import { pathMatcher } from './delegated-auth.js';

/** Heapster's own flags for its plain API port (`--heapster-port`). */
export interface HeapsterTlsOptions {
  /** `--tls_cert` and `--tls_key` contents (PEM): serve HTTPS. */
  readonly certPem: string;
  readonly keyPem: string;
  /** `--tls_client_ca` contents: require client certificates issued by it (user = CN). */
  readonly clientCaPem?: string;
  /** `--allowed_users`: CNs allowed; empty = any verified client. */
  readonly allowedUsers?: readonly string[];
  /** Paths served without a client certificate; default /healthz, /healthz/healthz, /readyz, /livez. */
  readonly publicPaths?: readonly string[];
}

export interface HeapsterTls {
  /** fastify's `https` server option. */
  readonly https: ServerOptions;
  /** Client-certificate check for every route but the public ones; absent without a client CA. */
  readonly onRequest: onRequestAsyncHookHandler | undefined;
}

/**
 * Heapster's `--tls_cert`/`--tls_key`/`--tls_client_ca`/`--allowed_users`: HTTPS, and with a
 * client CA every route but health requires a client certificate issued by it (401 without one)
 * whose CN is an allowed user (403 otherwise). The certificate is requested, not required, at
 * the TLS layer, so that health probes without one still reach /healthz — as Heapster did.
 */
export function heapsterTls(options: HeapsterTlsOptions): HeapsterTls {
  const allowed = new Set(options.allowedUsers ?? []);
  if (options.clientCaPem === undefined) {
    if (allowed.size > 0) {
      throw new ConfigError([
        {
          field: '--allowed_users',
          message: 'needs --tls_client_ca (users are client certificate CNs)',
        },
      ]);
    }
    return { https: { cert: options.certPem, key: options.keyPem }, onRequest: undefined };
  }
  const certs = new ClientCertAuthenticator(options.clientCaPem, '--tls_client_ca');
  const isPublic = pathMatcher(
    options.publicPaths ?? ['/healthz', '/healthz/healthz', '/readyz', '/livez'],
  );
  const onRequest: onRequestAsyncHookHandler = async request => {
    if (isPublic(request.url.split('?', 1)[0] ?? '')) return;
    const user = certs.authenticate(verifiedPeerChain(request.raw.socket));
    if (user === undefined) {
      throw new ApiError(
        'HEAPSTER_ERR_UNAUTHENTICATED',
        'a client certificate issued by --tls_client_ca is required',
      );
    }
    if (allowed.size > 0 && !allowed.has(user.username)) {
      throw new ApiError(
        'HEAPSTER_ERR_FORBIDDEN',
        `user ${JSON.stringify(user.username)} is not in --allowed_users`,
      );
    }
  };
  return {
    https: {
      cert: options.certPem,
      key: options.keyPem,
      ca: certs.ca.pem,
      requestCert: true,
      rejectUnauthorized: false,
    },
    onRequest,
  };
}
