import { ConfigError, type Clock, type FieldProblem, type Logger } from '@heapster/runtime';
import { parseSinkUri, type HistoricalSource, type SinkUri } from '@heapster/sink';
import {
  openDuckDbHistory,
  parseConfig as parseDuckDbConfig,
  type DuckDbConfig,
  type PercentileMethod,
} from '@heapster/store-duckdb';
import { DuckDbHistoricalSource } from './backends/duckdb/duckdb-source.js';
import {
  parseInfluxdbSourceConfig,
  type InfluxdbSourceConfig,
} from './backends/influxdb/influxdb-config.js';
import { InfluxdbHistoricalSource } from './backends/influxdb/influxdb-source.js';
import {
  parsePrometheusSourceConfig,
  type PrometheusSourceConfig,
} from './backends/prometheus/prometheus-config.js';
import { PrometheusHistoricalSource } from './backends/prometheus/prometheus-source.js';
import {
  parseStackdriverSourceConfig,
  type StackdriverSourceConfig,
} from './backends/stackdriver/stackdriver-config.js';
import { StackdriverHistoricalSource } from './backends/stackdriver/stackdriver-source.js';

/** `gcm` is the stackdriver sink's alias, read the same way. */
export const HISTORICAL_SOURCE_TYPES = [
  'duckdb',
  'influxdb',
  'prometheus',
  'stackdriver',
  'gcm',
] as const;

/** A parsed, validated source URI: which backend, with its options. */
export type HistoricalSourceSpec =
  | {
      readonly type: 'duckdb';
      readonly masked: string;
      readonly config: DuckDbConfig;
      readonly percentile: PercentileMethod;
    }
  | { readonly type: 'influxdb'; readonly masked: string; readonly config: InfluxdbSourceConfig }
  | {
      readonly type: 'prometheus';
      readonly masked: string;
      readonly config: PrometheusSourceConfig;
    }
  | {
      readonly type: 'stackdriver';
      readonly masked: string;
      readonly config: StackdriverSourceConfig;
    };

export interface HistoricalSourceSettings {
  readonly logger: Logger;
  readonly clock: Clock;
  /**
   * Open DuckDB files read-only whatever the URI says: a process that does not write the file
   * (the oldtimer) must never take DuckDB's single-writer lock.
   */
  readonly readOnly?: boolean;
}

/**
 * Parses `duckdb:<file>[?percentile=linear|nearest_rank&…]`, `influxdb:http://host:8086?db=k8s&…`
 * (the influxdb sink's URI), `prometheus:http://host:9090?schema=influx&…` or
 * `stackdriver:?project=p&…` / `gcm:?…` (the stackdriver sink's URI), purely. Every problem is
 * reported in one ConfigError naming `flag` and the option.
 */
export function parseHistoricalSourceUri(
  value: string,
  flag = '--source',
  env: Readonly<Record<string, string | undefined>> = process.env,
): HistoricalSourceSpec {
  let uri: SinkUri;
  try {
    uri = parseSinkUri(value, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(
      error.problems.map(problem => ({ field: flag, message: problem.message })),
    );
  }
  try {
    switch (uri.type) {
      case 'duckdb':
        return { type: 'duckdb', masked: uri.masked, ...parseDuckDbSource(uri) };
      case 'influxdb':
        return { type: 'influxdb', masked: uri.masked, config: parseInfluxdbSourceConfig(uri) };
      case 'prometheus':
        return { type: 'prometheus', masked: uri.masked, config: parsePrometheusSourceConfig(uri) };
      case 'stackdriver':
      case 'gcm':
        return {
          type: 'stackdriver',
          masked: uri.masked,
          config: parseStackdriverSourceConfig(uri),
        };
      default:
        throw new ConfigError([
          {
            field: flag,
            message: `"${uri.type}" has no historical reader (supported: ${HISTORICAL_SOURCE_TYPES.join(', ')})`,
          },
        ]);
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(
      error.problems.map(problem => ({
        field: problem.field.replace(/^\S+ sink option /, `${flag} option `),
        message: problem.message,
      })),
    );
  }
}

/** The source a spec describes. Nothing connects yet: a down backend shows in readiness. */
export function openHistoricalSource(
  spec: HistoricalSourceSpec,
  settings: HistoricalSourceSettings,
): HistoricalSource {
  switch (spec.type) {
    case 'duckdb': {
      const config = settings.readOnly === true ? { ...spec.config, readOnly: true } : spec.config;
      return new DuckDbHistoricalSource(openDuckDbHistory(config, settings), spec.percentile);
    }
    case 'influxdb':
      if (spec.config.podIdBlacklisted) {
        settings.logger.warn('tag_blacklist holds pod_id: the pod-id routes will find nothing', {
          source: spec.masked,
        });
      }
      return new InfluxdbHistoricalSource(spec.config);
    case 'prometheus':
      return new PrometheusHistoricalSource(spec.config);
    case 'stackdriver':
      return new StackdriverHistoricalSource(spec.config);
  }
}

/** parseHistoricalSourceUri, then openHistoricalSource. */
export function createHistoricalSource(
  value: string,
  settings: HistoricalSourceSettings & { readonly flag?: string },
): HistoricalSource {
  return openHistoricalSource(parseHistoricalSourceUri(value, settings.flag), settings);
}

function parseDuckDbSource(uri: SinkUri): { config: DuckDbConfig; percentile: PercentileMethod } {
  const options = new URLSearchParams(uri.options);
  const percentile = options.get('percentile') ?? 'linear';
  options.delete('percentile');
  const problems: FieldProblem[] = [];
  if (percentile !== 'linear' && percentile !== 'nearest_rank') {
    problems.push({
      field: 'duckdb sink option percentile',
      message: `"${percentile}" is not one of linear, nearest_rank`,
    });
  }
  let config: DuckDbConfig | undefined;
  try {
    config = parseDuckDbConfig({ ...uri, options });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || config === undefined) throw new ConfigError(problems);
  return { config, percentile: percentile === 'nearest_rank' ? 'nearest_rank' : 'linear' };
}
