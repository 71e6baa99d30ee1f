import type { IncomingMessage } from 'node:http';
import type { AuthPolicy } from '../api/auth/auth-policy.js';
import { PolicyAuthorizer } from '../api/auth/policy-authorizer.js';
import { identify } from '../api/auth/request-identity.js';

export type KubeletAuthOutcome =
  | { readonly allowed: true; readonly username: string }
  | { readonly allowed: false; readonly status: 401 | 403; readonly body: string };

const VERBS: Readonly<Record<string, string>> = { GET: 'get', HEAD: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/** The kubelet's authorisation subresource for a path (pkg/kubelet/server/auth.go). */
export function kubeletSubresource(path: string): string {
  if (path.startsWith('/stats')) return 'stats';
  if (path.startsWith('/metrics')) return 'metrics';
  if (path.startsWith('/logs')) return 'log';
  if (path.startsWith('/spec')) return 'spec';
  return 'proxy';
}

/**
 * Authentication and authorisation on the kubelet's HTTPS port, with the same policy as the
 * API server (standing in for the kubelet's webhook TokenReview and SubjectAccessReview):
 * a bearer token or a client certificate signed by the cluster CA; no credentials is 401 (as
 * with --anonymous-auth=false); the access checked is verb on nodes/<subresource> of the node.
 */
export class KubeletAuthenticator {
  private readonly authorizer: PolicyAuthorizer;

  constructor(policy: AuthPolicy) {
    this.authorizer = new PolicyAuthorizer(policy);
  }

  check(req: IncomingMessage, nodeName: string, path: string): KubeletAuthOutcome {
    const identity = identify(req, this.authorizer);
    if (identity.outcome !== 'user') return { allowed: false, status: 401, body: 'Unauthorized' };
    const verb = VERBS[req.method ?? 'GET'] ?? 'get';
    const subresource = kubeletSubresource(path);
    const decision = this.authorizer.authorize(identity.user, {
      kind: 'resource',
      attributes: { verb, group: '', version: 'v1', resource: 'nodes', subresource, name: nodeName },
    });
    if (decision.allowed) return { allowed: true, username: identity.user.username };
    return {
      allowed: false,
      status: 403,
      body: `Forbidden (user=${identity.user.username}, verb=${verb}, resource=nodes, subresource=${subresource})`,
    };
  }
}
