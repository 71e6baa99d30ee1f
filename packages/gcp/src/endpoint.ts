import { credentials, type ChannelCredentials } from '@grpc/grpc-js';

/** Where the gRPC client connects instead of the Google default. */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

/**
 * Parses `host[:port]` (`[v6]:port` for IPv6); the port defaults to 443. A URL is refused with a
 * message saying what is expected, since gRPC endpoints have no scheme or path. `serviceHost`
 * (e.g. logging.googleapis.com) is quoted as the second example.
 */
export function parseEndpoint(value: string, serviceHost = 'monitoring.googleapis.com'): Endpoint {
  const text = value.trim();
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(text);
  if (match === null) {
    throw new Error(`"${value}" is not host:port (e.g. 127.0.0.1:8085 or ${serviceHost})`);
  }
  const host = (match[1] as string).replace(/^\[(.*)\]$/, '$1');
  const port = match[2] === undefined ? 443 : Number(match[2]);
  if (port < 1 || port > 65_535) throw new Error(`port ${port} of "${value}" is not 1-65535`);
  return { host, port };
}

/** `host:port` of the endpoint, else the service's own host: for sink names and logs. */
export function describeEndpoint(endpoint: Endpoint | undefined, serviceHost: string): string {
  return endpoint === undefined ? serviceHost : `${endpoint.host}:${endpoint.port}`;
}

/** What the generated (gax) clients are built from: the sink's endpoint, insecure and project. */
export interface ClientTarget {
  readonly endpoint: Endpoint | undefined;
  readonly insecure: boolean;
  readonly project: string | undefined;
}

/**
 * The connection part of a generated client's options (a type, not an interface: the clients'
 * ClientOptions has an index signature, which only type literals satisfy implicitly).
 */
export type GaxClientOptions = {
  readonly apiEndpoint?: string;
  readonly port?: number;
  readonly sslCreds?: ChannelCredentials;
  readonly projectId?: string;
};

/**
 * Options of a generated Google Cloud client. Credentials stay Application Default Credentials,
 * resolved by the client and never seen here; `endpoint` + `insecure` point it at a local fake:
 * with `sslCreds` set, gax uses the channel credentials as they are and asks for no Google ones.
 */
export function gaxClientOptions(target: ClientTarget): GaxClientOptions {
  return {
    ...(target.endpoint !== undefined
      ? { apiEndpoint: target.endpoint.host, port: target.endpoint.port }
      : {}),
    ...(target.insecure ? { sslCreds: credentials.createInsecure() } : {}),
    ...(target.project !== undefined ? { projectId: target.project } : {}),
  };
}
