import type { SinkUri } from '@heapster/sink';
import { influxdbSinkFactory, RETENTION_POLICY } from '@heapster/sink-influxdb';

/** What the InfluxDB historical source needs, read from the same URI the influxdb sink takes. */
export interface InfluxdbSourceConfig {
  readonly url: string;
  readonly version: 1 | 2;
  /** The database the sink writes (1.x) or the bucket (2.x/3.x, a DBRP-mapped name). */
  readonly database: string;
  /** 1.x: the sink's "default" policy; 2.x/3.x: none (the bucket's mapping decides). */
  readonly retentionPolicy: string | undefined;
  readonly user: string | undefined;
  readonly password: string;
  readonly token: string | undefined;
  readonly insecureSsl: boolean;
  readonly withFields: boolean;
  /** Set only when the URI names a cluster_name explicitly: then only its points are read. */
  readonly clusterName: string | undefined;
  readonly timeoutMs: number;
  /** Whether the sink leaves pod_id out of its tags (pod-id queries then find nothing). */
  readonly podIdBlacklisted: boolean;
}

/** Queries over months of data take longer than a write: without `timeout`, allow 60 s. */
const DEFAULT_QUERY_TIMEOUT_MS = 60_000;

/**
 * Parses with the influxdb sink's own parser, so that `--historical_source` can be exactly one
 * of the core's `--sink` values (Heapster's rule) and every sink option is understood; the
 * write-only options (retention, concurrency, batch_size, …) are accepted and unused.
 */
export function parseInfluxdbSourceConfig(uri: SinkUri): InfluxdbSourceConfig {
  const sink = influxdbSinkFactory.parseConfig(uri);
  return Object.freeze({
    url: sink.url,
    version: sink.version,
    database: sink.version === 2 ? sink.bucket : sink.database,
    retentionPolicy: sink.version === 2 ? undefined : RETENTION_POLICY,
    user: sink.version === 2 ? undefined : sink.user,
    password: sink.password,
    token: sink.version === 2 ? sink.token : undefined,
    insecureSsl: sink.insecureSsl,
    withFields: sink.withFields,
    clusterName: uri.options.has('cluster_name') ? sink.clusterName : undefined,
    timeoutMs: uri.options.has('timeout') ? sink.timeoutMs : DEFAULT_QUERY_TIMEOUT_MS,
    podIdBlacklisted: sink.tagBlacklist.includes('pod_id'),
  });
}
