import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import {
  ALLOW_AUTHENTICATED,
  AccessReviewAuthorizer,
  type Authorizer,
} from './access-review-authorizer.js';
import {
  bearerToken,
  ClientCertAuthenticator,
  RequestHeaderAuthenticator,
  TokenReviewAuthenticator,
  type RequestHeaderConfig,
} from './authenticators.js';
import { verifiedPeerChain } from './certificate-bundle.js';
import { accessAttributes } from './request-attributes.js';
import type { ReviewClient } from './review-client.js';
import { forbiddenMessage, type UserInfo } from './user-info.js';

export interface DelegatedAuthOptions {
  /** Front-proxy authentication (the aggregator's X-Remote-* headers). */
  readonly requestHeader?: RequestHeaderConfig;
  /** `--client-ca-file` contents: client certificates as users. */
  readonly clientCaPem?: string;
  /** TokenReview for bearer tokens and SubjectAccessReview for authorization. */
  readonly reviews?: ReviewClient;
  /** `--authentication-token-webhook-cache-ttl`, ms (default 10 s). */
  readonly tokenCacheTtlMs?: number;
  /** Cache TTL of SubjectAccessReview answers, ms (default 10 s both ways). */
  readonly authorizationCacheTtlMs?: number;
  /** Overrides the authorizer (default: SubjectAccessReview via `reviews`, else any authenticated user). */
  readonly authorizer?: Authorizer;
  /** `--authorization-always-allow-paths` (`/x/*` is a prefix); default /healthz, /readyz, /livez. */
  readonly alwaysAllowPaths?: readonly string[];
  readonly now?: () => number;
}

export interface DelegatedAuth {
  readonly onRequest: onRequestAsyncHookHandler;
  /** CAs the TLS server must verify client certificates against (all purposes together). */
  readonly clientCaPems: readonly string[];
}

const users = new WeakMap<FastifyRequest, UserInfo>();

/** The authenticated user of a request that passed the hook (for logs and audit). */
export function requestUser(request: FastifyRequest): UserInfo | undefined {
  return users.get(request);
}

/**
 * Authentication and authorization of an aggregated API server, as kube-apiserver delegates
 * them: front-proxy headers (only from a front-proxy certificate), then a client certificate,
 * then a bearer token via TokenReview; then SubjectAccessReview on the request's attributes.
 * No identity → 401 Status; denied → 403 Status; the API server unreachable → 503. The
 * always-allowed paths need neither (kubelet probes carry no credentials).
 */
export function delegatedAuth(options: DelegatedAuthOptions): DelegatedAuth {
  const now = options.now ?? Date.now;
  const proxy =
    options.requestHeader === undefined
      ? undefined
      : new RequestHeaderAuthenticator(options.requestHeader);
  const certs =
    options.clientCaPem === undefined
      ? undefined
      : new ClientCertAuthenticator(options.clientCaPem);
  const tokens =
    options.reviews === undefined
      ? undefined
      : new TokenReviewAuthenticator(options.reviews, { cacheTtlMs: options.tokenCacheTtlMs, now });
  const authorizer =
    options.authorizer ??
    (options.reviews === undefined
      ? ALLOW_AUTHENTICATED
      : new AccessReviewAuthorizer(options.reviews, {
          allowedTtlMs: options.authorizationCacheTtlMs,
          deniedTtlMs: options.authorizationCacheTtlMs,
          now,
        }));
  const isPublic = pathMatcher(options.alwaysAllowPaths ?? ['/healthz', '/readyz', '/livez']);

  const authenticate = async (request: FastifyRequest): Promise<UserInfo | undefined> => {
    const chain = verifiedPeerChain(request.raw.socket);
    const viaProxy = proxy?.authenticate(chain, request.raw.headersDistinct);
    if (viaProxy !== undefined) return viaProxy;
    const viaCert = certs?.authenticate(chain);
    if (viaCert !== undefined) return viaCert;
    const token = bearerToken(request.headers);
    if (token === undefined || tokens === undefined) return undefined;
    try {
      return await tokens.authenticate(token);
    } catch (error) {
      throw unavailable('authentication', error);
    }
  };

  const onRequest: onRequestAsyncHookHandler = async request => {
    const path = request.url.split('?', 1)[0] ?? '';
    if (isPublic(path)) return;
    const found = await authenticate(request);
    if (found === undefined) throw new ApiError('HEAPSTER_ERR_UNAUTHENTICATED', 'Unauthorized');
    const user: UserInfo = found.groups.includes('system:authenticated')
      ? found
      : { ...found, groups: [...found.groups, 'system:authenticated'] };
    const access = accessAttributes(request.method, request.url);
    let decision;
    try {
      decision = await authorizer.authorize(user, access);
    } catch (error) {
      throw unavailable('authorization', error);
    }
    if (!decision.allowed) {
      throw new ApiError('HEAPSTER_ERR_FORBIDDEN', forbiddenMessage(user, access, decision.reason));
    }
    users.set(request, user);
  };

  const clientCaPems = [proxy?.ca.pem, certs?.ca.pem].filter((p): p is string => p !== undefined);
  return { onRequest, clientCaPems };
}

function unavailable(what: string, error: unknown): ApiError {
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('HEAPSTER_ERR_UNAVAILABLE', `${what} is unavailable: ${message}`, {
    cause: error,
  });
}

/** Exact paths, and prefixes written `/debug/*`. */
export function pathMatcher(paths: readonly string[]): (path: string) => boolean {
  const exact = new Set(paths.filter(p => !p.endsWith('*')));
  const prefixes = paths.filter(p => p.endsWith('*')).map(p => p.slice(0, -1));
  return path => exact.has(path) || prefixes.some(prefix => path.startsWith(prefix));
}
