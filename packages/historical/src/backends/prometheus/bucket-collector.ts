import type {
  HistoricalAggregationRequest,
  HistoricalBucket,
  HistoricalPoint,
  HistoricalTimeRange,
} from '@heapster/sink';
import { bucketOf } from '../../bucket-grid.js';
import { bucketStatistics } from '../../sample-statistics.js';
import { sweepBucket, type BucketPlan } from './bucket-plan.js';
import type { PromSeries } from './prometheus-client.js';
import type { Statistic } from './statistic-queries.js';

type MutableBucket = {
  timestamp: number;
  count?: number;
  average?: number;
  maximum?: number;
  minimum?: number;
  median?: number;
  percentiles?: Record<string, number>;
};

/** Gathers the answers of every statistic's queries into buckets per group. */
export class BucketCollector {
  private readonly _plan: BucketPlan;
  private readonly _label: string | undefined;
  private readonly _groups = new Map<string | undefined, Map<number, MutableBucket>>();
  /** Per group, the distinct series that answered a per-series statistic. */
  private readonly _series = new Map<string | undefined, Set<string>>();

  constructor(plan: BucketPlan, groupLabel: string | undefined) {
    this._plan = plan;
    this._label = groupLabel;
  }

  addSweep(statistic: Statistic, series: readonly PromSeries[]): void {
    for (const one of series) {
      for (const [seconds, text] of one.values) {
        const bucket = sweepBucket(Math.round(seconds * 1000), this._plan);
        this._set(statistic, one, bucket, text);
      }
    }
  }

  addSingle(statistic: Statistic, bucket: number, series: readonly PromSeries[]): void {
    for (const one of series) {
      for (const [, text] of one.values) this._set(statistic, one, bucket, text);
    }
  }

  buckets(group: string | undefined): Map<number, HistoricalBucket> {
    return this._groups.get(group) ?? new Map();
  }

  /** Groups whose per-series statistics came from more than one series. */
  multiSeriesGroups(): (string | undefined)[] {
    return [...this._series].filter(([, keys]) => keys.size > 1).map(([group]) => group);
  }

  private _set(statistic: Statistic, series: PromSeries, bucketStart: number, text: string): void {
    const value = Number(text);
    if (!Number.isFinite(value)) return;
    const group = this._label === undefined ? undefined : series.metric[this._label];
    if (this._label !== undefined && group === undefined) return;
    if (!statistic.combined) {
      const keys = this._series.get(group) ?? new Set<string>();
      keys.add(seriesKey(series.metric));
      this._series.set(group, keys);
    }
    let buckets = this._groups.get(group);
    if (buckets === undefined) {
      buckets = new Map();
      this._groups.set(group, buckets);
    }
    let bucket = buckets.get(bucketStart);
    if (bucket === undefined) {
      bucket = { timestamp: bucketStart };
      buckets.set(bucketStart, bucket);
    }
    const target = statistic.target;
    if (target.field === 'percentile') {
      bucket.percentiles = { ...bucket.percentiles, [target.key]: value };
    } else {
      bucket[target.field] = value;
    }
  }
}

function seriesKey(metric: Readonly<Record<string, string>>): string {
  return JSON.stringify(
    Object.entries(metric)
      .filter(([key]) => key !== '__name__')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/**
 * Replaces the median and percentiles of a group's buckets by exact ones computed from its raw
 * samples (linear interpolation, as quantile_over_time), keeping the other statistics.
 */
export function recomputeQuantiles(
  buckets: ReadonlyMap<number, HistoricalBucket>,
  samples: readonly HistoricalPoint[],
  request: HistoricalAggregationRequest,
  range: HistoricalTimeRange,
): Map<number, HistoricalBucket> {
  const values = new Map<number, number[]>();
  for (const sample of samples) {
    const bucket = bucketOf(sample.timestamp, request.bucketMs, range);
    const list = values.get(bucket) ?? [];
    list.push(sample.value);
    values.set(bucket, list);
  }
  const quantileRequest: HistoricalAggregationRequest = {
    aggregations: request.aggregations.filter(name => name === 'median'),
    percentiles: request.percentiles,
    bucketMs: request.bucketMs,
  };
  const result = new Map<number, HistoricalBucket>();
  for (const [timestamp, list] of values) {
    const exact = bucketStatistics(timestamp, list, quantileRequest, 'linear');
    const {
      median: _median,
      percentiles: _percentiles,
      ...rest
    } = buckets.get(timestamp) ?? {
      timestamp,
    };
    result.set(timestamp, {
      ...rest,
      ...(exact.median === undefined ? {} : { median: exact.median }),
      ...(exact.percentiles === undefined ? {} : { percentiles: exact.percentiles }),
    });
  }
  return result;
}
