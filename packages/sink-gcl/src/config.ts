import { readClusterOptions, readConnectionOptions, type Endpoint } from '@heapster/gcp';
import { OptionReader, type SinkUri } from '@heapster/sink';

/**
 * The monitored resource of the entries: `k8s_cluster` (labels project_id, location,
 * cluster_name), `global` (Heapster's choice), or `auto`: k8s_cluster when the cluster name and
 * location are known (options or GCE metadata), else global.
 */
export type ResourceChoice = 'auto' | 'k8s_cluster' | 'global';

/** Options of `--sink=gcl[:?...]` (README lists each with its default). */
export interface GclSinkConfig {
  readonly type: string;
  /** Unset: the Application Default Credentials project. */
  readonly project: string | undefined;
  readonly clusterName: string | undefined;
  readonly clusterLocation: string | undefined;
  readonly resource: ResourceChoice;
  /** The log's name before URL-encoding, e.g. `kubernetes.io/events`. */
  readonly logName: string;
  /** Entries per WriteLogEntries request (the byte budget may cut a request shorter). */
  readonly batchSize: number;
  readonly workers: number;
  readonly requestTimeoutMs: number;
  readonly endpoint: Endpoint | undefined;
  readonly insecure: boolean;
}

/** Heapster's log: `projects/<p>/logs/kubernetes.io%2Fevents`. */
export const DEFAULT_LOG_NAME = 'kubernetes.io/events';

/** Pure: reads every option with its default; all problems are reported together. */
export function parseConfig(uri: SinkUri): GclSinkConfig {
  const options = new OptionReader(uri);
  const { endpoint, insecure } = readConnectionOptions(options, uri, 'logging.googleapis.com');
  const logName = options.string('log_name', DEFAULT_LOG_NAME).trim();
  if (!/^[A-Za-z0-9_./-]{1,512}$/.test(logName)) {
    options.problem(
      'log_name',
      `"${logName}" is not a log name (letters, digits, _ - . /; at most 512 characters)`,
    );
  }
  const cluster = readClusterOptions(options);
  const config: GclSinkConfig = {
    type: uri.type,
    project: cluster.project,
    clusterName: cluster.clusterName,
    // Heapster's stackdriver sink fell back from the cluster location to the zone; so does this.
    clusterLocation: cluster.clusterLocation ?? cluster.zone,
    resource: options.oneOf('resource', ['auto', 'k8s_cluster', 'global'] as const, 'auto'),
    logName,
    batchSize: options.integer('batch_size', 1000, { min: 1, max: 10_000 }),
    workers: options.integer('workers', 2, { min: 1, max: 16 }),
    requestTimeoutMs: options.duration('request_timeout', 30_000, { minMs: 100 }),
    endpoint,
    insecure,
  };
  options.done();
  return Object.freeze(config);
}
