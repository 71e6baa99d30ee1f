import { Command } from 'commander';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Raw flag values as commander returns them (camelCase of the dashed names). */
export interface RawEventerFlags {
  source: string[];
  sink: string[];
  frequency: string;
  maxProcs: string;
  healthzIp: string;
  healthzPort: string;
  checkpointFile?: string;
  bufferSize: string;
  batchSize: string;
  sinkExportEventsTimeout: string;
  maxRetryDelay: string;
  logLevel?: string;
  v?: string;
  kubeconfig?: string;
  quickstart: boolean;
  stateDir: string;
}

/**
 * The `eventer` command line: Heapster's eventer flags (heapster.md §8.2) with their defaults,
 * plus the checkpoint, buffering and quick-start flags. Help text is the reference for
 * docs/eventer.md.
 */
export function eventerCommand(version: string): Command {
  return new Command('eventer')
    .description(
      'Ship every Kubernetes event to its sinks: list, then watch, with a checkpoint per sink so that nothing is lost across restarts.',
    )
    .version(`version: ${version}`, '--version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help')
    .allowExcessArguments(true)
    .option(
      '--source <uri>',
      'event source: kubernetes:<api-server-url>?<options> (one; empty: the kubeconfig)',
      collect,
      [],
    )
    .option(
      '--sink <uri>',
      'sink URI with optional filters, repeatable: log, influxdb:http://host:8086?db=k8s&types=Warning, duckdb:/path/events.duckdb, http:https://…',
      collect,
      [],
    )
    .option(
      '--frequency <duration>',
      'how often queued events are written to each sink (1s to 3m)',
      '30s',
    )
    .option('--max-procs <n>', 'accepted for compatibility; Node.js sizes its own thread pool', '0')
    .option('--healthz-ip <ip>', 'address of /healthz, /readyz and /metrics', '0.0.0.0')
    .option('--healthz-port <port>', 'port of /healthz, /readyz and /metrics', '8084')
    .option(
      '--checkpoint-file <file>',
      'where the per-sink checkpoint is kept (default eventer-checkpoint.json; "" disables the file)',
    )
    .option(
      '--buffer-size <n>',
      'events a sink queue holds before the watch pauses (per sink)',
      '10000',
    )
    .option('--batch-size <n>', 'events written to a sink per request at most (per sink)', '1000')
    .option(
      '--sink-export-events-timeout <duration>',
      'deadline of one batch write to one sink',
      '20s',
    )
    .option('--max-retry-delay <duration>', 'cap of the retry backoff for a failing sink', '30s')
    .option(
      '--log-level <level>',
      'debug, info, warn or error (default info; warn with --quickstart)',
    )
    .option('--v <level>', 'glog verbosity, accepted for compatibility: >= 4 means debug')
    .option('--kubeconfig <file>', 'kubeconfig for the API server when --source names no cluster')
    .option(
      '--quickstart',
      'run as `npm start` does: without --sink, store events in the embedded store under --state-dir',
      false,
    )
    .option(
      '--state-dir <dir>',
      'where quick-start state (the embedded store) lives',
      '.quickstart',
    );
}
