import { entityTypeName, type DataBatch } from '@heapster/model';
import type { LogFormat } from './config.js';
import {
  LabeledIndex,
  labelsOf,
  metricsOf,
  sortedMetricSets,
  type MetricSetRef,
} from './metric-set-view.js';

const PAD = '   ';

/**
 * Renders a metric batch, one piece per metric set (so that a 100k-pod batch never becomes one
 * giant string). `text` is Heapster's log dump (`metrics/sinks/log/log_sink.go`): metric sets in
 * key order, labels and metrics sorted. `json` is one JSON object per metric set and line.
 * `maxSets` > 0 keeps the first sets in key order and ends with a note of how many were left out.
 */
export function* formatMetricBatch(
  batch: DataBatch,
  format: LogFormat,
  maxSets: number,
): Generator<string> {
  const sets = sortedMetricSets(batch);
  const shown = maxSets > 0 ? Math.min(maxSets, sets.length) : sets.length;
  const labeled = new LabeledIndex(batch);
  const timestamp = new Date(batch.timestamp).toISOString();
  if (format === 'text') yield `DataBatch     Timestamp: ${timestamp}\n\n`;
  for (let i = 0; i < shown; i++) {
    const set = sets[i] as MetricSetRef;
    yield format === 'text'
      ? textBlock(batch, set, labeled)
      : `${jsonLine(batch, set, labeled, timestamp)}\n`;
  }
  const hidden = sets.length - shown;
  if (hidden > 0) {
    yield format === 'text'
      ? `... ${hidden} more metric sets not shown (max_sets=${maxSets})\n\n`
      : `${JSON.stringify({ timestamp, omittedMetricSets: hidden, maxSets })}\n`;
  }
}

function textBlock(batch: DataBatch, set: MetricSetRef, labeled: LabeledIndex): string {
  const table = batch.table(set.type);
  let out = `MetricSet: ${set.key}\n`;
  out += `${PAD}Scrape time: ${formatTime(table.scrapeTime(set.row))}\n`;
  out += `${PAD}Create time: ${formatTime(table.createTime(set.row))}\n`;
  out += `${PAD}Labels:\n`;
  for (const [key, value] of labelsOf(batch, set)) out += `${PAD}${PAD}${key} = ${value}\n`;
  out += `${PAD}Metrics:\n`;
  for (const metric of metricsOf(batch, set))
    out += `${PAD}${PAD}${metric.name} = ${metric.text}\n`;
  out += `${PAD}Labeled Metrics:\n`;
  for (const metric of labeled.of(set)) {
    out += `${PAD}${PAD}${metric.name} = ${metric.text}\n`;
    for (const label of metric.labels) out += `${PAD}${PAD}${PAD}${label.key} = ${label.value}\n`;
  }
  return `${out}\n`;
}

function jsonLine(
  batch: DataBatch,
  set: MetricSetRef,
  labeled: LabeledIndex,
  timestamp: string,
): string {
  const table = batch.table(set.type);
  const metrics: Record<string, number> = {};
  for (const metric of metricsOf(batch, set)) metrics[metric.name] = Number(metric.text);
  return JSON.stringify({
    timestamp,
    key: set.key,
    type: entityTypeName(set.type),
    scrapeTime: isoOrNull(table.scrapeTime(set.row)),
    createTime: isoOrNull(table.createTime(set.row)),
    labels: Object.fromEntries(labelsOf(batch, set)),
    metrics,
    labeledMetrics: labeled.of(set).map(metric => ({
      name: metric.name,
      labels: Object.fromEntries(metric.labels.map(label => [label.key, label.value])),
      value: Number(metric.text),
    })),
  });
}

function formatTime(ms: number): string {
  return Number.isNaN(ms) ? 'unknown' : new Date(ms).toISOString();
}

function isoOrNull(ms: number): string | null {
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
