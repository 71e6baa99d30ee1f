import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ApiFaults } from './api-faults.js';
import { parseResourcePath } from './api-path.js';
import { validateAuthPolicy } from './auth/auth-policy.js';
import type { AuthPolicy, UserInfo } from './auth/auth-policy.js';
import { forbiddenMessage, PolicyAuthorizer } from './auth/policy-authorizer.js';
import type { AccessAttributes } from './auth/policy-authorizer.js';
import { ANONYMOUS, identify } from './auth/request-identity.js';
import { handleAccessReview, handleTokenReview } from './auth/review-handlers.js';
import { discoveryDocument, versionInfo } from './discovery.js';
import type { ExtraApiGroup } from './discovery.js';
import type { HandlerContext } from './handler-context.js';
import { writeJson } from './json-response.js';
import type { ObjectStore } from './object-store.js';
import { resourceVerb, routeResource } from './resource-router.js';
import {
  ApiError,
  failure,
  methodNotAllowed,
  pathNotFound,
  unauthorized,
  writeStatus,
} from './status.js';

/** Called first for every request; return true when it answered the request. */
export type ExtraRoutes = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => boolean | Promise<boolean>;

export interface ApiServerOptions {
  readonly store: ObjectStore;
  /** Port on 127.0.0.1 (default 0: any free port). */
  readonly port?: number;
  readonly host?: string;
  /** Serve HTTPS with these PEM strings; `ca` also enables client-certificate authentication. */
  readonly tls?: { readonly cert: string; readonly key: string; readonly ca?: string };
  /** Tokens and rules for authentication, authorisation, TokenReview and SubjectAccessReview. */
  readonly authPolicy?: AuthPolicy;
  /** Require a valid token or client certificate (default: true with tls, false without). */
  readonly requireAuth?: boolean;
  readonly faults?: ApiFaults;
  /** gitVersion in /version (default v1.20.2). */
  readonly kubeVersion?: string;
  /** Further API groups to advertise (kubesim itself never advertises metrics.k8s.io). */
  readonly extraGroups?: readonly ExtraApiGroup[];
  readonly extraRoutes?: ExtraRoutes;
  /** Clock for Table ages, epoch ms (default Date.now). */
  readonly now?: () => number;
  /** BOOKMARK interval for watches with allowWatchBookmarks=true (default 60 s). */
  readonly bookmarkIntervalSeconds?: number;
  /** Watch length when a client sends no timeoutSeconds (default 1800 s). */
  readonly watchTimeoutSeconds?: number;
  /** Socket backlog after which a slow watch is closed (default 64 MiB). */
  readonly maxWatchBacklogBytes?: number;
  /** Observes every finished request (tests record what kubectl asked for). */
  readonly onRequest?: (entry: RequestLogEntry) => void;
  /** Unexpected handler failures (answered with 500). */
  readonly onError?: (error: unknown) => void;
}

export interface RequestLogEntry {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly accept: string | undefined;
  readonly userAgent: string | undefined;
  readonly user: string | undefined;
}

export interface ApiServer {
  readonly url: string;
  readonly port: number;
  readonly faults: ApiFaults;
  close(): Promise<void>;
}

const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

