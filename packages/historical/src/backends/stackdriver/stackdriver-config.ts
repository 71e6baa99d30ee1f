import type { Endpoint } from '@heapster/gcp';
import { ConfigError, type FieldProblem } from '@heapster/runtime';
import { OptionReader, type SinkUri } from '@heapster/sink';
import { stackdriverSinkFactory } from '@heapster/sink-stackdriver';

/** What the Cloud Monitoring historical source needs, read from the stackdriver sink's URI. */
export interface StackdriverSourceConfig {
  /** `stackdriver` or `gcm`, for names and messages. */
  readonly type: string;
  /** Unset: Application Default Credentials' project, detected on first use. */
  readonly project: string | undefined;
  readonly endpoint: Endpoint | undefined;
  readonly insecure: boolean;
  /** Filters, each only when the URI names it (the reader never detects them). */
  readonly clusterName: string | undefined;
  readonly clusterLocation: string | undefined;
  readonly zone: string | undefined;
  /** Name-based routes read k8s_container / k8s_pod / k8s_node. */
  readonly newResources: boolean;
  /** Pod-UID routes read the legacy gke_container (the only resource carrying pod_id). */
  readonly oldResources: boolean;
  /** Deadline of one ListTimeSeries call (each page is a call). */
  readonly timeoutMs: number;
  /** Most pages one query may read before it is refused as too large. */
  readonly maxPages: number;
  /** Period of the aligned series summed or turned into rates (whole seconds, ≥ 60 s). */
  readonly alignmentPeriodMs: number;
}

/** Options only the reader has; every other option is the sink's own. */
const READER_OPTIONS = ['max_pages', 'alignment_period'] as const;

/** A query reading months is slower than a write: without `request_timeout`, allow 60 s a call. */
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Parses with the stackdriver sink's own parser, so that `--historical_source` can be exactly
 * the core's `--sink` value (Heapster's rule) and every sink option means the same here; the
 * write-only ones (metrics, min_interval_sec, workers, …) are accepted and unused. The reader
 * adds `max_pages` and `alignment_period`. Every problem is reported together.
 */
export function parseStackdriverSourceConfig(uri: SinkUri): StackdriverSourceConfig {
  const sinkOptions = new URLSearchParams(uri.options);
  const readerOptions = new URLSearchParams();
  for (const key of READER_OPTIONS) {
    for (const value of sinkOptions.getAll(key)) readerOptions.append(key, value);
    sinkOptions.delete(key);
  }
  const problems: FieldProblem[] = [];
  const reader = new OptionReader({ ...uri, options: readerOptions });
  const maxPages = reader.integer('max_pages', 100, { min: 1, max: 10_000 });
  const alignmentPeriodMs = reader.duration('alignment_period', 60_000, { minMs: 60_000 });
  if (alignmentPeriodMs % 1000 !== 0) {
    reader.problem('alignment_period', `${alignmentPeriodMs} ms is not a whole number of seconds`);
  }
  try {
    reader.done();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  let sink: ReturnType<typeof stackdriverSinkFactory.parseConfig> | undefined;
  try {
    sink = stackdriverSinkFactory.parseConfig({ ...uri, options: sinkOptions });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || sink === undefined) throw new ConfigError(problems);
  return Object.freeze({
    type: uri.type,
    project: sink.project,
    endpoint: sink.endpoint,
    insecure: sink.insecure,
    clusterName: sink.clusterName,
    clusterLocation: sink.clusterLocation,
    zone: sink.zone,
    newResources: sink.newResources,
    oldResources: sink.oldResources,
    timeoutMs: uri.options.has('request_timeout') ? sink.requestTimeoutMs : DEFAULT_TIMEOUT_MS,
    maxPages,
    alignmentPeriodMs,
  });
}
