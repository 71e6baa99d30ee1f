import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Cluster, User } from '@kubernetes/client-node';

/** What one request to the API server needs besides its URL. */
export interface ApiRequestSettings {
  readonly headers: Readonly<Record<string, string>>;
  readonly agent: http.Agent;
  /** `user:password` for Basic auth (how client-node hands it to node:https). */
  readonly auth?: string;
}

/** Where requests get their credentials and TLS settings from. */
export interface CredentialSource {
  settings(): Promise<ApiRequestSettings>;
  /** Closes idle keep-alive connections; requests still work afterwards. */
  close(): void;
}

/** client-node's FileAuth and client-go re-read a token file this often (rotated tokens). */
export const TOKEN_FILE_TTL_MS = 60_000;
/** CA and client-certificate files are re-read this often; a changed file gets a new agent. */
export const TLS_FILE_TTL_MS = 60_000;
/** A kept-alive connection idle this long is closed (pages of a list reuse it back to back). */
export const IDLE_SOCKET_MS = 4_000;

/**
 * The credentials client-node would apply, computed without loading it, for the users heapster
 * builds or reads from a kubeconfig: bearer token, token file, Basic, client certificate, CA,
 * insecure-skip-tls-verify, tls-server-name, impersonation. Exec plugins, auth providers and
 * proxies go through client-node instead (see `needsClientNode`); `native-credentials.test.ts`
 * checks that both give the same answer. Unlike client-node, which builds a new TLS agent for
 * every request, one keep-alive agent serves every request until a CA or certificate file
 * changes.
 */
export class NativeCredentials implements CredentialSource {
  private readonly _cluster: Cluster;
  private readonly _user: User;
  private readonly _now: () => number;
  private _token: { value: string; readAt: number } | undefined;
  private _tls: { material: TlsMaterial; readAt: number; agent: http.Agent } | undefined;

  constructor(cluster: Cluster, user: User, now: () => number = Date.now) {
    this._cluster = cluster;
    this._user = user;
    this._now = now;
  }

  async settings(): Promise<ApiRequestSettings> {
    const cluster = this._cluster;
    if (cluster.server.startsWith('http:') && !cluster.skipTLSVerify) {
      // client-node's own refusal, word for word.
      throw new Error('HTTP protocol is not allowed when skipTLSVerify is not set or false');
    }
    return { headers: this._headers(), agent: this._agent() };
  }

  close(): void {
    if (this._tls !== undefined) closeIdleSockets(this._tls.agent);
  }

  private _headers(): Record<string, string> {
    const user = this._user;
    const headers: Record<string, string> = {};
    if (user.impersonateUser) headers['Impersonate-User'] = user.impersonateUser;
    // client-node's precedence: a token (literal, else the file) wins over username/password.
    const token = user.token || this._fileToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    else if (user.username) {
      const basic = Buffer.from(`${user.username}:${user.password ?? ''}`).toString('base64');
      headers.Authorization = `Basic ${basic}`;
    }
    return headers;
  }

  private _fileToken(): string | undefined {
    const file = tokenFileOf(this._user);
    if (file === undefined) return undefined;
    const now = this._now();
    if (this._token === undefined || now - this._token.readAt > TOKEN_FILE_TTL_MS) {
      this._token = { value: readFileSync(file).toString('utf-8'), readAt: now };
    }
    return this._token.value;
  }

  private _agent(): http.Agent {
    const now = this._now();
    const current = this._tls;
    if (current !== undefined && now - current.readAt <= TLS_FILE_TTL_MS) return current.agent;
    const material = readTlsMaterial(this._cluster, this._user);
    if (current !== undefined && sameMaterial(current.material, material)) {
      current.readAt = now;
      return current.agent;
    }
    if (current !== undefined) closeIdleSockets(current.agent);
    const agent = this._cluster.server.startsWith('https:')
      ? withIdleTimeout(new https.Agent(agentOptions(this._cluster, material)))
      : withIdleTimeout(new http.Agent({ keepAlive: true }));
    this._tls = { material, readAt: now, agent };
    return agent;
  }
}

/** Whether a user/cluster needs client-node to authenticate (anything NativeCredentials does not do). */
export function needsClientNode(cluster: Cluster, user: User): boolean {
  if (cluster.proxyUrl) return true;
  if (user.exec) return true;
  return user.authProvider !== undefined && user.authProvider !== null && !tokenFileOf(user);
}

/** The token file of heapster's own `tokenFile` auth provider (service-account token). */
function tokenFileOf(user: User): string | undefined {
  const provider = user.authProvider as
    { name?: unknown; config?: { tokenFile?: unknown } } | null | undefined;
  const file = provider?.config?.tokenFile;
  return provider?.name === 'tokenFile' && typeof file === 'string' ? file : undefined;
}

interface TlsMaterial {
  readonly ca: Buffer | undefined;
  readonly cert: Buffer | undefined;
  readonly key: Buffer | undefined;
}

/** As client-node's bufferFromFileOrString: the file wins over inline base64 data. */
function fileOrData(file: string | undefined, data: string | undefined): Buffer | undefined {
  if (file) return readFileSync(file);
  if (data) return Buffer.from(data, 'base64');
  return undefined;
}

function readTlsMaterial(cluster: Cluster, user: User): TlsMaterial {
  return {
    ca: fileOrData(cluster.caFile, cluster.caData),
    cert: fileOrData(user.certFile, user.certData),
    key: fileOrData(user.keyFile, user.keyData),
  };
}

function sameBuffer(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}

function sameMaterial(a: TlsMaterial, b: TlsMaterial): boolean {
  return sameBuffer(a.ca, b.ca) && sameBuffer(a.cert, b.cert) && sameBuffer(a.key, b.key);
}

/** The TLS options client-node derives (applyHTTPSOptions), plus keep-alive. */
export function agentOptions(cluster: Cluster, material: TlsMaterial): https.AgentOptions {
  const options: https.AgentOptions = { keepAlive: true, keepAliveMsecs: 30_000 };
  if (material.ca !== undefined) options.ca = material.ca;
  if (material.cert !== undefined) options.cert = material.cert;
  if (material.key !== undefined) options.key = material.key;
  // Unset, not true, when verifying: NODE_TLS_REJECT_UNAUTHORIZED keeps its say, as in client-node.
  if (cluster.skipTLSVerify) options.rejectUnauthorized = false;
  if (cluster.tlsServerName) options.servername = cluster.tlsServerName;
  return options;
}

function closeIdleSockets(agent: http.Agent): void {
  for (const sockets of Object.values(agent.freeSockets)) {
    for (const socket of sockets ?? []) socket.destroy();
  }
}

// Idle kept-alive sockets close after IDLE_SOCKET_MS (the agent destroys a free socket on its
// timeout); a reused one gets no timeout, so a quiet watch is never cut by it. One wrapper for
// both agent classes. (Node's typings declare keepSocketAlive as void; it returns whether the
// socket may be kept.)
export function withIdleTimeout<A extends http.Agent>(agent: A): A {
  const keepSocketAlive = agent.keepSocketAlive.bind(agent) as (socket: Duplex) => boolean;
  const reuseSocket = agent.reuseSocket.bind(agent);
  agent.keepSocketAlive = (socket: Duplex): boolean => {
    const keep = keepSocketAlive(socket);
    (socket as Socket).setTimeout(IDLE_SOCKET_MS);
    return keep;
  };
  agent.reuseSocket = (socket: Duplex, request: http.ClientRequest): void => {
    (socket as Socket).setTimeout(0);
    reuseSocket(socket, request);
  };
  return agent;
}
