import { OptionReader, type SinkUri } from '@heapster/sink';
import { parseRetention } from './influx-duration.js';

/** Labels Heapster never stored as InfluxDB tags, minus pod_id (see README "Tags"). */
export const DEFAULT_TAG_BLACKLIST: readonly string[] = Object.freeze([
  'namespace_id',
  'hostname',
  'host_id',
]);

/** Options of `--sink=influxdb:<url>?...` (README lists each with its default). */
export interface InfluxdbSinkConfig {
  /** Base URL without a trailing slash, e.g. `http://localhost:8086`. */
  readonly url: string;
  /** 1: InfluxDB 1.x `/write` + InfluxQL; 2: `/api/v2/write` (InfluxDB 2.x/3.x, VictoriaMetrics). */
  readonly version: 1 | 2;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  /** Retention of the `default` policy as an InfluxQL literal (`INF` = keep forever). */
  readonly retention: string;
  readonly retentionMs: number;
  /** Whether `retention` was given: only then is an existing policy altered to match. */
  readonly retentionExplicit: boolean;
  readonly insecureSsl: boolean;
  readonly withFields: boolean;
  readonly clusterName: string;
  readonly disableCounterMetrics: boolean;
  readonly concurrency: number;
  readonly tagBlacklist: readonly string[];
  readonly timeoutMs: number;
  readonly batchSize: number;
  readonly org: string;
  readonly bucket: string;
  readonly token: string | undefined;
}

/** The retention policy the sink writes to and creates (Heapster's name). */
export const RETENTION_POLICY = 'default';

const V1_ONLY = ['user', 'pw', 'retention'] as const;
const V2_ONLY = ['org', 'bucket', 'token'] as const;

/** Pure: reads every option with its default; all problems are reported together. */
export function parseConfig(uri: SinkUri): InfluxdbSinkConfig {
  const options = new OptionReader(uri);
  const version = options.oneOf('version', ['1', '2'] as const, '1') === '2' ? 2 : 1;
  const secure = options.boolean('secure', false);
  const target = parseTarget(uri.target, secure, options);
  const retentionValue = options.string('retention', '0');
  let retention = { literal: 'INF', ms: 0 };
  try {
    retention = parseRetention(retentionValue);
  } catch (error) {
    options.problem('retention', (error as Error).message);
  }
  const database = options.string('db', 'k8s');
  if (database.trim() === '') options.problem('db', 'must not be empty');
  const config: InfluxdbSinkConfig = {
    url: target.url,
    version,
    user: options.string('user', target.user ?? 'root'),
    password: options.string('pw', target.password ?? 'root'),
    database,
    retention: retention.literal,
    retentionMs: retention.ms,
    retentionExplicit: uri.options.has('retention'),
    insecureSsl: options.boolean('insecuressl', false),
    withFields: options.boolean('withfields', false),
    clusterName: options.string('cluster_name', 'default'),
    disableCounterMetrics: options.boolean('disable_counter_metrics', false),
    concurrency: options.integer('concurrency', 1, { min: 1, max: 64 }),
    tagBlacklist: options.has('tag_blacklist')
      ? Object.freeze(options.list('tag_blacklist'))
      : DEFAULT_TAG_BLACKLIST,
    timeoutMs: options.duration('timeout', 10_000, { minMs: 100 }),
    batchSize: options.integer('batch_size', 10_000, { min: 1, max: 1_000_000 }),
    org: options.string('org', ''),
    bucket: options.string('bucket', database),
    token: options.optionalString('token'),
  };
  const foreign = version === 2 ? V1_ONLY : V2_ONLY;
  for (const key of foreign) {
    if (uri.options.has(key)) {
      options.problem(key, `applies only to version=${version === 2 ? 1 : 2}`);
    }
  }
  if (version === 1 && target.user !== undefined && uri.options.has('user')) {
    options.problem('user', 'given twice: in the URL and as an option');
  }
  options.done();
  return Object.freeze(config);
}

interface Target {
  readonly url: string;
  readonly user?: string;
  readonly password?: string;
}

/**
 * Heapster took only host:port from the target and chose the scheme with `secure`; we also
 * accept a full URL (an https:// URL implies secure, a path is kept as a prefix for proxies).
 */
function parseTarget(target: string, secure: boolean, options: OptionReader): Target {
  const raw = target.trim() === '' ? 'localhost:8086' : target.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    options.problem('target', `"${target}" is not a URL (e.g. http://influxdb:8086)`);
    return { url: 'http://localhost:8086' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    options.problem('target', `"${url.protocol}" is not supported: use http:// or https://`);
  }
  const scheme = secure || url.protocol === 'https:' ? 'https:' : 'http:';
  const path = url.pathname.replace(/\/+$/, '');
  return {
    url: `${scheme}//${url.host}${path}`,
    user: url.username === '' ? undefined : decodeURIComponent(url.username),
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
  };
}
