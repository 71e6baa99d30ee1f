import type { OptionReader, SinkUri } from '@heapster/sink';
import { parseEndpoint, type Endpoint } from './endpoint.js';

/** Where the gRPC client connects: the Google default, or `endpoint` (plain text if `insecure`). */
export interface GcpConnectionOptions {
  /** Unset: the client's default (e.g. monitoring.googleapis.com:443). */
  readonly endpoint: Endpoint | undefined;
  /** Plain-text gRPC without credentials (local fakes only). */
  readonly insecure: boolean;
}

/** What the cluster options say; each is optional (detected when left out) but never empty. */
export interface GcpClusterOptions {
  /** Unset: detected (Application Default Credentials, GCE metadata). */
  readonly project: string | undefined;
  readonly clusterName: string | undefined;
  readonly clusterLocation: string | undefined;
  readonly zone: string | undefined;
}

/**
 * Reads `endpoint` and `insecure`, and refuses a target URL (gRPC sinks take none). Problems go
 * to `options`, naming the option; `serviceHost` is the example of a valid endpoint.
 */
export function readConnectionOptions(
  options: OptionReader,
  uri: SinkUri,
  serviceHost: string,
): GcpConnectionOptions {
  if (uri.target.trim() !== '') {
    options.problem(
      'target',
      `"${uri.target}" is not allowed: the ${uri.type} sink takes no URL (use ?endpoint=host:port)`,
    );
  }
  const insecure = options.boolean('insecure', false);
  const endpointValue = options.optionalString('endpoint');
  let endpoint: Endpoint | undefined;
  if (endpointValue !== undefined) {
    try {
      endpoint = parseEndpoint(endpointValue, serviceHost);
    } catch (error) {
      options.problem('endpoint', (error as Error).message);
    }
  }
  if (insecure && endpointValue === undefined) {
    options.problem('insecure', 'needs endpoint=host:port: plain text is only for local fakes');
  }
  return { endpoint, insecure };
}

/** Reads `project`, `cluster_name`, `cluster_location` and `zone` (Heapster's names). */
export function readClusterOptions(options: OptionReader): GcpClusterOptions {
  return {
    project: nonEmpty(options, 'project'),
    clusterName: nonEmpty(options, 'cluster_name'),
    clusterLocation: nonEmpty(options, 'cluster_location'),
    zone: nonEmpty(options, 'zone'),
  };
}

function nonEmpty(options: OptionReader, key: string): string | undefined {
  const value = options.optionalString(key)?.trim();
  if (value === '') options.problem(key, 'must not be empty (leave it out to detect it)');
  return value === '' ? undefined : value;
}