/** Starts the simulated kube-apiserver on 127.0.0.1. */
export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const faults = options.faults ?? new ApiFaults();
  const policy = validateAuthPolicy(options.authPolicy ?? {});
  const authorizer = new PolicyAuthorizer(policy);
  const requireAuth = options.requireAuth ?? options.tls !== undefined;
  const version = versionInfo(options.kubeVersion ?? 'v1.20.2');
  const ctx: HandlerContext = {
    store: options.store,
    faults,
    now: options.now ?? Date.now,
    bookmarkIntervalMs:
      positive('bookmarkIntervalSeconds', options.bookmarkIntervalSeconds ?? 60) * 1000,
    defaultWatchTimeoutMs:
      positive('watchTimeoutSeconds', options.watchTimeoutSeconds ?? 1800) * 1000,
    maxWatchBacklogBytes: positive(
      'maxWatchBacklogBytes',
      options.maxWatchBacklogBytes ?? 64 * 1024 * 1024,
    ),
  };
  let serverAddress = '';

  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    setUser: (u: UserInfo) => void,
  ): Promise<void> => {
    if (options.extraRoutes !== undefined && (await options.extraRoutes(req, res, url))) return;
    const path = url.pathname;
    if (PUBLIC_PATHS.has(path)) {
      if (path === '/version') writeJson(res, 200, JSON.stringify(version));
      else {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('ok');
      }
      return;
    }
    const resourcePath = parseResourcePath(path);
    let user: UserInfo | undefined;
    if (requireAuth) {
      const identity = identify(req, authorizer);
      if (identity.outcome !== 'user') throw unauthorized();
      user = identity.user;
      setUser(user);
      const method = req.method ?? 'GET';
      const access: AccessAttributes =
        resourcePath === undefined
          ? { kind: 'nonResource', attributes: { verb: method.toLowerCase(), path } }
          : {
              kind: 'resource',
              attributes: {
                verb: resourceVerb(method, resourcePath, url.searchParams),
                group: resourcePath.group,
                version: resourcePath.version,
                resource: resourcePath.resource,
                ...(resourcePath.subresource === undefined
                  ? {}
                  : { subresource: resourcePath.subresource }),
                ...(resourcePath.namespace === undefined
                  ? {}
                  : { namespace: resourcePath.namespace }),
                ...(resourcePath.name === undefined ? {} : { name: resourcePath.name }),
              },
            };
      const decision = authorizer.authorize(user, access);
      if (!decision.allowed) {
        const details = access.kind === 'resource' ? forbiddenDetails(access.attributes) : {};
        throw new ApiError(403, forbiddenMessage(user, access, decision.reason), details);
      }
    }
    if (await serveReviews(req, res, path, user)) return;
    const discovery = discoveryDocument(path, serverAddress, options.extraGroups ?? []);
    if (discovery !== undefined) {
      if (req.method !== 'GET') throw methodNotAllowed();
      writeJson(res, 200, JSON.stringify(discovery));
      return;
    }
    if (resourcePath === undefined) {
      if (path.startsWith('/api/') || path.startsWith('/apis/')) throw pathNotFound();
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('404 page not found\n');
      return;
    }
    await routeResource(req, res, resourcePath, url.searchParams, ctx);
  };

  const serveReviews = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    user: UserInfo | undefined,
  ): Promise<boolean> => {
    const reviews: Record<string, () => Promise<void>> = {
      '/apis/authentication.k8s.io/v1/tokenreviews': () => handleTokenReview(req, res, authorizer),
      '/apis/authorization.k8s.io/v1/subjectaccessreviews': () =>
        handleAccessReview(req, res, authorizer, undefined),
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews': () =>
        handleAccessReview(
          req,
          res,
          requireAuth ? authorizer : { authorize: () => ({ allowed: true, reason: '' }) },
          user ?? ANONYMOUS,
        ),
    };
    const review = reviews[path.replace(/\/+$/, '')];
    if (review === undefined) return false;
    if (req.method !== 'POST') throw methodNotAllowed();
    await review();
    return true;
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://kubesim.local');
    let user: string | undefined;
    res.on('finish', () => logRequest(req, res, user));
    res.on('close', () => logRequest(req, res, user));
    handle(req, res, url, u => {
      user = u.username;
    }).catch((error: unknown) => {
      if (error instanceof ApiError) {
        writeStatus(res, error);
        return;
      }
      options.onError?.(error);
      writeStatus(res, failure(500, `Internal error occurred: ${(error as Error).message}`));
    });
  };

  const logged = new WeakSet<ServerResponse>();
  const logRequest = (
    req: IncomingMessage,
    res: ServerResponse,
    user: string | undefined,
  ): void => {
    if (options.onRequest === undefined || logged.has(res)) return;
    logged.add(res);
    options.onRequest({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      status: res.statusCode,
      accept: req.headers.accept,
      userAgent: req.headers['user-agent'],
      user,
    });
  };

  const server: Server =
    options.tls === undefined
      ? createHttpServer(listener)
      : createHttpsServer(
          {
            cert: options.tls.cert,
            key: options.tls.key,
            ...(options.tls.ca === undefined ? {} : { ca: options.tls.ca, requestCert: true }),
            rejectUnauthorized: false,
          },
          listener,
        );
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  serverAddress = `${host}:${port}`;
  const scheme = options.tls === undefined ? 'http' : 'https';
  return {
    url: `${scheme}://${host}:${port}`,
    port,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error === undefined ? resolve() : reject(error)));
        // Open watches would otherwise keep close() waiting for their timeout.
        server.closeAllConnections();
      }),
  };
}

function forbiddenDetails(a: { group: string; resource: string; name?: string }): {
  name?: string;
  group?: string;
  kind: string;
} {
  return {
    ...(a.name === undefined ? {} : { name: a.name }),
    ...(a.group === '' ? {} : { group: a.group }),
    kind: a.resource,
  };
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`createApiServer: ${name} must be a positive number, got ${value}`);
  return value;
}
