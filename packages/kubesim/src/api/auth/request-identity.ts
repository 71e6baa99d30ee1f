import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { UserInfo } from './auth-policy.js';
import { withAuthenticatedGroup } from './policy-authorizer.js';
import type { Authenticator } from './policy-authorizer.js';

export const ANONYMOUS: UserInfo = {
  username: 'system:anonymous',
  groups: ['system:unauthenticated'],
};

export type Identity =
  | { readonly outcome: 'user'; readonly user: UserInfo }
  | { readonly outcome: 'anonymous' }
  | { readonly outcome: 'invalid' };

/**
 * Who sent the request: a bearer token from the policy, else a client certificate verified
 * against the configured CA (CN = user, O = groups, as kube-apiserver's x509 authenticator),
 * else anonymous. A presented but unknown token is invalid (401), never anonymous.
 */
export function identify(req: IncomingMessage, authenticator: Authenticator): Identity {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match === null) return { outcome: 'invalid' };
    const user = authenticator.authenticateToken(match[1] as string);
    return user === undefined ? { outcome: 'invalid' } : { outcome: 'user', user };
  }
  const socket = req.socket as Partial<TLSSocket>;
  if (
    socket.encrypted === true &&
    socket.authorized === true &&
    typeof socket.getPeerCertificate === 'function'
  ) {
    const cert = socket.getPeerCertificate();
    const subject = cert.subject as Record<string, string | string[] | undefined> | undefined;
    const cn = subject?.CN;
    const username = Array.isArray(cn) ? cn[0] : cn;
    if (username !== undefined && username !== '') {
      const o = subject?.O;
      const groups = o === undefined ? [] : Array.isArray(o) ? o : [o];
      return { outcome: 'user', user: withAuthenticatedGroup({ username, groups }) };
    }
  }
  return { outcome: 'anonymous' };
}
