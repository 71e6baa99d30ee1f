import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCertificateAuthority, issueCertificate } from '@heapster/tls';
import { ConfigError } from '@heapster/runtime';

export interface ServingCertificateOptions {
  /** `--tls-cert-file` and `--tls-private-key-file`: used as given when both are set. */
  readonly certFile?: string;
  readonly keyFile?: string;
  /** `--cert-dir`: where a self-signed pair is kept (`apiserver.crt`, `apiserver.key`). */
  readonly certDir: string;
  /** Names the self-signed certificate is valid for; default the in-cluster service names. */
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly now?: () => number;
}

export interface ServingCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  /** True when generated (or reused from --cert-dir) rather than given. */
  readonly selfSigned: boolean;
}

const DEFAULT_DNS = ['localhost', 'heapster', 'heapster.kube-system', 'heapster.kube-system.svc'];
const DEFAULT_IPS = ['127.0.0.1', '::1'];
const DAY_MS = 86_400_000;

/**
 * The secure port's serving certificate, as the generic API server finds it: the given files,
 * else a self-signed pair in --cert-dir, reused while it is valid for at least another day and
 * regenerated otherwise. The written certificate file carries the CA after the leaf, so that a
 * client can pin it (`caBundle` of the APIService).
 */
export async function loadServingCertificate(
  options: ServingCertificateOptions,
): Promise<ServingCertificate> {
  if ((options.certFile === undefined) !== (options.keyFile === undefined)) {
    throw new ConfigError([
      {
        field: '--tls-cert-file',
        message: '--tls-cert-file and --tls-private-key-file go together',
      },
    ]);
  }
  if (options.certFile !== undefined && options.keyFile !== undefined) {
    return {
      certPem: await readPem(options.certFile, '--tls-cert-file'),
      keyPem: await readPem(options.keyFile, '--tls-private-key-file'),
      selfSigned: false,
    };
  }
  const certPath = join(options.certDir, 'apiserver.crt');
  const keyPath = join(options.certDir, 'apiserver.key');
  const now = (options.now ?? Date.now)();
  const existing = await readPair(certPath, keyPath);
  if (existing !== undefined && validUntil(existing.certPem) > now + DAY_MS) {
    return { ...existing, selfSigned: true };
  }
  const ca = await createCertificateAuthority({
    commonName: `heapster-ca@${Math.floor(now / 1000)}`,
  });
  const pair = await issueCertificate(ca, {
    commonName: 'heapster',
    dnsNames: options.dnsNames ?? DEFAULT_DNS,
    ipAddresses: options.ipAddresses ?? DEFAULT_IPS,
    usage: 'server',
  });
  const certPem = `${pair.certPem.trim()}\n${ca.certPem.trim()}\n`;
  try {
    await mkdir(options.certDir, { recursive: true, mode: 0o700 });
    await writeFile(keyPath, pair.keyPem, { mode: 0o600 });
    await writeFile(certPath, certPem, { mode: 0o644 });
  } catch (error) {
    throw new ConfigError([
      {
        field: '--cert-dir',
        message: `cannot write ${options.certDir}: ${(error as Error).message}`,
      },
    ]);
  }
  return { certPem, keyPem: pair.keyPem, selfSigned: true };
}

async function readPem(path: string, field: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError([{ field, message: `cannot read ${path}: ${(error as Error).message}` }]);
  }
}

async function readPair(
  certPath: string,
  keyPath: string,
): Promise<{ certPem: string; keyPem: string } | undefined> {
  try {
    return { certPem: await readFile(certPath, 'utf8'), keyPem: await readFile(keyPath, 'utf8') };
  } catch {
    return undefined;
  }
}

/** The leaf's notAfter (epoch ms); 0 when unreadable, so that it is replaced. */
function validUntil(certPem: string): number {
  try {
    return Date.parse(new X509Certificate(certPem).validTo);
  } catch {
    return 0;
  }
}
