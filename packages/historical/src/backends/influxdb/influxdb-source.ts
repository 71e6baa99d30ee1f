import type http from 'node:http';
import {
  HistoricalQueryError,
  type HistoricalAggregationRequest,
  type HistoricalAggregationResult,
  type HistoricalBucket,
  type HistoricalEntityField,
  type HistoricalMetricQuery,
  type HistoricalPointsOptions,
  type HistoricalPointsResult,
  type HistoricalQueryOptions,
  type HistoricalSelector,
  type HistoricalSource,
  type HistoricalTimeRange,
} from '@heapster/sink';
import { PermanentError } from '@heapster/runtime';
import { bucketOf, completeBuckets, queryGroups } from '../../bucket-grid.js';
import { backendAgent, httpExchange } from '../http-post.js';
import { influxSeries, numberCell, seriesRows, type InfluxSeries } from './influx-answer.js';
import type { InfluxdbSourceConfig } from './influxdb-config.js';
import {
  aggregateAliases,
  aggregateQuery,
  ENTITY_TAGS,
  groupTag,
  pointsQuery,
  quoteIdentifier,
  tagConditions,
  type InfluxSchema,
} from './influxql.js';

const MAX_ANSWER_BYTES = 256 * 1024 * 1024;

/**
 * Historical queries over what the influxdb sink wrote, in InfluxQL over `/query` — InfluxDB 1.x
 * natively, 2.x and 3.x through their v1-compatible endpoint (`version=2`: token auth, the
 * bucket as database). Flux is never used (3.x dropped it). Listings come from the series index
 * (SHOW MEASUREMENTS / SHOW TAG VALUES), which InfluxDB cannot limit by time.
 */
export class InfluxdbHistoricalSource implements HistoricalSource {
  readonly name: string;
  readonly backend = 'influxdb';
  readonly percentileDefinition =
    'InfluxQL PERCENTILE (nearest rank): the ⌊n·p/100 + 0.5⌋-th smallest of the n samples, none when that rank is 0; median = mean of the two middle samples for even n';
  readonly percentilesAreSamples = true;
  private readonly _config: InfluxdbSourceConfig;
  private readonly _schema: InfluxSchema;
  private readonly _agent: http.Agent;
  private readonly _headers: Record<string, string>;

  constructor(config: InfluxdbSourceConfig) {
    this._config = config;
    this.name = `influxdb(${config.url}, db=${config.database})`;
    this._schema = {
      withFields: config.withFields,
      database: config.database,
      retentionPolicy: config.retentionPolicy,
      clusterName: config.clusterName,
    };
    this._agent = backendAgent(new URL(config.url), config.insecureSsl);
    this._headers =
      config.token !== undefined
        ? { authorization: `Token ${config.token}` }
        : config.user !== undefined
          ? {
              authorization: `Basic ${Buffer.from(`${config.user}:${config.password}`).toString('base64')}`,
            }
          : {};
  }

  async ping(options: HistoricalQueryOptions): Promise<void> {
    const answer = await httpExchange({
      url: new URL(`${this._config.url}/ping`),
      headers: this._headers,
      timeoutMs: this._config.timeoutMs,
      signal: options.signal,
      agent: this._agent,
      maxBytes: 64 * 1024,
      what: 'InfluxDB ping',
    });
    if (answer.status < 200 || answer.status > 299) {
      throw new PermanentError(`InfluxDB ping answered ${answer.status}`);
    }
  }

  async metricNames(
    selector: HistoricalSelector,
    _range: HistoricalTimeRange,
    options: HistoricalQueryOptions,
  ): Promise<string[]> {
    const where = tagConditions(selector, this._schema).join(' AND ');
    const [measurements = []] = await this._query(`SHOW MEASUREMENTS WHERE ${where}`, options);
    const names = measurements.flatMap(series => (series.values ?? []).map(row => String(row[0])));
    if (!this._schema.withFields || names.length === 0) return names.sort();
    const from = names.map(quoteIdentifier).join(', ');
    const [fields = []] = await this._query(`SHOW FIELD KEYS FROM ${from}`, options);
    const metrics = fields.flatMap(series =>
      (series.values ?? []).map(row => {
        const field = String(row[0]);
        return field === 'value' ? String(series.name) : `${String(series.name)}/${field}`;
      }),
    );
    return [...new Set(metrics)].sort();
  }

