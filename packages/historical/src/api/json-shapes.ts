import { isResourceRequestName, STATIC_METRICS } from '@heapster/model';
import type {
  HistoricalAggregationResult,
  HistoricalBucket,
  HistoricalPointsResult,
} from '@heapster/sink';
import { formatRfc3339, GO_ZERO_TIME } from './time-format.js';

/** Heapster's `MetricValue`: one of the two is set (metrics/api/v1/types/historical_types.go). */
export interface MetricValueJson {
  readonly intValue?: number;
  readonly floatValue?: number;
}

export interface MetricAggregationBucketJson {
  readonly timestamp: string;
  readonly count?: number;
  readonly average?: MetricValueJson;
  readonly maximum?: MetricValueJson;
  readonly minimum?: MetricValueJson;
  readonly median?: MetricValueJson;
  readonly percentiles?: Readonly<Record<string, MetricValueJson>>;
}

/** `bucketSize` is a Go time.Duration: nanoseconds. */
export interface MetricAggregationResultJson {
  readonly buckets: readonly MetricAggregationBucketJson[];
  readonly bucketSize: number;
}

/** Heapster's `MetricPoint`: `value` is an unsigned integer; floats go to `floatValue`. */
export interface MetricPointJson {
  readonly timestamp: string;
  readonly value: number;
  readonly floatValue?: number;
}

export interface MetricResultJson {
  readonly metrics: readonly MetricPointJson[];
  readonly latestTimestamp: string;
}

const VALUE_TYPES = new Map(STATIC_METRICS.map(metric => [metric.name, metric.valueType]));

/** The catalogue's value type of a metric (`<resource>/request` are integers), if known. */
export function metricValueType(metric: string): 'int64' | 'double' | undefined {
  return VALUE_TYPES.get(metric) ?? (isResourceRequestName(metric) ? 'int64' : undefined);
}

/**
 * How statistics are typed: a statistic that is always one of the stored samples (max, min,
 * and percentiles under a nearest-rank definition) keeps an integer metric's type (`intValue`);
 * computed ones (average, median, interpolated percentiles) and every statistic of a double
 * metric are `floatValue`. Heapster forced everything through uint64, losing ratios.
 */
export class ValueTyping {
  private readonly _int: boolean;
  private readonly _percentilesAreSamples: boolean;

  constructor(metric: string, percentilesAreSamples: boolean) {
    this._int = metricValueType(metric) !== 'double';
    this._percentilesAreSamples = percentilesAreSamples;
  }

  sample(value: number): MetricValueJson {
    return this._int && Number.isSafeInteger(value) ? { intValue: value } : { floatValue: value };
  }

  computed(value: number): MetricValueJson {
    return { floatValue: value };
  }

  percentile(value: number): MetricValueJson {
    return this._percentilesAreSamples ? this.sample(value) : this.computed(value);
  }

  /** A raw point: integers as `value`; anything else as `floatValue` with `value` 0 (Heapster's convention). */
  point(timestamp: number, value: number): MetricPointJson {
    const time = formatRfc3339(timestamp);
    return this._int && Number.isSafeInteger(value) && value >= 0
      ? { timestamp: time, value }
      : { timestamp: time, value: 0, floatValue: value };
  }
}

function bucketJson(bucket: HistoricalBucket, typing: ValueTyping): MetricAggregationBucketJson {
  const json: {
    -readonly [K in keyof MetricAggregationBucketJson]: MetricAggregationBucketJson[K];
  } = { timestamp: formatRfc3339(bucket.timestamp) };
  if (bucket.count !== undefined) json.count = bucket.count;
  if (bucket.average !== undefined) json.average = typing.computed(bucket.average);
  if (bucket.maximum !== undefined) json.maximum = typing.sample(bucket.maximum);
  if (bucket.minimum !== undefined) json.minimum = typing.sample(bucket.minimum);
  if (bucket.median !== undefined) json.median = typing.computed(bucket.median);
  if (bucket.percentiles !== undefined) {
    const percentiles: Record<string, MetricValueJson> = {};
    for (const [key, value] of Object.entries(bucket.percentiles)) {
      percentiles[key] = typing.percentile(value);
    }
    json.percentiles = percentiles;
  }
  return json;
}

/** `bucketSize` for one bucket over the whole range (bucket=0): the range's length. */
export function aggregationJson(
  result: HistoricalAggregationResult,
  typing: ValueTyping,
  rangeMs: number,
): MetricAggregationResultJson {
  const sizeMs = result.bucketMs === 0 ? rangeMs : result.bucketMs;
  return {
    buckets: result.buckets.map(bucket => bucketJson(bucket, typing)),
    bucketSize: sizeMs * 1_000_000,
  };
}

export function pointsJson(
  result: HistoricalPointsResult | undefined,
  typing: ValueTyping,
): MetricResultJson {
  const points = result?.points ?? [];
  const last = points[points.length - 1];
  return {
    metrics: points.map(point => typing.point(point.timestamp, point.value)),
    latestTimestamp: last === undefined ? GO_ZERO_TIME : formatRfc3339(last.timestamp),
  };
}
