import { Command, Option } from 'commander';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Raw flag values as commander returns them (camelCase of the dashed names). */
export interface RawCoreFlags {
  source: string[];
  sink: string[];
  metricResolution: string;
  heapsterPort: string;
  listenIp: string;
  maxProcs: string;
  apiServer: boolean;
  tlsCert?: string;
  tlsKey?: string;
  tlsClientCa?: string;
  allowedUsers: string;
  historicalSource: string;
  labelSeparator: string;
  ignoreLabel: string[];
  storeLabel: string[];
  disableExport: boolean;
  sinkExportDataTimeout: string;
  disableMetricSink: boolean;
  kubeletConcurrency: string;
  readWorkers: string;
  logLevel: string;
  v?: string;
  quickstart: boolean;
  stateDir: string;
  // Generic API server (aggregated metrics.k8s.io) flags, as metrics-server spells them.
  securePort: string;
  bindAddress: string;
  certDir: string;
  tlsCertFile?: string;
  tlsPrivateKeyFile?: string;
  clientCaFile?: string;
  requestheaderClientCaFile?: string;
  requestheaderAllowedNames: string;
  requestheaderUsernameHeaders: string;
  requestheaderGroupHeaders: string;
  requestheaderExtraHeadersPrefix: string;
  authenticationKubeconfig?: string;
  authorizationKubeconfig?: string;
  kubeconfig?: string;
}

/**
 * The `heapster` command line: Heapster's flags (heapster.md §8.1) with their defaults, the
 * generic API-server flags for aggregated `metrics.k8s.io`, and our additions. Help text is the
 * reference for docs/flags.md.
 */
export function coreCommand(version: string): Command {
  return new Command('heapster')
    .description(
      'Scrape every kubelet, compute cluster metrics, serve them and export them to sinks.',
    )
    .version(`version: ${version}`, '--version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help')
    .option(
      '--source <uri>',
      'metrics source, e.g. kubernetes.summary_api:https://kubernetes.default?kubeletHttps=true (one)',
      collect,
      [],
    )
    .option(
      '--sink <uri>',
      'sink URI, repeatable: log, influxdb:http://host:8086?db=k8s, duckdb:/path/file.duckdb, http:https://…',
      collect,
      [],
    )
    .option('--metric-resolution <duration>', 'how often to scrape the kubelets (>= 5s)', '60s')
    .option('--heapster-port <port>', 'port of the HTTP API', '8082')
    .option('--listen-ip <ip>', 'address the HTTP API listens on (empty: all)', '')
    .option('--max-procs <n>', 'accepted for compatibility; Node.js sizes its own thread pool', '0')
    .option('--api-server', 'also serve the aggregated metrics.k8s.io API on --secure-port', false)
    .option('--tls-cert <file>', 'serve the HTTP API over TLS with this certificate')
    .option('--tls-key <file>', 'private key of --tls-cert')
    .option('--tls-client-ca <file>', 'require client certificates signed by this CA')
    .option(
      '--allowed-users <names>',
      'comma-separated client certificate CNs allowed (empty: any verified user)',
      '',
    )
    .option(
      '--historical-source <uri>',
      'serve /api/v1/historical from this sink (must equal one --sink value)',
      '',
    )
    .option('--label-separator <sep>', 'separator of the `labels` label', ',')
    .option(
      '--ignore-label <key>',
      'pod or node label left out of the `labels` label, repeatable',
      collect,
      [],
    )
    .option(
      '--store-label <name>',
      'copy a pod/node label to its own label: name or newName=name, repeatable',
      collect,
      [],
    )
    .option('--disable-export', 'serve an empty /api/v1/metric-export', false)
    .option(
      '--sink-export-data-timeout <duration>',
      'deadline of one batch export to one sink',
      '20s',
    )
    .option(
      '--disable-metric-sink',
      'do not keep metrics in memory (disables the APIs that read them)',
      false,
    )
    .option('--kubelet-concurrency <n>', 'kubelet scrapes in flight at once', '64')
    .option(
      '--read-workers <n>',
      'threads that share the reading of kubelet summaries with the main thread (0-8); worth it ' +
        'when the core has a spare core (docs/performance.md, session 9)',
      '0',
    )
    .addOption(new Option('--log-level <level>', 'debug, info, warn or error').default('info'))
    .option('--v <level>', 'glog verbosity, accepted for compatibility: >= 4 means debug')
    .option('--kubeconfig <file>', 'kubeconfig for the API server when --source names no cluster')
    .option('--quickstart', 'run as `npm start` does: default sinks under --state-dir', false)
    .option(
      '--state-dir <dir>',
      'where quick-start state (the embedded store) lives',
      '.quickstart',
    )
    .option(
      '--secure-port <port>',
      'port of the aggregated metrics.k8s.io API (with --api-server)',
      '443',
    )
    .option('--bind-address <ip>', 'address of the secure port', '0.0.0.0')
    .option(
      '--cert-dir <dir>',
      'where a self-signed serving certificate is kept when none is given',
      'apiserver.local.config/certificates',
    )
    .option('--tls-cert-file <file>', 'serving certificate of the secure port')
    .option('--tls-private-key-file <file>', 'private key of --tls-cert-file')
    .option('--client-ca-file <file>', 'CA that verifies client certificates on the secure port')
    .option(
      '--requestheader-client-ca-file <file>',
      'CA that verifies the front proxy (the kube-apiserver aggregator)',
    )
    .option(
      '--requestheader-allowed-names <names>',
      'common names the front proxy may use (empty: any)',
      '',
    )
    .option(
      '--requestheader-username-headers <headers>',
      'request headers carrying the user name',
      'X-Remote-User',
    )
    .option(
      '--requestheader-group-headers <headers>',
      'request headers carrying the groups',
      'X-Remote-Group',
    )
    .option(
      '--requestheader-extra-headers-prefix <prefix>',
      'prefix of request headers carrying extra user info',
      'X-Remote-Extra-',
    )
    .option(
      '--authentication-kubeconfig <file>',
      'kubeconfig for TokenReview (default: the source cluster)',
    )
    .option(
      '--authorization-kubeconfig <file>',
      'kubeconfig for SubjectAccessReview (default: the source cluster)',
    );
}
