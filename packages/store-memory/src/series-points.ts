import type { EntityType, LabelPair } from '@heapster/model';
import type { MetricPoint, PointsRange } from './metric-store.js';
import type { RetainedBatch } from './retained-batch.js';
import type { SeriesRing } from './series-ring.js';

/** Where a series' points live: the ring (long window) and the batches held (short window). */
export interface PointSources {
  readonly ring: SeriesRing;
  /** Oldest first; never empty when a query runs. */
  readonly retained: readonly RetainedBatch[];
  /** Exclusive lower bound of the long window: newest − longWindowMs. */
  readonly longCutoff: number;
}

/**
 * The points of one series, oldest first. A long-window metric is read from the ring up to the
 * oldest batch held and from the batches after that, so recent points are exact whatever the
 * ring's precision; other metrics come from the batches only; a labeled metric (labels given)
 * from the batches only, matching the label set exactly (Heapster's `GetLabeledMetric`).
 */
export function seriesPoints(
  sources: PointSources,
  type: EntityType,
  slot: number,
  metricName: string,
  range: PointsRange,
): MetricPoint[] {
  const start = range.startMs ?? Number.NEGATIVE_INFINITY;
  const end = range.endMs ?? Number.POSITIVE_INFINITY;
  const labels = Object.entries(range.labels ?? {});
  const points: MetricPoint[] = [];
  if (slot < 0 || !(start <= end)) return points;
  const { ring, retained } = sources;
  const newest = retained[retained.length - 1];
  const oldest = retained[0];
  if (newest === undefined || oldest === undefined) return points;
  if (labels.length > 0) return labeledPoints(retained, type, slot, metricName, labels, start, end);

  const ringMetric = ring.metricIds.indexOf(newest.batch.metrics.byName(metricName)?.id ?? -1);
  if (ringMetric >= 0) {
    const { longCutoff } = sources;
    ring.forEachPoint(slot, ringMetric, (timestamp, value) => {
      if (timestamp <= longCutoff || timestamp >= oldest.timestamp) return;
      if (timestamp >= start && timestamp <= end) points.push({ timestamp, value });
    });
  }
  for (const held of retained) {
    if (held.timestamp < start || held.timestamp > end) continue;
    const row = held.rowOf(slot);
    const id = held.batch.metrics.byName(metricName)?.id;
    if (row < 0 || id === undefined) continue;
    const value = held.batch.table(type).value(row, id);
    if (!Number.isNaN(value)) points.push({ timestamp: held.timestamp, value });
  }
  return points;
}

function labeledPoints(
  retained: readonly RetainedBatch[],
  type: EntityType,
  slot: number,
  metricName: string,
  labels: readonly [string, string][],
  start: number,
  end: number,
): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const held of retained) {
    if (held.timestamp < start || held.timestamp > end) continue;
    const row = held.rowOf(slot);
    const id = held.batch.metrics.byName(metricName)?.id;
    if (row < 0 || id === undefined) continue;
    const { labeled, labelSets } = held.batch;
    held.labeledIndex().forEachIndex(type, row, index => {
      if (labeled.metricId(index) !== id) return;
      if (!sameLabels(labelSets.get(labeled.labelSetId(index)), labels)) return;
      points.push({ timestamp: held.timestamp, value: labeled.value(index) });
    });
  }
  return points;
}

/** Exactly the same pairs: as many keys, each with the wanted value. */
function sameLabels(set: readonly LabelPair[], wanted: readonly [string, string][]): boolean {
  if (set.length !== wanted.length) return false;
  for (const [key, value] of wanted) {
    if (!set.some(pair => pair.key === key && pair.value === value)) return false;
  }
  return true;
}

/** Names of the metrics with a point for the series: batches held (plain and labeled) and ring. */
export function seriesMetricNames(sources: PointSources, type: EntityType, slot: number): string[] {
  const names = new Set<string>();
  const { ring, retained } = sources;
  for (const held of retained) {
    const row = held.rowOf(slot);
    if (row < 0) continue;
    const { batch } = held;
    const table = batch.table(type);
    for (const id of table.metricIds()) {
      const name = batch.metrics.byId(id)?.name;
      if (name !== undefined && table.has(row, id)) names.add(name);
    }
    held.labeledIndex().forEachIndex(type, row, index => {
      const name = batch.metrics.byId(batch.labeled.metricId(index))?.name;
      if (name !== undefined) names.add(name);
    });
  }
  const newest = retained[retained.length - 1];
  ring.metricIds.forEach((id, metric) => {
    const name = newest?.batch.metrics.byId(id)?.name;
    if (name !== undefined && ring.hasPoints(slot, metric, sources.longCutoff)) names.add(name);
  });
  return [...names].sort();
}
