import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigError, ManualClock } from '@heapster/runtime';
import {
  createCertificateAuthority,
  issueCertificate,
  type CertificateAuthority,
  type PemKeyPair,
} from '@heapster/tls';
import { failure } from '../testing/failure.js';
import { startLocalServer, type LocalServer } from '../testing/local-server.js';
import { createKubeletClient } from './create-kubelet-client.js';
import { fileBearerToken, loadKubeletTls } from './credentials.js';
import { classifyScrapeError } from './kubelet-errors.js';

/** The body a client returned, as text. */
const text = async (body: Promise<string | Uint8Array>): Promise<string> => {
  const value = await body;
  return typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
};

const never = new AbortController().signal;
const dir = mkdtempSync(join(tmpdir(), 'source-kubelet-tls-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('kubelet client over https', () => {
  let ca: CertificateAuthority;
  let clientPair: PemKeyPair;
  let server: LocalServer;
  let target: { nodeName: string; address: string; port: number };

  beforeAll(async () => {
    ca = await createCertificateAuthority({ commonName: 'test-ca' });
    const serving = await issueCertificate(ca, {
      commonName: 'kubelet',
      ipAddresses: ['127.0.0.1'],
      usage: 'server',
    });
    clientPair = await issueCertificate(ca, { commonName: 'heapster', usage: 'client' });
    // Like a kubelet with webhook authn: a bearer token or a client certificate of the cluster CA.
    server = await startLocalServer(
      (req, res) => {
        const socket = req.socket as { authorized?: boolean };
        const allowed = req.headers.authorization === 'Bearer s3cret' || socket.authorized === true;
        res.writeHead(allowed ? 200 : 401).end(allowed ? '{"ok":true}' : 'Unauthorized');
      },
      {
        cert: serving.certPem,
        key: serving.keyPem,
        ca: ca.certPem,
        requestCert: true,
        rejectUnauthorized: false,
      },
    );
    target = { nodeName: 'n1', address: '127.0.0.1', port: server.port };
  });
  afterAll(() => server.close());

  it('verifies the kubelet against the CA and sends the bearer token', async () => {
    const client = await createKubeletClient({
      scheme: 'https',
      tls: { caFile: file('ca.crt', ca.certPem), insecureSkipVerify: false },
      credential: { kind: 'token', token: 's3cret' },
    });
    await expect(text(client.get(target, 'summary', never))).resolves.toBe('{"ok":true}');
    expect(server.seen.at(-1)?.authorization).toBe('Bearer s3cret');
    await client.close();
  });

  it('authenticates with a client certificate', async () => {
    const client = await createKubeletClient({
      scheme: 'https',
      tls: {
        caFile: file('ca2.crt', ca.certPem),
        certFile: file('client.crt', clientPair.certPem),
        keyFile: file('client.key', clientPair.keyPem),
        insecureSkipVerify: false,
      },
    });
    await expect(text(client.get(target, 'summary', never))).resolves.toBe('{"ok":true}');
    expect(server.seen.at(-1)).toMatchObject({ authorization: undefined, clientCert: true });
    await client.close();
  });

  it('fails as tls when the serving certificate cannot be verified', async () => {
    const client = await createKubeletClient({
      scheme: 'https',
      tls: { insecureSkipVerify: false },
    });
    const error = await failure(client.get(target, 'summary', never));
    expect(classifyScrapeError(error)).toBe('tls');
    await client.close();
  });

  it('skips verification when told to (Heapster without a CA)', async () => {
    const client = await createKubeletClient({
      scheme: 'https',
      tls: { insecureSkipVerify: true },
      credential: { kind: 'token', token: 's3cret' },
    });
    await expect(text(client.get(target, 'summary', never))).resolves.toBe('{"ok":true}');
    await client.close();
  });

  it('never sends the token over plain http', async () => {
    const plain = await startLocalServer((_req, res) => res.end('{}'));
    const client = await createKubeletClient({
      scheme: 'http',
      tls: { insecureSkipVerify: true },
      credential: { kind: 'token', token: 's3cret' },
    });
    await client.get({ ...target, port: plain.port }, 'summary', never);
    expect(plain.seen[0]?.authorization).toBeUndefined();
    await client.close();
    await plain.close();
  });

  it('names every unreadable TLS file by its option', async () => {
    const error = await failure(
      loadKubeletTls({
        caFile: join(dir, 'missing-ca'),
        keyFile: join(dir, 'missing-key'),
        insecureSkipVerify: false,
      }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(
      /^kubeletCA: cannot read .*missing-ca.*\nkubeletClientKey: cannot read/,
    );
  });
});

describe('fileBearerToken', () => {
  it('re-reads a rotated token after the refresh interval', async () => {
    const clock = new ManualClock(0);
    const path = file('token', 'first\n');
    const source = fileBearerToken(path, { clock, refreshMs: 1000 });
    await expect(source.token()).resolves.toBe('first');
    writeFileSync(path, 'second');
    await expect(source.token()).resolves.toBe('first');
    clock.advance(1000);
    await expect(source.token()).resolves.toBe('second');
  });

  it('names the file when it was never readable, and counts it as a credentials failure', async () => {
    const error = await failure(fileBearerToken(join(dir, 'nope')).token());
    expect(error.message).toMatch(/cannot read the kubelet bearer token file .*nope/);
    expect(classifyScrapeError(error)).toBe('unauthorized');
  });
});
