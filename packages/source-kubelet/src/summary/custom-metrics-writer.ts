import {
  CUSTOM_METRIC_PREFIX,
  type DataBatch,
  type EntityTable,
  type LabelPair,
  type MetricType,
} from '@heapster/model';
import type { UserDefinedMetric } from './summary-types.js';

const TYPES: ReadonlySet<string> = new Set<MetricType>(['gauge', 'cumulative', 'delta']);

/**
 * userDefinedMetrics as `custom/<name>`, registered in the batch's catalogue on first sight with
 * the type the container reports. A metric without labels is a column value (summable into the
 * pod, as in Heapster); one with labels is a labeled value carrying them, so two series of one
 * name do not overwrite each other. Returns how many were skipped: an unknown type, a name the
 * catalogue refuses, or a type that clashes with an earlier registration. One bad application
 * metric must not cost the node its data, so these are counted rather than thrown.
 */
export function writeCustomMetrics(
  batch: DataBatch,
  table: EntityTable,
  row: number,
  metrics: readonly UserDefinedMetric[] | null | undefined,
): number {
  if (metrics == null) return 0;
  let skipped = 0;
  for (const metric of metrics) {
    const type = metric.type;
    if (type == null || !TYPES.has(type) || metric.value == null) {
      skipped++;
      continue;
    }
    let metricId: number;
    try {
      metricId = batch.metrics.ensure(`${CUSTOM_METRIC_PREFIX}${metric.name}`, {
        type: type as MetricType,
      }).id;
    } catch {
      skipped++;
      continue;
    }
    const labels = labelPairs(metric.labels);
    if (labels.length === 0) table.setValue(row, metricId, metric.value);
    else batch.labeled.add(table.type, row, metricId, batch.labelSets.intern(labels), metric.value);
  }
  return skipped;
}

function labelPairs(labels: Readonly<Record<string, string>> | null | undefined): LabelPair[] {
  const pairs: LabelPair[] = [];
  if (labels == null) return pairs;
  for (const key in labels) {
    const value = labels[key];
    if (typeof value === 'string' && value !== '') pairs.push({ key, value });
  }
  return pairs;
}
