import type { Clock } from '@heapster/runtime';
import {
  fileBearerToken,
  loadKubeletTls,
  staticBearerToken,
  type BearerTokenSource,
  type KubeletTlsFiles,
} from './credentials.js';
import { HttpKubeletClient } from './http-kubelet-client.js';

/** How to authenticate: nothing, a literal token, or a token file re-read as it rotates. */
export type KubeletCredentialSettings =
  | { readonly kind: 'none' }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'tokenFile'; readonly path: string };

/**
 * The connection part of the source URI. @heapster/kube's KubeletConnectionConfig has this
 * shape, so the wiring passes it as is; this package does not depend on the kube package.
 */
export interface KubeletConnectionSettings {
  readonly scheme: 'http' | 'https';
  readonly tls: KubeletTlsFiles;
  readonly credential?: KubeletCredentialSettings | undefined;
}

export interface CreateKubeletClientOptions {
  readonly maxResponseBytes?: number;
  readonly keepAliveMs?: number;
  /** For re-reading token files. */
  readonly clock?: Clock;
}

/**
 * Builds the HTTP client from the source settings: reads the CA and client certificate files
 * (errors name the option), and turns the credential into a token source. Over plain http the
 * credential is not used at all, as in Heapster: a bearer token never travels unencrypted.
 */
export async function createKubeletClient(
  settings: KubeletConnectionSettings,
  options: CreateKubeletClientOptions = {},
): Promise<HttpKubeletClient> {
  const https = settings.scheme === 'https';
  const token = https ? tokenSource(settings.credential, options.clock) : undefined;
  return new HttpKubeletClient({
    scheme: settings.scheme,
    ...(https ? { tls: await loadKubeletTls(settings.tls) } : {}),
    ...(token === undefined ? {} : { token }),
    ...(options.maxResponseBytes === undefined
      ? {}
      : { maxResponseBytes: options.maxResponseBytes }),
    ...(options.keepAliveMs === undefined ? {} : { keepAliveMs: options.keepAliveMs }),
  });
}

function tokenSource(
  credential: KubeletCredentialSettings | undefined,
  clock: Clock | undefined,
): BearerTokenSource | undefined {
  switch (credential?.kind) {
    case 'token':
      return staticBearerToken(credential.token);
    case 'tokenFile':
      return fileBearerToken(credential.path, clock === undefined ? {} : { clock });
    default:
      return undefined;
  }
}
