import type { MetricPoint } from '@heapster/store-memory';
import { formatGoTime, GO_ZERO_TIME_MS } from './rfc3339.js';

/** One point of Heapster's `MetricResult`: `value` is the stored number, floats kept, never wrapped. */
export interface ModelMetricPoint {
  readonly timestamp: string;
  readonly value: number;
}

/** Heapster's `types.MetricResult`. */
export interface MetricResult {
  readonly metrics: readonly ModelMetricPoint[];
  readonly latestTimestamp: string;
}

/** Heapster's `types.MetricResultList` (the pod-list route). */
export interface MetricResultList {
  readonly items: readonly MetricResult[];
}

/**
 * Heapster forced every value through uint64 (ratios became 0, negatives ~1.8e19); here the
 * value is the number the store holds: int64 metrics are whole numbers because the pipeline
 * stores them so, double metrics keep their fraction. An empty result keeps Heapster's zero
 * `latestTimestamp`.
 */
export function metricResult(points: readonly MetricPoint[]): MetricResult {
  let latest = GO_ZERO_TIME_MS;
  const metrics = points.map(point => {
    if (point.timestamp > latest) latest = point.timestamp;
    return { timestamp: formatGoTime(point.timestamp), value: point.value };
  });
  return { metrics, latestTimestamp: formatGoTime(latest) };
}
