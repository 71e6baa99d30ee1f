// A port free on 127.0.0.1 for a server a test is about to start. Ports are drawn at random below
// the kernel's ephemeral range (where bind(0) and every outgoing connection take theirs), so a
// client socket elsewhere on the machine cannot land on a port between our probe and the server's
// bind. Concurrent test processes can still collide by chance: the server launchers check that the
// listener belongs to the process they started, and retry with fresh ports when it does not.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const LOWEST_PORT = 15_000;
const PROBES = 50;

export async function freePort(): Promise<number> {
  const highest = ephemeralRangeStart() - 1;
  for (let probe = 0; probe < PROBES; probe++) {
    const port = LOWEST_PORT + Math.floor(Math.random() * (highest - LOWEST_PORT + 1));
    if (await canBind(port)) return port;
  }
  return kernelAssignedPort();
}

/** `count` distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function ephemeralRangeStart(): number {
  try {
    const start = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0],
    );
    if (Number.isInteger(start) && start > LOWEST_PORT + 1000) return start;
  } catch {
    // not Linux: fall back to the IANA dynamic range
  }
  return 49_152;
}

function canBind(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

function kernelAssignedPort(): Promise<number> {
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
