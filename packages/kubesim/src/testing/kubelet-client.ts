import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface GetResult {
  readonly status: number;
  readonly text: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

export interface GetOptions {
  readonly token?: string;
  /** CA to verify an https server with. */
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly timeoutMs?: number;
  readonly method?: string;
  readonly body?: string;
}

/** GET (or another method) over http or https; rejects on network errors and on the timeout. */
export function get(url: string, options: GetOptions = {}): Promise<GetResult> {
  const secure = url.startsWith('https:');
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const req = (secure ? httpsRequest : httpRequest)(
      url,
      {
        method: options.method ?? 'GET',
        headers,
        agent: false,
        ...(secure ? { ca: options.ca, cert: options.cert, key: options.key, servername: '' } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}
