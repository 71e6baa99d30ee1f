// The reference: a HistoricalSource that computes every answer exactly, in memory, from plain
// series, under a chosen percentile definition. Backends are tested against it, and the API
// tests run on it.
import type {
  HistoricalAggregationRequest,
  HistoricalAggregationResult,
  HistoricalBucket,
  HistoricalEntityField,
  HistoricalMetricQuery,
  HistoricalPointsOptions,
  HistoricalPointsResult,
  HistoricalQueryOptions,
  HistoricalSelector,
  HistoricalSource,
  HistoricalTimeRange,
} from '@heapster/sink';
import { HistoricalQueryError } from '@heapster/sink';
import { bucketOf, completeBuckets, queryGroups } from '../bucket-grid.js';
import { bucketStatistics, type PercentileMethod } from '../sample-statistics.js';
import type { PlainSeries } from './dataset.js';

const FIELD_TAGS: Readonly<Record<HistoricalEntityField, string>> = {
  node: 'nodename',
  namespace: 'namespace_name',
  pod: 'pod_name',
  pod_id: 'pod_id',
  container: 'container_name',
};

export function matches(
  tags: Readonly<Record<string, string>>,
  selector: HistoricalSelector,
): boolean {
  if (tags['type'] !== selector.type) return false;
  if (selector.namespace !== undefined && tags['namespace_name'] !== selector.namespace)
    return false;
  if (selector.node !== undefined && tags['nodename'] !== selector.node) return false;
  if (selector.container !== undefined && tags['container_name'] !== selector.container)
    return false;
  if (selector.pods !== undefined && !selector.pods.includes(tags['pod_name'] ?? '')) return false;
  if (selector.podIds !== undefined && !selector.podIds.includes(tags['pod_id'] ?? ''))
    return false;
  for (const [key, value] of Object.entries(selector.labels ?? {})) {
    if (tags[key] !== value) return false;
  }
  return true;
}

export class MemoryHistoricalSource implements HistoricalSource {
  readonly name = 'memory';
  readonly backend = 'memory';
  readonly percentileDefinition: string;
  readonly percentilesAreSamples: boolean;
  /** What the next calls fail with (tests of the error paths). */
  failWith: Error | undefined;
  readonly calls: { operation: string; args: unknown[] }[] = [];

  constructor(
    private readonly _series: readonly PlainSeries[],
    private readonly _method: PercentileMethod = 'linear',
  ) {
    this.percentileDefinition = `reference (${_method})`;
    this.percentilesAreSamples = _method !== 'linear';
  }

  async ping(): Promise<void> {
    this._check('ping', []);
  }

  async metricNames(selector: HistoricalSelector, range: HistoricalTimeRange): Promise<string[]> {
    this._check('metricNames', [selector, range]);
    const names = this._matching(selector, range).map(series => series.metric);
    return [...new Set(names)].sort();
  }

  async entities(
    field: HistoricalEntityField,
    selector: HistoricalSelector,
    range: HistoricalTimeRange,
  ): Promise<string[]> {
    this._check('entities', [field, selector, range]);
    const values = this._matching(selector, range).map(
      series => series.tags[FIELD_TAGS[field]] ?? '',
    );
    return [...new Set(values)].filter(value => value !== '').sort();
  }

  async points(
    query: HistoricalMetricQuery,
    range: HistoricalTimeRange,
    options: HistoricalPointsOptions,
  ): Promise<HistoricalPointsResult[]> {
    this._check('points', [query, range]);
    return queryGroups(query).map(group => {
      const points = this._samples(query, range, group).sort((a, b) => a.timestamp - b.timestamp);
      if (points.length > options.maxPoints) {
        throw new HistoricalQueryError('start', `more than ${options.maxPoints} points`);
      }
      return group === undefined ? { points } : { group, points };
    });
  }

  async aggregate(
    query: HistoricalMetricQuery,
    range: HistoricalTimeRange,
    request: HistoricalAggregationRequest,
    _options?: HistoricalQueryOptions,
  ): Promise<HistoricalAggregationResult[]> {
    this._check('aggregate', [query, range, request]);
    return queryGroups(query).map(group => {
      const values = new Map<number, number[]>();
      for (const sample of this._samples(query, range, group)) {
        const bucket = bucketOf(sample.timestamp, request.bucketMs, range);
        values.set(bucket, [...(values.get(bucket) ?? []), sample.value]);
      }
      const found = new Map<number, HistoricalBucket>();
      for (const [bucket, list] of values) {
        found.set(bucket, bucketStatistics(bucket, list, request, this._method));
      }
      return completeBuckets(found, request, range, group);
    });
  }

  async close(): Promise<void> {}

  private _check(operation: string, args: unknown[]): void {
    this.calls.push({ operation, args });
    if (this.failWith !== undefined) throw this.failWith;
  }

  private _matching(selector: HistoricalSelector, range: HistoricalTimeRange): PlainSeries[] {
    return this._series.filter(
      series =>
        matches(series.tags, selector) &&
        series.points.some(p => p.timestamp >= range.start && p.timestamp <= range.end),
    );
  }

  private _samples(
    query: HistoricalMetricQuery,
    range: HistoricalTimeRange,
    group: string | undefined,
  ) {
    const tag = query.groupBy === 'pod' ? 'pod_name' : 'pod_id';
    return this._series
      .filter(series => series.metric === query.metric && matches(series.tags, query))
      .filter(series => query.groupBy === undefined || series.tags[tag] === group)
      .flatMap(series =>
        series.points.filter(p => p.timestamp >= range.start && p.timestamp <= range.end),
      )
      .map(p => ({ timestamp: p.timestamp, value: p.value }));
  }
}
