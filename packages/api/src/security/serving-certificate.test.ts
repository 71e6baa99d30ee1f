import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tempDir, type TempDir } from '@heapster/testing';
import { X509Certificate } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadServingCertificate } from './serving-certificate.js';

describe('loadServingCertificate', () => {
  let dir: TempDir;
  beforeAll(async () => {
    dir = await tempDir('serving-cert');
  });
  afterAll(() => dir.cleanup());

  it('generates a self-signed pair in --cert-dir, reuses it, and renews it near expiry', async () => {
    const certDir = join(dir.path, 'certs');
    const first = await loadServingCertificate({ certDir });
    expect(first.selfSigned).toBe(true);
    const leaf = new X509Certificate(first.certPem);
    expect(leaf.subjectAltName).toContain('DNS:heapster.kube-system.svc');
    expect(leaf.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(first.certPem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect((await stat(join(certDir, 'apiserver.key'))).mode & 0o777).toBe(0o600);
    const again = await loadServingCertificate({ certDir });
    expect(again.certPem).toBe(first.certPem);
    const later = await loadServingCertificate({
      certDir,
      now: () => Date.parse(leaf.validTo) - 3_600_000,
    });
    expect(later.certPem).not.toBe(first.certPem);
  });

  it('uses the given files, and names the flag that is missing or unreadable', async () => {
    const certFile = join(dir.path, 'tls.crt');
    const keyFile = join(dir.path, 'tls.key');
    await writeFile(certFile, 'CERT');
    await writeFile(keyFile, 'KEY');
    expect(await loadServingCertificate({ certFile, keyFile, certDir: dir.path })).toEqual({
      certPem: 'CERT',
      keyPem: 'KEY',
      selfSigned: false,
    });
    await expect(loadServingCertificate({ certFile, certDir: dir.path })).rejects.toThrow(
      /--tls-cert-file/,
    );
    await expect(
      loadServingCertificate({ certFile, keyFile: join(dir.path, 'nope'), certDir: dir.path }),
    ).rejects.toThrow(/--tls-private-key-file: cannot read/);
  });
});
