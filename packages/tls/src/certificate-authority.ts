// tsyringe, which @peculiar/x509 uses internally, needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import { KeyObject, createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  type Extension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509Certificate,
  X509CertificateGenerator,
} from '@peculiar/x509';

// ECDSA P-256: key generation and signing take well under a millisecond, so kubesim can
// issue one serving certificate per simulated kubelet even for thousands of nodes, and
// Go (kubectl) and Node accept it.
const KEY_ALGORITHM: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING_ALGORITHM: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const DAY_MS = 86_400_000;
// Backdate validity a little so a peer whose clock runs slightly behind still accepts it.
const BACKDATE_MS = 5 * 60_000;

const crypto = webcrypto;
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** A PEM certificate with its PEM (PKCS#8) private key. */
export interface PemKeyPair {
  readonly certPem: string;
  readonly keyPem: string;
}

/** A certificate authority that can sign certificates in this process. */
export interface CertificateAuthority extends PemKeyPair {
  readonly commonName: string;
  /** The CA's private key as a WebCrypto key, for signing. */
  readonly signingKey: CryptoKey;
  /** The parsed CA certificate (issuer name and key identifier come from it). */
  readonly certificate: X509Certificate;
}

export interface CertificateAuthorityOptions {
  /** Subject common name of the CA; default "heapster-ca". */
  readonly commonName?: string;
  /** Validity in days; default 3650. */
  readonly validityDays?: number;
}

export type CertificateUsage = 'server' | 'client';

export interface IssueCertificateOptions {
  readonly commonName: string;
  /** Subject organisations; Kubernetes reads these as a client certificate's groups. */
  readonly organizations?: readonly string[];
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly usage: CertificateUsage;
  /** Validity in days; default 365. */
  readonly validityDays?: number;
  /**
   * Reuse this key pair instead of generating a new one (PKCS#8 PEM private key). Lets a
   * caller issuing thousands of certificates pay for one key generation.
   */
  readonly keyPem?: string;
}

function validityDays(value: number | undefined, fallback: number, field: string): number {
  const days = value ?? fallback;
  if (!Number.isFinite(days) || days <= 0) {
    throw new Error(`${field} must be a positive number of days, got ${String(value)}`);
  }
  return days;
}

async function generateKeys(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

function privateKeyPem(key: CryptoKey): string {
  return KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }).toString();
}

async function keysFromPem(keyPem: string): Promise<CryptoKeyPair> {
  const privateNode = createPrivateKey(keyPem);
  const publicNode = createPublicKey(privateNode);
  const privateKey = await crypto.subtle.importKey(
    'pkcs8',
    privateNode.export({ type: 'pkcs8', format: 'der' }),
    KEY_ALGORITHM,
    true,
    ['sign'],
  );
  const publicKey = await crypto.subtle.importKey(
    'spki',
    publicNode.export({ type: 'spki', format: 'der' }),
    KEY_ALGORITHM,
    true,
    ['verify'],
  );
  return { privateKey, publicKey };
}

function serialNumber(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  // A positive serial: clear the top bit so the DER integer needs no sign byte.
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

/** Creates a self-signed CA (ECDSA P-256, SHA-256) valid for `validityDays`. */
export async function createCertificateAuthority(
  options: CertificateAuthorityOptions = {},
): Promise<CertificateAuthority> {
  const commonName = options.commonName ?? 'heapster-ca';
  if (commonName === '') throw new Error('commonName must not be empty');
  const days = validityDays(options.validityDays, 3650, 'validityDays');
  const keys = await generateKeys();
  const now = Date.now();
  const certificate = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serialNumber(),
      name: [{ CN: [commonName] }],
      notBefore: new Date(now - BACKDATE_MS),
      notAfter: new Date(now + days * DAY_MS),
      signingAlgorithm: SIGNING_ALGORITHM,
      keys,
      extensions: [
        new BasicConstraintsExtension(true, 0, true),
        new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign | KeyUsageFlags.digitalSignature, true),
        await SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return {
    commonName,
    certPem: certificate.toString('pem'),
    keyPem: privateKeyPem(keys.privateKey),
    signingKey: keys.privateKey,
    certificate,
  };
}

/** Rebuilds a CertificateAuthority from PEM produced earlier by createCertificateAuthority. */
export async function loadCertificateAuthority(pair: PemKeyPair): Promise<CertificateAuthority> {
  const certificate = new X509Certificate(pair.certPem);
  const keys = await keysFromPem(pair.keyPem);
  const commonName = certificate.subjectName.getField('CN')[0] ?? '';
  return { commonName, certPem: pair.certPem, keyPem: pair.keyPem, signingKey: keys.privateKey, certificate };
}

/** Issues a server or client certificate signed by `ca`. */
export async function issueCertificate(ca: CertificateAuthority, options: IssueCertificateOptions): Promise<PemKeyPair> {
  if (options.commonName === '') throw new Error('commonName must not be empty');
  if (options.usage !== 'server' && options.usage !== 'client') {
    throw new Error(`usage must be "server" or "client", got ${JSON.stringify(options.usage)}`);
  }
  for (const ip of options.ipAddresses ?? []) {
    if (isIP(ip) === 0) throw new Error(`ipAddresses contains ${JSON.stringify(ip)}, which is not an IP address`);
  }
  const days = validityDays(options.validityDays, 365, 'validityDays');
  const keys = options.keyPem === undefined ? await generateKeys() : await keysFromPem(options.keyPem);
  const names = [
    ...(options.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(options.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  const subject = [{ CN: [options.commonName] }, ...(options.organizations ?? []).map((o) => ({ O: [o] }))];
  const extensions: Extension[] = [
    new BasicConstraintsExtension(false, undefined, true),
    new KeyUsagesExtension(
      options.usage === 'server'
        ? KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment
        : KeyUsageFlags.digitalSignature,
      true,
    ),
    new ExtendedKeyUsageExtension(
      [options.usage === 'server' ? ExtendedKeyUsage.serverAuth : ExtendedKeyUsage.clientAuth],
      false,
    ),
    await AuthorityKeyIdentifierExtension.create(ca.certificate.publicKey, false, crypto),
  ];
  if (names.length > 0) extensions.push(new SubjectAlternativeNameExtension(names, false));
  const now = Date.now();
  const certificate = await X509CertificateGenerator.create(
    {
      serialNumber: serialNumber(),
      subject,
      issuer: ca.certificate.subjectName,
      notBefore: new Date(now - BACKDATE_MS),
      notAfter: new Date(now + days * DAY_MS),
      signingAlgorithm: SIGNING_ALGORITHM,
      publicKey: keys.publicKey,
      signingKey: ca.signingKey,
      extensions,
    },
    crypto,
  );
  return {
    certPem: certificate.toString('pem'),
    keyPem: options.keyPem ?? privateKeyPem(keys.privateKey),
  };
}