  async entities(
    field: HistoricalEntityField,
    selector: HistoricalSelector,
    _range: HistoricalTimeRange,
    options: HistoricalQueryOptions,
  ): Promise<string[]> {
    const key = quoteIdentifier(ENTITY_TAGS[field]);
    const where = tagConditions(selector, this._schema).join(' AND ');
    const [series = []] = await this._query(
      `SHOW TAG VALUES WITH KEY = ${key} WHERE ${where}`,
      options,
    );
    const values = new Set<string>();
    for (const one of series) for (const row of one.values ?? []) values.add(String(row[1]));
    values.delete('');
    return [...values].sort();
  }

  async points(
    query: HistoricalMetricQuery,
    range: HistoricalTimeRange,
    options: HistoricalPointsOptions,
  ): Promise<HistoricalPointsResult[]> {
    const text = pointsQuery(query, range, options.maxPoints + 1, this._schema);
    const [series = []] = await this._query(text, options);
    const byGroup = this._byGroup(query, series);
    return queryGroups(query).map(group => {
      const rows = (byGroup.get(group) ?? []).flatMap(seriesRows);
      if (rows.length > options.maxPoints) {
        throw new HistoricalQueryError(
          'start',
          `the range holds more than ${options.maxPoints} points; ask for a shorter one`,
        );
      }
      const points = rows.flatMap(row => {
        const value = numberCell(row['value']);
        return value === undefined ? [] : [{ timestamp: Number(row['time']), value }];
      });
      return group === undefined ? { points } : { group, points };
    });
  }

  async aggregate(
    query: HistoricalMetricQuery,
    range: HistoricalTimeRange,
    request: HistoricalAggregationRequest,
    options: HistoricalQueryOptions,
  ): Promise<HistoricalAggregationResult[]> {
    const [series = []] = await this._query(
      aggregateQuery(query, range, request, this._schema),
      options,
    );
    const byGroup = this._byGroup(query, series);
    const aliases = aggregateAliases(request);
    return queryGroups(query).map(group => {
      const found = new Map<number, HistoricalBucket>();
      for (const row of (byGroup.get(group) ?? []).flatMap(seriesRows)) {
        const bucket = readBucket(row, request, aliases, range);
        if (bucket !== undefined) found.set(bucket.timestamp, bucket);
      }
      return completeBuckets(found, request, range, group);
    });
  }

  async close(): Promise<void> {
    this._agent.destroy();
  }

  private _byGroup(
    query: HistoricalMetricQuery,
    series: readonly InfluxSeries[],
  ): Map<string | undefined, InfluxSeries[]> {
    const tag = groupTag(query);
    const byGroup = new Map<string | undefined, InfluxSeries[]>();
    for (const one of series) {
      const group = tag === undefined ? undefined : one.tags?.[tag];
      byGroup.set(group, [...(byGroup.get(group) ?? []), one]);
    }
    return byGroup;
  }

  private async _query(q: string, options: HistoricalQueryOptions): Promise<InfluxSeries[][]> {
    const form = new URLSearchParams({ q, epoch: 'ms', db: this._config.database });
    const answer = await httpExchange({
      url: new URL(`${this._config.url}/query`),
      headers: this._headers,
      form,
      timeoutMs: this._config.timeoutMs,
      signal: options.signal,
      agent: this._agent,
      maxBytes: MAX_ANSWER_BYTES,
      what: 'InfluxDB query',
    });
    return influxSeries('InfluxDB query', answer);
  }
}

function readBucket(
  row: Record<string, unknown>,
  request: HistoricalAggregationRequest,
  aliases: readonly string[],
  range: HistoricalTimeRange,
): HistoricalBucket | undefined {
  const count = numberCell(row['count']) ?? 0;
  if (count === 0) return undefined;
  const timestamp = bucketOf(Number(row['time']), request.bucketMs, range);
  const bucket: { -readonly [K in keyof HistoricalBucket]: HistoricalBucket[K] } = { timestamp };
  if (request.aggregations.includes('count')) bucket.count = count;
  const cell = (alias: string): number | undefined => numberCell(row[alias]);
  for (const alias of aliases) {
    const value = cell(alias);
    if (value === undefined) continue;
    if (alias === 'average') bucket.average = value;
    if (alias === 'max') bucket.maximum = value;
    if (alias === 'min') bucket.minimum = value;
    if (alias === 'median') bucket.median = value;
  }
  const percentiles: Record<string, number> = {};
  request.percentiles.forEach((p, i) => {
    const value = cell(`p${i}`);
    if (value !== undefined) percentiles[String(p)] = value;
  });
  if (Object.keys(percentiles).length > 0) bucket.percentiles = percentiles;
  return bucket;
}
