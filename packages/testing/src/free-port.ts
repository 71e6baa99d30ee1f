// A port the kernel just handed out on 127.0.0.1. Another process may take it before the server
// binds it, so the server launchers retry with a fresh port when a start fails.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(error => {
        if (error) reject(error);
        else if (port > 0) resolve(port);
        else reject(new Error(`freePort: unexpected listen address ${String(address)}`));
      });
    });
  });
}

/** `count` distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
