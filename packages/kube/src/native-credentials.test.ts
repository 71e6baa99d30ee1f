import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { KubeConfig, type Cluster, type User } from '@kubernetes/client-node';
import { KubeConnection } from './kube-connection.js';
import { NativeCredentials, TLS_FILE_TTL_MS, TOKEN_FILE_TTL_MS } from './native-credentials.js';

const dir = mkdtempSync(join(tmpdir(), 'native-credentials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** What client-node itself sends for this cluster and user (headers and TLS options). */
async function clientNodeView(cluster: Cluster, user: User) {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [cluster],
    users: [user],
    contexts: [{ name: 'c', cluster: cluster.name, user: user.name }],
    currentContext: 'c',
  });
  const options: https.RequestOptions = { headers: {} };
  await config.applyToHTTPSOptions(options);
  const agent = options.agent as https.Agent;
  const headers = { ...(options.headers as Record<string, string>) };
  // client-node hands Basic credentials to node as `auth`; node turns them into this header
  // unless an Authorization header is already set.
  if (typeof options.auth === 'string' && headers.Authorization === undefined)
    headers.Authorization = `Basic ${Buffer.from(options.auth).toString('base64')}`;
  return { headers, tls: tlsOf(agent.options) };
}

async function nativeView(cluster: Cluster, user: User) {
  const settings = await new NativeCredentials(cluster, user).settings();
  return { headers: settings.headers, tls: tlsOf((settings.agent as https.Agent).options) };
}

function tlsOf(options: https.AgentOptions) {
  const text = (value: unknown): string | undefined =>
    value === undefined ? undefined : Buffer.from(value as Buffer).toString();
  return {
    ca: text(options.ca),
    cert: text(options.cert),
    key: text(options.key),
    rejectUnauthorized: options.rejectUnauthorized,
    servername: options.servername,
  };
}

const server = 'https://api.example.com:6443';
const cases: { name: string; cluster: Cluster; user: User }[] = [
  {
    name: 'anonymous, CA file',
    cluster: { name: 'k', server, skipTLSVerify: false, caFile: file('ca.crt', 'CA-FILE') },
    user: { name: 'anonymous' },
  },
  {
    name: 'bearer token, inline CA, tls-server-name',
    cluster: { name: 'k', server, skipTLSVerify: false, caData: b64('CA'), tlsServerName: 'kube' },
    user: { name: 'u', token: 'secret-token' },
  },
  {
    name: 'service-account token file',
    cluster: { name: 'k', server, skipTLSVerify: false, caFile: file('ca2.crt', 'CA2') },
    user: {
      name: 'sa',
      authProvider: { name: 'tokenFile', config: { tokenFile: file('token', 'sa-token') } },
    },
  },
  {
    name: 'client certificate from files, insecure',
    cluster: { name: 'k', server, skipTLSVerify: true },
    user: {
      name: 'u',
      certFile: file('client.crt', 'CERT-FILE'),
      keyFile: file('client.key', 'KEY-FILE'),
    },
  },
  {
    name: 'client certificate inline, impersonation',
    cluster: { name: 'k', server, skipTLSVerify: false, caData: b64('CA') },
    user: { name: 'u', certData: b64('CERT'), keyData: b64('KEY'), impersonateUser: 'jane' },
  },
  {
    name: 'username and password',
    cluster: { name: 'k', server, skipTLSVerify: false },
    user: { name: 'u', username: 'admin', password: 'pw' },
  },
  {
    name: 'token wins over username and password',
    cluster: { name: 'k', server, skipTLSVerify: false },
    user: { name: 'u', token: 'tok', username: 'admin', password: 'pw' },
  },
];

describe('NativeCredentials (client-node is not loaded for these)', () => {
  it.each(cases)('sends what client-node sends: $name', async ({ cluster, user }) => {
    expect(new KubeConnection(cluster, user).usesClientNode).toBe(false);
    expect(await nativeView(cluster, user)).toEqual(await clientNodeView(cluster, user));
  });

  it('refuses plain http without skipTLSVerify, as client-node does', async () => {
    const cluster = { name: 'k', server: 'http://127.0.0.1:8080', skipTLSVerify: false };
    const native = new NativeCredentials(cluster, { name: 'u' }).settings();
    await expect(native).rejects.toThrow(
      'HTTP protocol is not allowed when skipTLSVerify is not set or false',
    );
    await expect(clientNodeView(cluster, { name: 'u' })).rejects.toThrow(
      'HTTP protocol is not allowed when skipTLSVerify is not set or false',
    );
  });

  it('leaves exec plugins, other auth providers and proxies to client-node', () => {
    const cluster = { name: 'k', server, skipTLSVerify: false };
    const uses = (c: Cluster, u: User) => new KubeConnection(c, u).usesClientNode;
    expect(uses(cluster, { name: 'u', exec: { command: 'aws' } })).toBe(true);
    expect(uses(cluster, { name: 'u', authProvider: { name: 'oidc', config: {} } })).toBe(true);
    expect(uses({ ...cluster, proxyUrl: 'http://proxy:3128' }, { name: 'u' })).toBe(true);
  });

  it('re-reads a rotated token file once its minute is over', async () => {
    let now = 1_000_000;
    const tokenFile = file('rotating-token', 'first');
    const credentials = new NativeCredentials(
      { name: 'k', server, skipTLSVerify: false },
      { name: 'sa', authProvider: { name: 'tokenFile', config: { tokenFile } } },
      () => now,
    );
    expect((await credentials.settings()).headers.Authorization).toBe('Bearer first');
    writeFileSync(tokenFile, 'second');
    now += TOKEN_FILE_TTL_MS;
    expect((await credentials.settings()).headers.Authorization).toBe('Bearer first');
    now += 1;
    expect((await credentials.settings()).headers.Authorization).toBe('Bearer second');
  });

  it('keeps one keep-alive agent, and builds a new one when the CA file changes', async () => {
    let now = 1_000_000;
    const caFile = file('rotating-ca.crt', 'CA-1');
    const credentials = new NativeCredentials(
      { name: 'k', server, skipTLSVerify: false, caFile },
      { name: 'u' },
      () => now,
    );
    const first = (await credentials.settings()).agent as https.Agent;
    expect(first.options.keepAlive).toBe(true);
    now += TLS_FILE_TTL_MS + 1;
    expect((await credentials.settings()).agent).toBe(first);
    writeFileSync(caFile, 'CA-2');
    expect((await credentials.settings()).agent).toBe(first);
    now += TLS_FILE_TTL_MS + 1;
    const second = (await credentials.settings()).agent as https.Agent;
    expect(second).not.toBe(first);
    expect(String(second.options.ca)).toBe('CA-2');
  });
});
