import { Command } from 'commander';

/** Raw flag values as commander returns them (camelCase of the dashed names). */
export interface RawOldtimerFlags {
  source?: string;
  historicalSource?: string;
  port: string;
  listenIp: string;
  logLevel?: string;
  queryTimeout: string;
  maxBuckets: string;
  maxPoints: string;
  quickstart: boolean;
  stateDir: string;
}

export const DEFAULT_PORT = 8083;

/**
 * The `oldtimer` command line. Heapster never shipped oldtimer as a binary (it was
 * `heapster --historical_source`), so the source flag takes both spellings. `_` and `-` are
 * interchangeable in every flag name (normalizeFlagNames), as in Heapster's binaries.
 */
export function oldtimerCommand(version: string): Command {
  return new Command('oldtimer')
    .description(
      "Serve Heapster's historical API (/api/v1/historical): averages, percentiles and raw series over hours to weeks, from permanent storage.",
    )
    .version(`version: ${version}`, '--version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help')
    .allowExcessArguments(true)
    .option(
      '--source <uri>',
      'where the history is: duckdb:<file>, influxdb:http://host:8086?db=k8s, prometheus:http://host:9090, stackdriver:?project=<id>',
    )
    .option('--historical-source <uri>', "the same as --source (Heapster's spelling)")
    .option(
      '--port <port>',
      'port of the API, /healthz, /readyz and /metrics',
      String(DEFAULT_PORT),
    )
    .option('--listen-ip <ip>', 'address to listen on (0.0.0.0: every interface)', '0.0.0.0')
    .option(
      '--log-level <level>',
      'debug, info, warn or error (default info; warn with --quickstart)',
    )
    .option(
      '--query-timeout <duration>',
      'deadline of one backend query; past it the answer is 503',
      '60s',
    )
    .option(
      '--max-buckets <n>',
      'most buckets one aggregation may produce (more: 400 on bucket)',
      '10000',
    )
    .option(
      '--max-points <n>',
      'most raw points one series answer may hold (more: 400 on start)',
      '1000000',
    )
    .option(
      '--quickstart',
      'run as `npm start` does: without --source, read the embedded store the core writes under --state-dir',
      false,
    )
    .option(
      '--state-dir <dir>',
      'where quick-start state (the embedded store) lives',
      '.quickstart',
    );
}
