import { STATIC_LABELS, type MetricRegistry } from '@heapster/model';
import {
  EXPORT_ADDITIONAL_METRICS,
  EXPORT_COMMON_LABELS,
  EXPORT_LABELED_METRICS,
  EXPORT_POD_LABELS,
  EXPORT_STANDARD_METRICS,
} from './export-metrics.js';

export interface SchemaLabel {
  readonly key: string;
  readonly description: string;
}

/** Heapster's `types.MetricDescriptor`; `units` is omitted for plain counts, as Heapster's was. */
export interface SchemaMetric {
  readonly name: string;
  readonly description: string;
  readonly labels: readonly SchemaLabel[];
  readonly type: string;
  readonly value_type: string;
  readonly units?: string;
}

/** Heapster's `types.TimeseriesSchema`. */
export interface TimeseriesSchema {
  readonly metrics: readonly SchemaMetric[];
  readonly common_labels: readonly SchemaLabel[];
  readonly pod_labels: readonly SchemaLabel[];
}

/**
 * `/api/v1/metric-export-schema`: the metrics and labels metric-export carries. Heapster listed
 * the common and container labels under `pod_labels` and left `common_labels` empty; here
 * each list holds its own labels.
 */
export function metricExportSchema(metrics: MetricRegistry): TimeseriesSchema {
  const names = [
    ...EXPORT_STANDARD_METRICS,
    ...EXPORT_ADDITIONAL_METRICS,
    ...EXPORT_LABELED_METRICS,
  ];
  const described: SchemaMetric[] = [];
  for (const name of names) {
    const metric = metrics.byName(name);
    if (metric === undefined) continue;
    const schema: SchemaMetric = {
      name: metric.name,
      description: metric.description,
      labels: metric.labelKeys.map(label),
      type: metric.type,
      value_type: metric.valueType,
    };
    described.push(metric.units === 'count' ? schema : { ...schema, units: metric.units });
  }
  return {
    metrics: described,
    common_labels: EXPORT_COMMON_LABELS.map(label),
    pod_labels: EXPORT_POD_LABELS.map(label),
  };
}

function label(key: string): SchemaLabel {
  return { key, description: STATIC_LABELS.find(known => known.key === key)?.description ?? '' };
}
