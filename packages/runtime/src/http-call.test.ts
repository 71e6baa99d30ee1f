import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { RetryableError, TimeoutError } from './errors.js';
import { httpCall, retryAfterMs, type HttpCall } from './http-call.js';

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

let handler: Handler = (_request, response) => response.end();
const server = http.createServer((request, response) => handler(request, response));
const agent = new http.Agent({ keepAlive: false });
let base = '';

beforeAll(async () => {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  server.closeAllConnections();
});

afterAll(async () => {
  agent.destroy();
  await new Promise(resolve => server.close(resolve));
});

function call(overrides: Partial<HttpCall> = {}): Promise<Awaited<ReturnType<typeof httpCall>>> {
  return httpCall({
    method: 'GET',
    url: new URL(`${base}/ping`),
    headers: {},
    timeoutMs: 10_000,
    signal: new AbortController().signal,
    agent,
    what: 'test call',
    ...overrides,
  });
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise(resolve => probe.close(resolve));
  return port;
}

describe('httpCall', () => {
  it('sends method, headers and body, and resolves with status, headers and body', async () => {
    let seen: { method?: string; type?: string; body: string } = { body: '' };
    handler = (request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        seen = { method: request.method, type: request.headers['content-type'], body };
        response.writeHead(201, { 'x-answer': 'yes' });
        response.end('created');
      });
    };
    const result = await call({
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(seen).toEqual({ method: 'POST', type: 'text/plain', body: 'hello' });
    expect(result.status).toBe(201);
    expect(result.headers['x-answer']).toBe('yes');
    expect(result.body).toBe('created');
  });

  it('resolves with error statuses too: classifying them is the caller’s job', async () => {
    handler = (_request, response) => {
      response.writeHead(503, { 'retry-after': '7' });
      response.end('overloaded');
    };
    const result = await call();
    expect(result.status).toBe(503);
    expect(result.body).toBe('overloaded');
    expect(retryAfterMs(result.headers)).toBe(7000);
  });

  it('keeps only about the first MiB of a large body', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    handler = (_request, response) => {
      for (let i = 0; i < 48; i++) response.write(chunk);
      response.end();
    };
    const result = await call();
    expect(result.body.length).toBeGreaterThanOrEqual(1 << 20);
    expect(result.body.length).toBeLessThan(48 * chunk.length);
  });

  it('rejects a refused connection as RetryableError naming the call and the error code', async () => {
    const port = await closedPort();
    const result = call({ url: new URL(`http://127.0.0.1:${port}/`) });
    await expect(result).rejects.toBeInstanceOf(RetryableError);
    await expect(result).rejects.toThrow(/^test call failed: ECONNREFUSED/);
  });

  it('rejects a response cut short as RetryableError', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('partial', () => response.socket?.destroy());
    };
    const result = call();
    await expect(result).rejects.toBeInstanceOf(RetryableError);
    await expect(result).rejects.toThrow('test call failed');
  });

  it('rejects with TimeoutError when the server does not answer within timeoutMs', async () => {
    handler = () => undefined;
    const result = call({ timeoutMs: 50 });
    await expect(result).rejects.toBeInstanceOf(TimeoutError);
    await expect(result).rejects.toThrow('test call timed out after 50 ms');
  });

  it('rejects with the signal’s reason when the caller aborts mid-call', async () => {
    const controller = new AbortController();
    handler = () => controller.abort(new Error('deadline passed'));
    await expect(call({ signal: controller.signal })).rejects.toThrow('deadline passed');
  });

  it('does not start when the signal is already aborted; a non-Error reason becomes RetryableError', async () => {
    let requests = 0;
    handler = (_request, response) => {
      requests++;
      response.end();
    };
    const controller = new AbortController();
    controller.abort('stop');
    const result = call({ signal: controller.signal });
    await expect(result).rejects.toBeInstanceOf(RetryableError);
    await expect(result).rejects.toThrow('test call aborted');
    expect(requests).toBe(0);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds or an HTTP date, and nothing else', () => {
    const now = Date.UTC(2024, 0, 1, 0, 0, 0);
    expect(retryAfterMs({ 'retry-after': '0' }, now)).toBe(0);
    expect(retryAfterMs({ 'retry-after': '2.5' }, now)).toBe(2500);
    expect(retryAfterMs({ 'retry-after': 'Mon, 01 Jan 2024 00:00:30 GMT' }, now)).toBe(30_000);
    expect(retryAfterMs({ 'retry-after': 'Sun, 31 Dec 2023 23:00:00 GMT' }, now)).toBe(0);
    expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(retryAfterMs({}, now)).toBeUndefined();
  });
});
