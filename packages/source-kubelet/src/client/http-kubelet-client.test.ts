import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigError, TimeoutError } from '@heapster/runtime';
import { failure } from '../testing/failure.js';
import { startLocalServer, type Handler, type LocalServer } from '../testing/local-server.js';
import { HttpKubeletClient } from './http-kubelet-client.js';
import {
  classifyScrapeError,
  KubeletConnectionError,
  KubeletHttpError,
  KubeletNotFoundError,
  KubeletRejectedError,
  ResponseTooLargeError,
} from './kubelet-errors.js';

/** The body a client returned, as text. */
const text = async (body: Promise<string | Uint8Array>): Promise<string> => {
  const value = await body;
  return typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
};

const target = (port: number) => ({ nodeName: 'n1', address: '127.0.0.1', port });
const never = new AbortController().signal;

describe('HttpKubeletClient over http', () => {
  let server: LocalServer;
  let respond: Handler = (_req, res) => res.end('');
  const client = new HttpKubeletClient({ scheme: 'http', maxResponseBytes: 10_000 });

  beforeAll(async () => {
    server = await startLocalServer((req, res) => respond(req, res));
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('GETs /stats/summary/ with a JSON Accept header and returns the body', async () => {
    respond = (req, res) =>
      res.writeHead(200).end(`{"accept":${JSON.stringify(req.headers.accept)}}`);
    await expect(text(client.get(target(server.port), 'summary', never))).resolves.toBe(
      '{"accept":"application/json"}',
    );
    expect(server.seen.at(-1)).toMatchObject({ url: '/stats/summary/', authorization: undefined });
  });

  it('returns whole bodies in recycled buffers, with and without Content-Length', async () => {
    const big = new HttpKubeletClient({ scheme: 'http' });
    try {
      const bodies = [300_000, 70_000, 1, 150_000].map((size, i) =>
        Buffer.alloc(size, String.fromCharCode(97 + i)),
      );
      for (const [i, expected] of bodies.entries()) {
        respond = (_req, res) => {
          // Odd bodies are sent chunked in pieces, even ones with their length.
          if (i % 2 === 0) res.writeHead(200, { 'content-length': expected.length });
          else res.writeHead(200);
          for (let at = 0; at < expected.length; at += 20_000)
            res.write(expected.subarray(at, at + 20_000));
          res.end();
        };
        const body = await big.get(target(server.port), 'summary', never);
        expect(Buffer.from(body).equals(expected)).toBe(true);
        big.recycle(body);
      }
    } finally {
      await big.close();
    }
  });

  it('GETs /metrics/resource in resource mode', async () => {
    respond = (_req, res) => res.writeHead(200).end('scrape_error 0\n');
    await expect(text(client.get(target(server.port), 'resource', never))).resolves.toBe(
      'scrape_error 0\n',
    );
    expect(server.seen.at(-1)?.url).toBe('/metrics/resource');
  });

  it('turns a 5xx into a retryable error with the status and a one-line excerpt', async () => {
    respond = (_req, res) =>
      res.writeHead(503).end('Internal Error: failed to get node stats:\n  cadvisor is down');
    const error = await failure(client.get(target(server.port), 'summary', never));
    expect(error).toBeInstanceOf(KubeletHttpError);
    expect(error.message).toBe(
      `GET http://127.0.0.1:${server.port}/stats/summary/: HTTP 503: Internal Error: failed to get node stats: cadvisor is down`,
    );
    expect(classifyScrapeError(error)).toBe('http_error');
  });

  it('turns a 404 into a NotFound error', async () => {
    respond = (_req, res) => res.writeHead(404).end('404 page not found');
    const error = await failure(client.get(target(server.port), 'resource', never));
    expect(error).toBeInstanceOf(KubeletNotFoundError);
    expect(classifyScrapeError(error)).toBe('not_found');
  });

  it('classifies 401 and 403 as unauthorized', async () => {
    respond = (_req, res) =>
      res
        .writeHead(403)
        .end('Forbidden (user=heapster, verb=get, resource=nodes, subresource=stats)');
    const error = await failure(client.get(target(server.port), 'summary', never));
    expect(error).toBeInstanceOf(KubeletRejectedError);
    expect(error.message).toContain('subresource=stats');
    expect(classifyScrapeError(error)).toBe('unauthorized');
  });

  it('abandons a body over the size limit, declared or streamed', async () => {
    respond = (_req, res) => res.writeHead(200).end('x'.repeat(20_000));
    expect(await failure(client.get(target(server.port), 'summary', never))).toBeInstanceOf(
      ResponseTooLargeError,
    );
    respond = (_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 20; i++) res.write('y'.repeat(1000));
      res.end();
    };
    const error = await failure(client.get(target(server.port), 'summary', never));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(classifyScrapeError(error)).toBe('too_large');
  });

  it('reports a connection reset', async () => {
    respond = req => (req.socket as Socket).resetAndDestroy();
    const error = await failure(client.get(target(server.port), 'summary', never));
    expect(error).toBeInstanceOf(KubeletConnectionError);
    expect(classifyScrapeError(error)).toBe('connection_reset');
  });

  it('reports a refused connection as unreachable', async () => {
    const closed = await startLocalServer((_req, res) => res.end());
    const port = closed.port;
    await closed.close();
    const error = await failure(client.get(target(port), 'summary', never));
    expect(classifyScrapeError(error)).toBe('unreachable');
    expect(error.message).toContain(`GET http://127.0.0.1:${port}/stats/summary/`);
  });

  it('rejects with the abort reason when the caller times out', async () => {
    respond = () => undefined; // never answers
    const controller = new AbortController();
    const pending = client.get(target(server.port), 'summary', controller.signal);
    setTimeout(() => controller.abort(new TimeoutError('kubelet n1', 5)), 5);
    expect(await failure(pending)).toBeInstanceOf(TimeoutError);
  });

  it('refuses a bearer token or TLS settings over http at construction', () => {
    const attempt = () =>
      new HttpKubeletClient({
        scheme: 'http',
        token: { token: async () => 't' },
        tls: { insecureSkipVerify: true },
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/kubeletToken: a bearer token is only sent over https/);
    expect(attempt).toThrow(/kubeletHttps: TLS settings need https/);
  });
});
