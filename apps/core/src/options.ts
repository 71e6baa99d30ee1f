import { parseDuration } from '@heapster/model';
import { ConfigError, parseLogLevel, type FieldProblem, type LogLevel } from '@heapster/runtime';
import type { RawCoreFlags } from './flags.js';

/** A `--store_label` value: copy pod/node label `source` to the label `name`. */
export interface StoreLabel {
  readonly name: string;
  readonly source: string;
}

/** The core's validated configuration. */
export interface CoreOptions {
  readonly source: string;
  readonly sinks: readonly string[];
  readonly metricResolutionMs: number;
  readonly heapsterPort: number;
  readonly listenIp: string;
  readonly apiServer: boolean;
  readonly tls: {
    readonly certFile?: string;
    readonly keyFile?: string;
    readonly clientCaFile?: string;
    readonly allowedUsers: readonly string[];
  };
  readonly historicalSource?: string;
  readonly labelSeparator: string;
  readonly ignoreLabels: readonly string[];
  readonly storeLabels: readonly StoreLabel[];
  readonly disableExport: boolean;
  readonly sinkExportTimeoutMs: number;
  readonly disableMetricSink: boolean;
  readonly kubeletConcurrency: number;
  /** Threads that share the reading of Summary bodies (0 = the main thread reads them all). */
  readonly readWorkers: number;
  readonly logLevel: LogLevel;
  readonly kubeconfig?: string;
  readonly quickstart: boolean;
  readonly stateDir: string;
  readonly secure: {
    readonly port: number;
    readonly bindAddress: string;
    readonly certDir: string;
    readonly certFile?: string;
    readonly keyFile?: string;
    readonly clientCaFile?: string;
    readonly requestHeader: {
      readonly clientCaFile?: string;
      readonly allowedNames: readonly string[];
      readonly usernameHeaders: readonly string[];
      readonly groupHeaders: readonly string[];
      readonly extraHeadersPrefix: string;
    };
    readonly authenticationKubeconfig?: string;
    readonly authorizationKubeconfig?: string;
  };
}

export const MIN_RESOLUTION_MS = 5_000;
/** More read workers than this only compete with the main thread for the machine's cores. */
const MAX_READ_WORKERS = 8;

/** Validates every flag and reports all problems together (ConfigError), each naming its flag. */
export function validateCoreFlags(raw: RawCoreFlags): CoreOptions {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string): void => void problems.push({ field, message });

  const duration = (flag: string, value: string, min?: number): number => {
    try {
      const ms = parseDuration(value);
      if (min !== undefined && ms < min)
        problem(flag, `${value} is below the minimum of ${min / 1000}s`);
      return ms;
    } catch (error) {
      problem(flag, (error as Error).message);
      return 0;
    }
  };
  const port = (flag: string, value: string): number => {
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(n >= 0 && n <= 65535)) problem(flag, `"${value}" is not a port (0-65535)`);
    return n;
  };
  const positiveInt = (flag: string, value: string): number => {
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(n >= 1)) problem(flag, `"${value}" is not a positive integer`);
    return n;
  };
  const readWorkers = (flag: string, value: string): number => {
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(n >= 0 && n <= MAX_READ_WORKERS))
      problem(flag, `"${value}" is not a number of threads (0-${MAX_READ_WORKERS})`);
    return n;
  };
  const list = (value: string): string[] =>
    value
      .split(',')
      .map(item => item.trim())
      .filter(item => item !== '');

  if (raw.source.length > 1)
    problem('--source', `exactly one source is accepted, got ${raw.source.length}`);
  const metricResolutionMs = duration(
    '--metric_resolution',
    raw.metricResolution,
    MIN_RESOLUTION_MS,
  );
  const sinkExportTimeoutMs = duration('--sink_export_data_timeout', raw.sinkExportDataTimeout, 1);
  if (raw.tlsCert !== undefined && raw.tlsKey === undefined)
    problem('--tls_key', 'required with --tls_cert');
  if (raw.tlsKey !== undefined && raw.tlsCert === undefined)
    problem('--tls_cert', 'required with --tls_key');
  if (raw.tlsClientCa !== undefined && raw.tlsCert === undefined)
    problem('--tls_client_ca', 'requires --tls_cert and --tls_key');
  if ((raw.tlsCertFile === undefined) !== (raw.tlsPrivateKeyFile === undefined)) {
    problem('--tls-cert-file', '--tls-cert-file and --tls-private-key-file go together');
  }
  if (raw.historicalSource !== '' && !raw.sink.includes(raw.historicalSource)) {
    problem(
      '--historical_source',
      `must equal one of the --sink values exactly (got "${raw.historicalSource}")`,
    );
  }
  const storeLabels: StoreLabel[] = [];
  for (const value of raw.storeLabel) {
    const [name, source, extra] = value.split('=');
    if (extra !== undefined || name === '' || source === '')
      problem('--store_label', `"${value}" is not name or newName=name`);
    else storeLabels.push({ name: name ?? value, source: source ?? name ?? value });
  }
  let logLevel: LogLevel = 'info';
  try {
    logLevel = parseLogLevel(raw.logLevel);
  } catch (error) {
    problem('--log-level', (error as Error).message);
  }
  if (raw.v !== undefined) {
    const verbosity = Number(raw.v);
    if (!Number.isInteger(verbosity) || verbosity < 0)
      problem('--v', `"${raw.v}" is not a verbosity level`);
    else if (verbosity >= 4) logLevel = 'debug';
  }
  if (raw.labelSeparator === '') problem('--label_separator', 'must not be empty');

  const options: CoreOptions = {
    source: raw.source[0] ?? '',
    sinks: raw.sink,
    metricResolutionMs,
    heapsterPort: port('--heapster-port', raw.heapsterPort),
    listenIp: raw.listenIp,
    apiServer: raw.apiServer,
    tls: {
      certFile: raw.tlsCert,
      keyFile: raw.tlsKey,
      clientCaFile: raw.tlsClientCa,
      allowedUsers: list(raw.allowedUsers),
    },
    historicalSource: raw.historicalSource === '' ? undefined : raw.historicalSource,
    labelSeparator: raw.labelSeparator,
    ignoreLabels: raw.ignoreLabel,
    storeLabels,
    disableExport: raw.disableExport,
    sinkExportTimeoutMs,
    disableMetricSink: raw.disableMetricSink,
    kubeletConcurrency: positiveInt('--kubelet-concurrency', raw.kubeletConcurrency),
    readWorkers: readWorkers('--read-workers', raw.readWorkers),
    logLevel,
    kubeconfig: raw.kubeconfig,
    quickstart: raw.quickstart,
    stateDir: raw.stateDir,
    secure: {
      port: port('--secure-port', raw.securePort),
      bindAddress: raw.bindAddress,
      certDir: raw.certDir,
      certFile: raw.tlsCertFile,
      keyFile: raw.tlsPrivateKeyFile,
      clientCaFile: raw.clientCaFile,
      requestHeader: {
        clientCaFile: raw.requestheaderClientCaFile,
        allowedNames: list(raw.requestheaderAllowedNames),
        usernameHeaders: list(raw.requestheaderUsernameHeaders),
        groupHeaders: list(raw.requestheaderGroupHeaders),
        extraHeadersPrefix: raw.requestheaderExtraHeadersPrefix,
      },
      authenticationKubeconfig: raw.authenticationKubeconfig,
      authorizationKubeconfig: raw.authorizationKubeconfig,
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return options;
}
