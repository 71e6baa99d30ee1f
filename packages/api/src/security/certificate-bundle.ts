import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { ConfigError } from '@heapster/runtime';

/**
 * The CA certificates of one trust purpose (`--client-ca-file`, `--requestheader-client-ca-file`,
 * Heapster's `--tls_client_ca`). The TLS server verifies a client chain against all CAs at once;
 * the bundle then tells which purpose vouched for it, so that front-proxy headers are trusted
 * only from certificates of the front-proxy CA.
 */
export class CertificateBundle {
  readonly pem: string;
  private readonly _cas: readonly X509Certificate[];

  /** `field` names the flag in errors. */
  constructor(pem: string, field: string) {
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0) {
      throw new ConfigError([{ field, message: 'contains no PEM certificate' }]);
    }
    try {
      this._cas = blocks.map(block => new X509Certificate(block));
    } catch (error) {
      throw new ConfigError([
        { field, message: `unreadable certificate: ${(error as Error).message}` },
      ]);
    }
    this.pem = blocks.join('\n');
  }

  /** True when the chain (leaf first) leads, issuer by issuer, to a CA of this bundle. */
  vouchesFor(chain: readonly X509Certificate[]): boolean {
    for (let i = 0; i < chain.length; i++) {
      const cert = chain[i] as X509Certificate;
      if (this._cas.some(ca => cert.checkIssued(ca) && cert.verify(ca.publicKey))) return true;
      const issuer = chain[i + 1];
      if (issuer === undefined || !cert.checkIssued(issuer) || !cert.verify(issuer.publicKey))
        return false;
    }
    return false;
  }
}

const chains = new WeakMap<object, readonly X509Certificate[]>();

/**
 * The client's certificate chain, leaf first, when the TLS layer verified it against the
 * server's CAs (`requestCert`, `rejectUnauthorized: false`); undefined for plain HTTP, no
 * certificate or a failed verification. Parsed once per connection.
 */
export function verifiedPeerChain(socket: unknown): readonly X509Certificate[] | undefined {
  const tls = socket as Partial<TLSSocket> | null;
  if (tls === null || tls.encrypted !== true || tls.authorized !== true) return undefined;
  const known = chains.get(tls);
  if (known !== undefined) return known;
  const chain: X509Certificate[] = [];
  let cert = tls.getPeerCertificate?.(true);
  const seen = new Set<unknown>();
  while (cert !== undefined && cert.raw !== undefined && !seen.has(cert) && chain.length < 10) {
    seen.add(cert);
    chain.push(new X509Certificate(cert.raw));
    cert = cert.issuerCertificate;
  }
  if (chain.length === 0) return undefined;
  chains.set(tls, chain);
  return chain;
}

/** Subject attribute values of a certificate (`CN`, `O`), as Node prints the subject. */
export function subjectValues(cert: X509Certificate, attribute: string): string[] {
  const values: string[] = [];
  for (const line of cert.subject.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0 && line.slice(0, eq) === attribute) values.push(line.slice(eq + 1));
  }
  return values;
}
