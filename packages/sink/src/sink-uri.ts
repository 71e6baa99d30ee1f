import { ConfigError, splitFlagUri, type FieldProblem } from '@heapster/runtime';

/**
 * A `--sink` (or `--source`) value in Heapster's syntax: `TYPE[:TARGET][?OPTIONS]`, e.g.
 * `influxdb:http://monitoring-influxdb:8086?db=k8s&withfields=true`, `log`,
 * `stackdriver:?cluster_name=prod`, `duckdb:/var/lib/heapster/metrics.duckdb?retention=30d`.
 * As in Heapster (`common/flags/flags.go`) the type ends at the first ':' and `$VAR` / `${VAR}`
 * are expanded from the environment before parsing.
 */
export interface SinkUri {
  /** The value as given (may hold secrets: print `masked` instead). */
  readonly raw: string;
  readonly type: string;
  /** What follows `TYPE:` up to the '?', env-expanded (a URL, a path, or ''). */
  readonly target: string;
  /** Query options; keys may repeat (Heapster's `brokers=a&brokers=b`). */
  readonly options: URLSearchParams;
  /** The raw value with secret options and URL passwords replaced by `***`. */
  readonly masked: string;
}

const TYPE_PATTERN = /^[a-z][a-z0-9_.]*$/;
const DEFAULT_SECRET_KEYS = [
  'pw',
  'password',
  'token',
  'writekey',
  'secret',
  'esUserSecret',
  'key',
];

export function parseSinkUri(
  raw: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  secretKeys: readonly string[] = DEFAULT_SECRET_KEYS,
): SinkUri {
  const { type, target, options } = splitFlagUri(raw, env);
  if (!TYPE_PATTERN.test(type)) {
    throw new ConfigError([
      { field: raw, message: `"${type}" is not a sink type: expected TYPE[:TARGET][?OPTIONS]` },
    ]);
  }
  return { raw, type, target, options, masked: maskSecrets(raw, secretKeys) };
}

/** Masks secret query options and `user:password@` in URLs, for logs and start-up summaries. */
export function maskSecrets(
  raw: string,
  secretKeys: readonly string[] = DEFAULT_SECRET_KEYS,
): string {
  const lowered = new Set(secretKeys.map(key => key.toLowerCase()));
  return raw
    .replace(/(\/\/[^/:@?]+:)[^@/?]+@/g, '$1***@')
    .replace(/([?&])([^=&]+)=([^&]*)/g, (match, separator: string, key: string) =>
      lowered.has(key.toLowerCase()) ? `${separator}${key}=***` : match,
    );
}

/** Problems found while reading one sink's options, collected rather than thrown one by one. */
export function sinkConfigError(uri: SinkUri, problems: readonly FieldProblem[]): ConfigError {
  return new ConfigError(
    problems.map(p => ({ field: `${uri.type} sink option ${p.field}`, message: p.message })),
  );
}
