import { OptionReader, type SinkUri } from '@heapster/sink';
import { NAMING_SCHEMAS, type MetricNaming, type NamingSchema } from './metric-naming.js';

/** `prometheus:http://host:9090[/prefix]?options` (docs/oldtimer.md "prometheus"). */
export interface PrometheusSourceConfig {
  /** Base URL without a trailing slash; a path is kept (Mimir's `/prometheus`, a proxy). */
  readonly url: string;
  readonly naming: MetricNaming;
  /** Only series with this cluster_name label. */
  readonly clusterName: string | undefined;
  readonly timeoutMs: number;
  readonly bearerToken: string | undefined;
  readonly user: string | undefined;
  readonly password: string;
  readonly insecureSsl: boolean;
  /** Send VictoriaMetrics' `nocache=1` (other engines ignore it). */
  readonly nocache: boolean;
}

export function parsePrometheusSourceConfig(uri: SinkUri): PrometheusSourceConfig {
  const options = new OptionReader(uri);
  const target = uri.target.trim() === '' ? 'http://localhost:9090' : uri.target.trim();
  let url = 'http://localhost:9090';
  let user: string | undefined;
  let password = '';
  try {
    const parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target : `http://${target}`);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      options.problem('target', `"${parsed.protocol}" is not supported: use http:// or https://`);
    }
    url = `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
    if (parsed.username !== '') user = decodeURIComponent(parsed.username);
    if (parsed.password !== '') password = decodeURIComponent(parsed.password);
  } catch {
    options.problem('target', `"${uri.target}" is not a URL (e.g. http://prometheus:9090)`);
  }
  const schema = options.oneOf<NamingSchema>('schema', NAMING_SCHEMAS, 'influx');
  const separator = options.string('separator', '_');
  if (separator === '') options.problem('separator', 'must not be empty');
  const prefix = options.string('prefix', 'heapster_');
  if (uri.options.has('prefix') && schema !== 'prometheus') {
    options.problem('prefix', 'applies only to schema=prometheus');
  }
  const bearerToken = options.optionalString('bearer_token');
  const optionUser = options.optionalString('user');
  if (bearerToken !== undefined && (optionUser !== undefined || user !== undefined)) {
    options.problem('bearer_token', 'give either a bearer token or a user, not both');
  }
  const config: PrometheusSourceConfig = {
    url,
    naming: { schema, separator, prefix },
    clusterName: options.optionalString('cluster_name'),
    timeoutMs: options.duration('timeout', 60_000, { minMs: 100 }),
    bearerToken,
    user: optionUser ?? user,
    password: options.string('pw', password),
    insecureSsl: options.boolean('insecuressl', false),
    nocache: options.boolean('nocache', true),
  };
  options.done();
  return Object.freeze(config);
}
