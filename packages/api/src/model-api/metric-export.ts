import { ENTITY_TYPES, type DataBatch, type EntityType } from '@heapster/model';
import { EXPORT_LABELS, EXPORT_TYPES, isExported } from './export-metrics.js';
import { formatGoTime } from './rfc3339.js';

/** Heapster's `types.Point`: labels only on labeled metrics. */
export interface ExportPoint {
  readonly start: string;
  readonly end: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Heapster's `types.Timeseries`: one per exported metric set. */
export interface Timeseries {
  readonly metrics: Readonly<Record<string, readonly ExportPoint[]>>;
  readonly labels: Readonly<Record<string, string>>;
}

const CHUNK_CHARS = 64 * 1024;

/**
 * The newest batch as Heapster's `[]Timeseries` JSON, in chunks (a 100,000-pod batch is far
 * more than one string should hold). A point's `start` is the batch time, or for cumulative
 * metrics when counting began (collection start, else entity creation); `end` is the batch time.
 */
export function* renderMetricExport(batch: DataBatch | undefined): Generator<string> {
  if (batch === undefined) {
    yield '[]';
    return;
  }
  const end = JSON.stringify(formatGoTime(batch.timestamp));
  const labeledByRow = labeledIndex(batch);
  let out = '[';
  let first = true;
  for (const type of ENTITY_TYPES) {
    if (!EXPORT_TYPES.has(type)) continue;
    const table = batch.table(type);
    const metrics = table
      .metricIds()
      .map(id => batch.metrics.byId(id))
      .filter(isExported);
    for (let row = 0; row < table.size; row++) {
      const series = new Map<string, string[]>();
      const startOf = (cumulative: boolean) =>
        cumulative ? startTime(batch, type, row, end) : end;
      for (const metric of metrics) {
        const value = table.value(row, metric.id);
        if (Number.isNaN(value)) continue;
        const point = `{"start":${startOf(metric.type === 'cumulative')},"end":${end},"value":${number(value)}}`;
        series.set(metric.name, [point]);
      }
      for (const index of labeledByRow.get(type * 0x1_0000_0000 + row) ?? []) {
        const metric = batch.metrics.byId(batch.labeled.metricId(index));
        if (!isExported(metric)) continue;
        const labels = Object.fromEntries(
          batch.labelSets.get(batch.labeled.labelSetId(index)).map(pair => [pair.key, pair.value]),
        );
        const value = number(batch.labeled.value(index));
        const point = `{"start":${startOf(metric.type === 'cumulative')},"end":${end},"labels":${JSON.stringify(labels)},"value":${value}}`;
        const points = series.get(metric.name);
        if (points === undefined) series.set(metric.name, [point]);
        else points.push(point);
      }
      out += `${first ? '' : ','}{"metrics":{${[...series].map(([name, points]) => `${JSON.stringify(name)}:[${points.join(',')}]`).join(',')}},"labels":${JSON.stringify(exportLabels(batch, type, row))}}`;
      first = false;
      if (out.length >= CHUNK_CHARS) {
        yield out;
        out = '';
      }
    }
  }
  yield `${out}]`;
}

function exportLabels(batch: DataBatch, type: EntityType, row: number): Record<string, string> {
  const labels: Record<string, string> = {};
  batch.forEachLabel(type, row, (key, value) => {
    if (EXPORT_LABELS.has(key)) labels[key] = value;
  });
  const containerName = EXPORT_TYPES.get(type);
  if (containerName !== undefined) labels.container_name = containerName;
  return labels;
}

function startTime(batch: DataBatch, type: EntityType, row: number, end: string): string {
  const table = batch.table(type);
  const start = table.collectionStartTime(row);
  const known = Number.isNaN(start) ? table.createTime(row) : start;
  return Number.isNaN(known) ? end : JSON.stringify(formatGoTime(known));
}

/** Labeled values by (entity type, row), for the exported types only. */
function labeledIndex(batch: DataBatch): Map<number, number[]> {
  const byRow = new Map<number, number[]>();
  for (let index = 0; index < batch.labeled.size; index++) {
    const type = batch.labeled.entityType(index);
    if (!EXPORT_TYPES.has(type)) continue;
    const key = type * 0x1_0000_0000 + batch.labeled.row(index);
    const list = byRow.get(key);
    if (list === undefined) byRow.set(key, [index]);
    else list.push(index);
  }
  return byRow;
}

/** JSON has no NaN or Infinity; such values (never produced by the pipeline) become null. */
function number(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}
