import { request } from 'node:https';
import {
  createCertificateAuthority,
  issueCertificate,
  type CertificateAuthority,
  type PemKeyPair,
} from '@heapster/tls';

export interface HttpsReply {
  readonly status: number;
  readonly body: any;
}

export interface HttpsCall {
  readonly ca: string;
  readonly cert?: PemKeyPair;
  readonly headers?: Record<string, string>;
  readonly token?: string;
  readonly method?: string;
}

/** One HTTPS request with an optional client certificate; the body parsed as JSON when it is. */
export function httpsGet(url: string, call: HttpsCall): Promise<HttpsReply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    if (call.token !== undefined) headers.authorization = `Bearer ${call.token}`;
    const req = request(
      url,
      {
        method: call.method ?? 'GET',
        headers,
        ca: call.ca,
        timeout: 10_000,
        ...(call.cert === undefined ? {} : { cert: call.cert.certPem, key: call.cert.keyPem }),
        // Every call is its own connection: a client certificate is per connection.
        agent: false,
      },
      res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // plain text stays text
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** A CA and a few client certificates it issued. */
export interface ClientCa {
  readonly ca: CertificateAuthority;
  issue(commonName: string, organizations?: string[]): Promise<PemKeyPair>;
}

export async function clientCa(commonName: string): Promise<ClientCa> {
  const ca = await createCertificateAuthority({ commonName });
  return {
    ca,
    issue: (cn, organizations) =>
      issueCertificate(ca, { commonName: cn, organizations, usage: 'client' }),
  };
}

/** A CA and a server certificate for 127.0.0.1 (kubesim's serving pair). */
export async function serverPair(): Promise<{ ca: string; pair: PemKeyPair }> {
  const ca = await createCertificateAuthority({ commonName: 'kubesim-ca' });
  const pair = await issueCertificate(ca, {
    commonName: 'kubesim',
    ipAddresses: ['127.0.0.1'],
    dnsNames: ['localhost'],
    usage: 'server',
  });
  return { ca: ca.certPem, pair };
}
