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
import { completeBuckets, queryGroups } from '../../bucket-grid.js';
import { runLimited } from '../run-limited.js';
import { metricOfSeries, seriesName } from './metric-naming.js';
import { planBuckets } from './bucket-plan.js';
import { PrometheusClient } from './prometheus-client.js';
import type { PrometheusSourceConfig } from './prometheus-config.js';
import { ENTITY_LABELS, groupLabel, isLabelName, selectorText, windowText } from './promql.js';
import { statistics } from './statistic-queries.js';
import { BucketCollector, recomputeQuantiles } from './bucket-collector.js';

/** Queries of one request in flight at once (a request is a handful of PromQL queries). */
const CONCURRENCY = 4;

/**
 * Historical queries in PromQL, for any engine with the Prometheus HTTP API (Prometheus,
 * VictoriaMetrics, Thanos, Mimir), over what the influxdb sink wrote through the v2 write API
 * or a remote-write pipeline stored. Each statistic is one `*_over_time` query whose
 * evaluations cover exactly one bucket each (bucket-plan.ts).
 */
export class PrometheusHistoricalSource implements HistoricalSource {
  readonly name: string;
  readonly backend = 'prometheus';
  readonly percentileDefinition =
    'PromQL quantile_over_time (φ-quantile, linear interpolation): with the n samples sorted, rank h = (n − 1)·p/100 and the value x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) (Hyndman & Fan type 7); median = the 0.5-quantile';
  readonly percentilesAreSamples = false;
  private readonly _config: PrometheusSourceConfig;
  private readonly _client: PrometheusClient;

  constructor(config: PrometheusSourceConfig) {
    this._config = config;
    this._client = new PrometheusClient(config);
    this.name = `prometheus(${config.url}, schema=${config.naming.schema})`;
  }

  async ping(options: HistoricalQueryOptions): Promise<void> {
    await this._client.instant('vector(1)', Date.now(), options.signal);
  }

  async metricNames(
    selector: HistoricalSelector,
    range: HistoricalTimeRange,
    options: HistoricalQueryOptions,
  ): Promise<string[]> {
    const names = await this._client.labelValues(
      '__name__',
      this._selector(selector, undefined),
      range.start,
      range.end,
      options.signal,
    );
    const metrics = names.flatMap(name => metricOfSeries(name, this._config.naming) ?? []);
    return [...new Set(metrics)].sort();
  }

  async entities(
    field: HistoricalEntityField,
    selector: HistoricalSelector,
    range: HistoricalTimeRange,
    options: HistoricalQueryOptions,
  ): Promise<string[]> {
    const values = await this._client.labelValues(
      ENTITY_LABELS[field],
      this._selector(selector, undefined),
      range.start,
      range.end,
      options.signal,
    );
    return [...new Set(values)].filter(value => value !== '').sort();
  }

  async points(
    query: HistoricalMetricQuery,
    range: HistoricalTimeRange,
    options: HistoricalPointsOptions,
  ): Promise<HistoricalPointsResult[]> {
    const selector = this._selector(query, seriesName(query.metric, this._config.naming));
    const window = windowText(range.end - range.start + 1);
    const series = await this._client.instant(`${selector}[${window}]`, range.end, options.signal);
    const label = groupLabel(query);
    const byGroup = new Map<string | undefined, { timestamp: number; value: number }[]>();
    for (const one of series) {
      const group = label === undefined ? undefined : one.metric[label];
      const points = byGroup.get(group) ?? [];
      for (const [seconds, text] of one.values) {
        const timestamp = Math.round(seconds * 1000);
        const value = Number(text);
        if (timestamp >= range.start && timestamp <= range.end && Number.isFinite(value)) {
          points.push({ timestamp, value });
        }
      }
      byGroup.set(group, points);
    }
    return queryGroups(query).map(group => {
      const points = (byGroup.get(group) ?? []).sort((a, b) => a.timestamp - b.timestamp);
      if (points.length > options.maxPoints) {
        throw new HistoricalQueryError(
          'start',
          `the range holds more than ${options.maxPoints} points; ask for a shorter one`,
        );
      }
      return group === undefined ? { points } : { group, points };
    });
  }

  async aggregate(
    query: HistoricalMetricQuery,
    range: HistoricalTimeRange,
    request: HistoricalAggregationRequest,
    options: HistoricalQueryOptions,
  ): Promise<HistoricalAggregationResult[]> {
    const selector = this._selector(query, seriesName(query.metric, this._config.naming));
    const label = groupLabel(query);
    const plan = planBuckets(request.bucketMs, range);
    const collector = new BucketCollector(plan, label);
    const jobs: (() => Promise<void>)[] = [];
    for (const statistic of statistics(request, label)) {
      const sweep = plan.sweep;
      if (sweep !== undefined) {
        jobs.push(async () => {
          const expression = statistic.expression(selector, sweep.stepMs);
          const series = await this._client.range(
            expression,
            sweep.firstAt,
            sweep.lastAt,
            sweep.stepMs,
            options.signal,
          );
          collector.addSweep(statistic, series);
        });
      }
      for (const single of plan.singles) {
        jobs.push(async () => {
          const expression = statistic.expression(selector, single.windowMs);
          const series = await this._client.instant(expression, single.at, options.signal);
          collector.addSingle(statistic, single.bucket, series);
        });
      }
    }
    await runLimited(jobs, CONCURRENCY);
    const groups = queryGroups(query);
    const found = new Map<string | undefined, Map<number, HistoricalBucket>>();
    for (const group of groups) found.set(group, collector.buckets(group));
    for (const group of collector.multiSeriesGroups()) {
      if (!found.has(group)) continue;
      // quantile_over_time answered per series: compute this group's quantiles from samples.
      const restricted = restrictToGroup(query, group);
      const [samples] = await this.points(restricted, range, { ...options, maxPoints: 5_000_000 });
      found.set(
        group,
        recomputeQuantiles(found.get(group) ?? new Map(), samples?.points ?? [], request, range),
      );
    }
    return groups.map(group =>
      completeBuckets(found.get(group) ?? new Map(), request, range, group),
    );
  }

  async close(): Promise<void> {
    this._client.close();
  }

  private _selector(selector: HistoricalSelector, name: string | undefined): string {
    for (const key of Object.keys(selector.labels ?? {})) {
      if (!isLabelName(key)) {
        throw new HistoricalQueryError('labels', `"${key}" is not a Prometheus label name`);
      }
    }
    return selectorText(selector, name, this._config.clusterName);
  }
}

function restrictToGroup(
  query: HistoricalMetricQuery,
  group: string | undefined,
): HistoricalMetricQuery {
  if (group === undefined || query.groupBy === undefined) return { ...query, groupBy: undefined };
  const { groupBy: _groupBy, ...rest } = query;
  return query.groupBy === 'pod' ? { ...rest, pods: [group] } : { ...rest, podIds: [group] };
}
