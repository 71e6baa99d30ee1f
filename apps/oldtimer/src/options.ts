import { join } from 'node:path';
import { parseDuration } from '@heapster/model';
import { parseLogLevel, type FieldProblem, type LogLevel } from '@heapster/runtime';
import type { RawOldtimerFlags } from './flags.js';

/** The oldtimer's validated flags. */
export interface OldtimerOptions {
  /** The source URI (the quick-start default applied); '' only when it is missing. */
  readonly source: string;
  /** Which flag it came from, for error messages. */
  readonly sourceFlag: string;
  readonly port: number;
  readonly listenIp: string;
  readonly logLevel: LogLevel;
  readonly queryTimeoutMs: number;
  readonly maxBuckets: number;
  readonly maxPoints: number;
  readonly quickstart: boolean;
  readonly stateDir: string;
}

/**
 * The quick start's source: the snapshot of the core's embedded store. DuckDB lets one process
 * write a file and no other process open it meanwhile, so the core copies a consistent snapshot
 * next to it (`duckdb:<file>?snapshot=…`) and readers in other processes open that one
 * read-only (store-duckdb README, "Concurrency").
 */
export function quickstartSource(stateDir: string): string {
  return `duckdb:${join(stateDir, 'heapster.duckdb')}.snapshot?read_only=true`;
}

/** Validates every flag, adding each problem (naming its flag) to `problems`. */
export function validateOldtimerFlags(
  raw: RawOldtimerFlags,
  problems: FieldProblem[],
): OldtimerOptions {
  const problem = (field: string, message: string): void => void problems.push({ field, message });
  const integer = (flag: string, value: string, min: number, max: number): number => {
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(n >= min && n <= max))
      problem(flag, `"${value}" is not an integer from ${min} to ${max}`);
    return n;
  };
  let sourceFlag = '--source';
  let source = raw.source ?? '';
  if (raw.historicalSource !== undefined) {
    if (raw.source !== undefined && raw.source !== raw.historicalSource) {
      problem('--historical_source', 'names another source than --source: give one of them');
    }
    source = raw.historicalSource;
    sourceFlag = '--historical_source';
  }
  if (source === '' && raw.quickstart) source = quickstartSource(raw.stateDir);
  if (source === '') {
    problem(
      '--source',
      'is required: duckdb:<file>, influxdb:http://host:8086?db=k8s, prometheus:http://host:9090 or stackdriver:?project=<id>',
    );
  }
  let queryTimeoutMs = 60_000;
  try {
    queryTimeoutMs = parseDuration(raw.queryTimeout);
    if (queryTimeoutMs < 100)
      problem('--query-timeout', `${raw.queryTimeout} is below the minimum of 100ms`);
  } catch (error) {
    problem('--query-timeout', (error as Error).message);
  }
  let logLevel: LogLevel = raw.quickstart ? 'warn' : 'info';
  if (raw.logLevel !== undefined) {
    try {
      logLevel = parseLogLevel(raw.logLevel);
    } catch (error) {
      problem('--log-level', (error as Error).message);
    }
  }
  if (raw.listenIp.trim() === '')
    problem('--listen-ip', 'must not be empty (0.0.0.0 listens everywhere)');
  return {
    source,
    sourceFlag,
    port: integer('--port', raw.port, 0, 65535),
    listenIp: raw.listenIp,
    logLevel,
    queryTimeoutMs,
    maxBuckets: integer('--max-buckets', raw.maxBuckets, 1, 1_000_000),
    maxPoints: integer('--max-points', raw.maxPoints, 1, 100_000_000),
    quickstart: raw.quickstart,
    stateDir: raw.stateDir,
  };
}
