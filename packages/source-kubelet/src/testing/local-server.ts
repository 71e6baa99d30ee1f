import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface LocalServer {
  readonly port: number;
  /** Requests seen: method, url and the headers that matter to the tests. */
  readonly seen: { url: string; authorization: string | undefined; clientCert: boolean }[];
  close(): Promise<void>;
}

/** An HTTP(S) server on 127.0.0.1 and a free port, closing its sockets on close(). */
export async function startLocalServer(
  handler: Handler,
  tls?: ServerOptions,
): Promise<LocalServer> {
  const seen: LocalServer['seen'] = [];
  const sockets = new Set<Socket>();
  const listener: Handler = (req, res) => {
    const socket = req.socket as Socket & { getPeerCertificate?: () => { subject?: unknown } };
    seen.push({
      url: req.url ?? '',
      authorization: req.headers.authorization,
      clientCert: socket.getPeerCertificate?.()?.subject !== undefined,
    });
    handler(req, res);
  };
  const server = tls === undefined ? createHttpServer(listener) : createHttpsServer(tls, listener);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
