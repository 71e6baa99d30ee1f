/** Where the gRPC client connects instead of the Google default. */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

/**
 * Parses `host[:port]` (`[v6]:port` for IPv6); the port defaults to 443. A URL is refused with a
 * message saying what is expected, since gRPC endpoints have no scheme or path.
 */
export function parseEndpoint(value: string): Endpoint {
  const text = value.trim();
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(text);
  if (match === null) {
    throw new Error(
      `"${value}" is not host:port (e.g. 127.0.0.1:8085 or monitoring.googleapis.com)`,
    );
  }
  const host = (match[1] as string).replace(/^\[(.*)\]$/, '$1');
  const port = match[2] === undefined ? 443 : Number(match[2]);
  if (port < 1 || port > 65_535) throw new Error(`port ${port} of "${value}" is not 1-65535`);
  return { host, port };
}
