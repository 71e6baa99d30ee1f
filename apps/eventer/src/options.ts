import { join } from 'node:path';
import { parseDuration } from '@heapster/model';
import { parseLogLevel, type FieldProblem, type LogLevel } from '@heapster/runtime';
import { EVENT_FREQUENCY_RANGE_MS } from '@heapster/sink';
import type { RawEventerFlags } from './flags.js';

/** The eventer's validated flags (sinks and source are still URIs: see resolveEventerConfig). */
export interface EventerOptions {
  /** The --source value; '' means "the kubeconfig" (in-cluster, --kubeconfig, $KUBECONFIG, ~/.kube/config). */
  readonly source: string;
  /** The --sink values, filters included; empty only until the quick-start default applies. */
  readonly sinks: readonly string[];
  readonly frequencyMs: number;
  readonly healthzIp: string;
  readonly healthzPort: number;
  /** undefined: no checkpoint file (only sinks that can say what they stored resume). */
  readonly checkpointFile: string | undefined;
  readonly bufferSize: number;
  readonly batchSize: number;
  readonly exportTimeoutMs: number;
  readonly maxRetryDelayMs: number;
  readonly logLevel: LogLevel;
  readonly kubeconfig: string | undefined;
  readonly quickstart: boolean;
  readonly stateDir: string;
}

export const DEFAULT_CHECKPOINT_FILE = 'eventer-checkpoint.json';

/**
 * Validates every flag, adding each problem (naming its flag) to `problems` so that the caller
 * reports them together with the source and sink problems.
 */
export function validateEventerFlags(
  raw: RawEventerFlags,
  problems: FieldProblem[],
): EventerOptions {
  const problem = (field: string, message: string): void => void problems.push({ field, message });
  const duration = (flag: string, value: string, min: number, max?: number): number => {
    try {
      const ms = parseDuration(value);
      if (ms < min) problem(flag, `${value} is below the minimum of ${min / 1000}s`);
      if (max !== undefined && ms > max)
        problem(flag, `${value} is above the maximum of ${max / 1000}s`);
      return ms;
    } catch (error) {
      problem(flag, (error as Error).message);
      return min;
    }
  };
  const integer = (flag: string, value: string, min: number, max: number): number => {
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(n >= min && n <= max))
      problem(flag, `"${value}" is not an integer from ${min} to ${max}`);
    return n;
  };

  if (raw.source.length > 1)
    problem('--source', `exactly one source is accepted, got ${raw.source.length}`);
  const { min, max } = EVENT_FREQUENCY_RANGE_MS;
  const frequencyMs = duration('--frequency', raw.frequency, min, max);
  integer('--max_procs', raw.maxProcs, 0, 4096);
  const healthzPort = integer('--healthz-port', raw.healthzPort, 0, 65535);
  const bufferSize = integer('--buffer-size', raw.bufferSize, 1, 10_000_000);
  const batchSize = integer('--batch-size', raw.batchSize, 1, 1_000_000);
  if (bufferSize >= 1 && batchSize > bufferSize)
    problem('--batch-size', `${batchSize} exceeds --buffer-size ${bufferSize}`);
  const exportTimeoutMs = duration(
    '--sink-export-events-timeout',
    raw.sinkExportEventsTimeout,
    100,
  );
  const maxRetryDelayMs = duration('--max-retry-delay', raw.maxRetryDelay, 100);

  let logLevel: LogLevel = raw.quickstart ? 'warn' : 'info';
  if (raw.logLevel !== undefined) {
    try {
      logLevel = parseLogLevel(raw.logLevel);
    } catch (error) {
      problem('--log-level', (error as Error).message);
    }
  }
  if (raw.v !== undefined) {
    const verbosity = Number(raw.v);
    if (!Number.isInteger(verbosity) || verbosity < 0)
      problem('--v', `"${raw.v}" is not a verbosity level`);
    else if (verbosity >= 4) logLevel = 'debug';
  }
  if (raw.quickstart && raw.stateDir.trim() === '') problem('--state-dir', 'must not be empty');

  const checkpointFile =
    raw.checkpointFile !== undefined
      ? raw.checkpointFile.trim() || undefined
      : raw.quickstart
        ? join(raw.stateDir, DEFAULT_CHECKPOINT_FILE)
        : DEFAULT_CHECKPOINT_FILE;

  return {
    source: raw.source[0]?.trim() ?? '',
    sinks: raw.sink,
    frequencyMs,
    healthzIp: raw.healthzIp,
    healthzPort,
    checkpointFile,
    bufferSize,
    batchSize,
    exportTimeoutMs,
    maxRetryDelayMs,
    logLevel,
    kubeconfig: raw.kubeconfig,
    quickstart: raw.quickstart,
    stateDir: raw.stateDir,
  };
}
