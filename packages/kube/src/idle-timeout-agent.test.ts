import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { IDLE_SOCKET_MS, withIdleTimeout } from './native-credentials.js';

let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise(resolve => server.close(resolve));
});

/** GETs / through `agent`; resolves with the socket's timeout while the request was in flight. */
function get(agent: http.Agent): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/', agent }, response => {
      const during = (request.socket as Socket).timeout;
      response.resume();
      response.on('end', () => resolve(during));
    });
    request.on('error', reject);
  });
}

const freeSocket = (agent: http.Agent): Socket | undefined =>
  Object.values(agent.freeSockets).flat()[0] as Socket | undefined;

describe('withIdleTimeout', () => {
  it('times out a kept-alive socket while idle, and not while it is reused', async () => {
    const agent = withIdleTimeout(new http.Agent({ keepAlive: true }));
    try {
      await get(agent);
      await new Promise(resolve => setImmediate(resolve));
      const idle = freeSocket(agent);
      expect(idle?.timeout).toBe(IDLE_SOCKET_MS);
      expect(await get(agent)).toBe(0); // the same socket, reused: no timeout mid-request
      await new Promise(resolve => setImmediate(resolve));
      expect(freeSocket(agent)).toBe(idle);
      expect(idle?.timeout).toBe(IDLE_SOCKET_MS);
    } finally {
      agent.destroy();
    }
  });

  it('keeps the agent it wraps, whichever class', () => {
    const agent = new https.Agent({ keepAlive: true });
    expect(withIdleTimeout(agent)).toBe(agent);
    agent.destroy();
  });
});
