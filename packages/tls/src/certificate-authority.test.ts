import { once } from 'node:events';
import { X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { connect, createServer } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { describe, expect, it } from '@jest/globals';
import { createCertificateAuthority, issueCertificate, loadCertificateAuthority } from './certificate-authority.js';
import type { PemKeyPair } from './certificate-authority.js';

interface Handshake {
  readonly authorized: boolean;
  readonly error?: string;
  readonly peerSubject?: string;
  readonly serverSawClient?: string;
}

// Runs one TLS handshake between a server with `server` and a client trusting `trustCa`,
// optionally presenting `client`; the server requires a client cert when `requireClient`.
async function handshake(options: {
  server: PemKeyPair;
  trustCa: string;
  serverName: string;
  host?: string;
  client?: PemKeyPair;
  requireClient?: boolean;
  clientCa?: string;
}): Promise<Handshake> {
  let serverSawClient: string | undefined;
  const server = createServer(
    {
      cert: options.server.certPem,
      key: options.server.keyPem,
      requestCert: options.requireClient === true,
      rejectUnauthorized: options.requireClient === true,
      ...(options.clientCa === undefined ? {} : { ca: options.clientCa }),
    },
    (socket: TLSSocket) => {
      const peer = socket.getPeerCertificate();
      serverSawClient = peer.subject === undefined ? undefined : `${String(peer.subject.CN)}/${String(peer.subject.O)}`;
      socket.end('hello');
    },
  );
  server.on('tlsClientError', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  try {
    return await new Promise<Handshake>((resolve) => {
      const socket = connect({
        host: options.host ?? '127.0.0.1',
        port,
        servername: options.serverName,
        ca: options.trustCa,
        ...(options.client === undefined ? {} : { cert: options.client.certPem, key: options.client.keyPem }),
      });
      socket.setTimeout(5000, () => socket.destroy(new Error('timeout')));
      let data = '';
      socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
      socket.on('end', () => {
        resolve({
          authorized: socket.authorized && data === 'hello',
          peerSubject: String(socket.getPeerCertificate().subject?.CN),
          ...(serverSawClient === undefined ? {} : { serverSawClient }),
        });
      });
      socket.on('error', (error: Error) => resolve({ authorized: false, error: error.message }));
    });
  } finally {
    server.close();
  }
}

describe('certificate authority', () => {
  it('issues a server certificate a client verifies against the CA by DNS name and by IP', async () => {
    const ca = await createCertificateAuthority({ commonName: 'test-ca' });
    const server = await issueCertificate(ca, {
      commonName: 'kubesim',
      dnsNames: ['localhost', 'kubesim.local'],
      ipAddresses: ['127.0.0.1', '127.0.3.4'],
      usage: 'server',
    });
    const byName = await handshake({ server, trustCa: ca.certPem, serverName: 'kubesim.local' });
    expect(byName).toMatchObject({ authorized: true, peerSubject: 'kubesim' });
    // An IP literal as servername is not sent as SNI; node verifies the IP SAN by host.
    const byIp = await handshake({ server, trustCa: ca.certPem, serverName: '' });
    expect(byIp.authorized).toBe(true);
  });

  it('is rejected by a client that trusts a different CA, or for a name not in the SANs', async () => {
    const ca = await createCertificateAuthority();
    const other = await createCertificateAuthority({ commonName: 'other' });
    const server = await issueCertificate(ca, { commonName: 's', dnsNames: ['a.example'], usage: 'server' });
    const wrongCa = await handshake({ server, trustCa: other.certPem, serverName: 'a.example' });
    expect(wrongCa.authorized).toBe(false);
    expect(wrongCa.error).toMatch(/certificate/i);
    const wrongName = await handshake({ server, trustCa: ca.certPem, serverName: 'b.example' });
    expect(wrongName.authorized).toBe(false);
    expect(wrongName.error).toMatch(/altnames|Hostname/i);
  });

  it('authenticates a client certificate with its organisations, and refuses a client without one', async () => {
    const ca = await createCertificateAuthority();
    const server = await issueCertificate(ca, { commonName: 's', dnsNames: ['localhost'], usage: 'server' });
    const client = await issueCertificate(ca, {
      commonName: 'heapster',
      organizations: ['system:monitoring'],
      usage: 'client',
    });
    const ok = await handshake({
      server,
      trustCa: ca.certPem,
      serverName: 'localhost',
      client,
      requireClient: true,
      clientCa: ca.certPem,
    });
    expect(ok).toMatchObject({ authorized: true, serverSawClient: 'heapster/system:monitoring' });
    const anonymous = await handshake({
      server,
      trustCa: ca.certPem,
      serverName: 'localhost',
      requireClient: true,
      clientCa: ca.certPem,
    });
    expect(anonymous.authorized).toBe(false);
  });

  it('marks usage in extended key usage and CA constraints, and can reuse a key', async () => {
    const ca = await createCertificateAuthority();
    expect(new X509Certificate(ca.certPem).ca).toBe(true);
    const first = await issueCertificate(ca, { commonName: 'a', ipAddresses: ['127.0.0.2'], usage: 'server' });
    const second = await issueCertificate(ca, {
      commonName: 'b',
      ipAddresses: ['127.0.0.3'],
      usage: 'server',
      keyPem: first.keyPem,
    });
    const parsed = new X509Certificate(second.certPem);
    expect(parsed.ca).toBe(false);
    expect(parsed.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(parsed.checkIP('127.0.0.3')).toBe('127.0.0.3');
    expect(parsed.checkIssued(new X509Certificate(ca.certPem))).toBe(true);
    expect(second.keyPem).toBe(first.keyPem);
    const client = new X509Certificate((await issueCertificate(ca, { commonName: 'c', usage: 'client' })).certPem);
    expect(client.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
  });

  it('reloads a CA from PEM and keeps signing with it', async () => {
    const ca = await createCertificateAuthority({ commonName: 'persisted' });
    const reloaded = await loadCertificateAuthority({ certPem: ca.certPem, keyPem: ca.keyPem });
    expect(reloaded.commonName).toBe('persisted');
    const server = await issueCertificate(reloaded, { commonName: 's', dnsNames: ['localhost'], usage: 'server' });
    expect((await handshake({ server, trustCa: ca.certPem, serverName: 'localhost' })).authorized).toBe(true);
  });

  it('names the bad field in validation errors', async () => {
    const ca = await createCertificateAuthority();
    await expect(issueCertificate(ca, { commonName: 'x', ipAddresses: ['nope'], usage: 'server' })).rejects.toThrow(
      /ipAddresses.*nope/,
    );
    await expect(createCertificateAuthority({ validityDays: 0 })).rejects.toThrow(/validityDays/);
    await expect(issueCertificate(ca, { commonName: '', usage: 'client' })).rejects.toThrow(/commonName/);
  });
});
