import net from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { failure } from '../testing/failure.js';
import { HttpKubeletClient } from './http-kubelet-client.js';
import { classifyScrapeError, KubeletConnectionError } from './kubelet-errors.js';

/** A TCP server that answers each request with what `answer` writes, byte for byte. */
async function rawServer(answer: (socket: net.Socket, request: number) => void): Promise<{
  port: number;
  connections: () => number;
  open: () => number;
  close: () => Promise<void>;
}> {
  let connections = 0;
  let requests = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer(socket => {
    connections++;
    sockets.add(socket);
    let pending = '';
    socket.on('data', data => {
      pending += data.toString('latin1');
      while (pending.includes('\r\n\r\n')) {
        pending = pending.slice(pending.indexOf('\r\n\r\n') + 4);
        answer(socket, requests++);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => connections,
    open: () => sockets.size,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise(resolve => server.close(resolve));
    },
  };
}

const target = (port: number) => ({ nodeName: 'n1', address: '127.0.0.1', port });
const never = new AbortController().signal;
const text = (body: Uint8Array): string => Buffer.from(body).toString('latin1');

describe('kubelet connections on the wire', () => {
  const servers: { close: () => Promise<void> }[] = [];
  const clients: HttpKubeletClient[] = [];
  const start = async (answer: (socket: net.Socket, request: number) => void) => {
    const server = await rawServer(answer);
    servers.push(server);
    const client = new HttpKubeletClient({ scheme: 'http' });
    clients.push(client);
    return { server, client };
  };
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    for (const server of servers.splice(0)) await server.close();
  });

  it('reuses one connection per node, and reads a body split across many writes', async () => {
    const { server, client } = await start((socket, request) => {
      const body = `{"n":${request}}`.padEnd(200_000, ' ');
      const wire = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      for (let at = 0; at < wire.length; at += 7_777) socket.write(wire.subarray(at, at + 7_777));
    });
    for (let i = 0; i < 3; i++) {
      const body = await client.get(target(server.port), 'summary', never);
      expect(text(body).trimEnd()).toBe(`{"n":${i}}`);
      expect(body.length).toBe(200_000);
      client.recycle(body);
    }
    expect(server.connections()).toBe(1);
  });

  it('keeps one idle connection per node when two requests overlapped', async () => {
    const { server, client } = await start(socket =>
      setTimeout(() => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'), 10),
    );
    const both = [0, 1].map(() => client.get(target(server.port), 'summary', never));
    expect((await Promise.all(both)).map(text)).toEqual(['ok', 'ok']);
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(server.connections()).toBe(2);
    expect(server.open()).toBe(1);
    expect(text(await client.get(target(server.port), 'summary', never))).toBe('ok');
    expect(server.connections()).toBe(2);
  });

  it('sends the GET again on a new connection when the kubelet dropped the reused one', async () => {
    const { server, client } = await start((socket, request) => {
      // The kubelet's idle timeout closing the connection just as the next GET was sent.
      if (request === 1) socket.destroy();
      else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    });
    expect(text(await client.get(target(server.port), 'summary', never))).toBe('ok');
    expect(text(await client.get(target(server.port), 'summary', never))).toBe('ok');
    expect(server.connections()).toBe(2);
  });

  it('does not send it again when the connection was new', async () => {
    const { server, client } = await start(socket => socket.destroy());
    const error = await failure(client.get(target(server.port), 'summary', never));
    expect(classifyScrapeError(error)).toBe('connection_reset');
    expect(server.connections()).toBe(1);
  });

  it('skips an interim 100 answer and reads a body delimited by the connection', async () => {
    const { server, client } = await start(socket => {
      socket.write('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\nuntil');
      setTimeout(() => socket.end(' the end'), 10);
    });
    expect(text(await client.get(target(server.port), 'summary', never))).toBe('until the end');
  });

  it('does not reuse a connection that sent more than its answer', async () => {
    const { server, client } = await start(socket =>
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n'),
    );
    expect(text(await client.get(target(server.port), 'summary', never))).toBe('ok');
    expect(text(await client.get(target(server.port), 'summary', never))).toBe('ok');
    expect(server.connections()).toBe(2);
  });

  it('fails a malformed answer with an error naming the part, and a dropped one as a reset', async () => {
    const { server, client } = await start((socket, request) => {
      if (request === 0) socket.write('HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n');
      else socket.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort');
    });
    const malformed = await failure(client.get(target(server.port), 'summary', never));
    expect(malformed).toBeInstanceOf(KubeletConnectionError);
    expect(malformed.message).toContain('malformed HTTP response: content-length: "x"');
    const cut = await failure(client.get(target(server.port), 'summary', never));
    expect(classifyScrapeError(cut)).toBe('connection_reset');
  });
});
