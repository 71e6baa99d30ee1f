import { ENTITY_TYPES, type DataBatch, type EntityType } from '@heapster/model';
import {
  escapeHelp,
  escapeLabelValue,
  formatSampleValue,
  prometheusLabelName,
  prometheusMetricName,
  prometheusType,
} from './prometheus-names.js';

export interface ExpositionOptions {
  /** Entity types to expose; default all six. */
  readonly types?: ReadonlySet<EntityType>;
  /** Stamp every sample with the batch time (default off: Prometheus stamps the scrape, see docs/prometheus.md). */
  readonly timestamps?: boolean;
}

/** The text format's content type (Prometheus 0.0.4). */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const CHUNK_CHARS = 64 * 1024;
const ALL_TYPES: ReadonlySet<EntityType> = new Set(ENTITY_TYPES);

/**
 * Every value of a batch in the Prometheus text format, in ~64 kB chunks: one family per
 * metric (all entity levels together, as the format requires), samples straight from the
 * columns. Per value it only pushes strings; label text is built once per metric set
 * and once per labeled-metric label set, so a 100,000-pod batch streams without an object per value.
 */
export function* renderExposition(
  batch: DataBatch | undefined,
  options: ExpositionOptions = {},
): Generator<string> {
  if (batch === undefined) return;
  const types = [...(options.types ?? ALL_TYPES)].sort((a, b) => a - b);
  const suffix = options.timestamps === true ? ` ${Math.round(batch.timestamp)}\n` : '\n';
  // Parts joined once per chunk: far less garbage than growing one string per sample.
  let parts: string[] = [
    '# HELP heapster_batch_timestamp_seconds Time of the batch the samples below come from.\n',
    '# TYPE heapster_batch_timestamp_seconds gauge\n',
    `heapster_batch_timestamp_seconds ${formatSampleValue(batch.timestamp / 1000)}${suffix}`,
  ];
  let size = 0;

  const usedKeys = new Set<string>();
  const rowLabels = new Map<EntityType, string[]>();
  for (const type of types) rowLabels.set(type, labelsOfRows(batch, type, usedKeys));
  const labeled = labeledByMetric(batch);
  const labelSetText = new Map<number, string>();

  const names = new Set<string>();
  for (const id of metricIds(batch, types, labeled.start)) {
    const metric = batch.metrics.byId(id);
    if (metric === undefined) continue;
    let name = prometheusMetricName(metric);
    if (names.has(name)) name = `${name}_${id}`; // two names sanitised alike: keep both apart
    names.add(name);
    const help = escapeHelp(`${metric.description} (Heapster ${metric.name}, ${metric.units})`);
    parts.push(`# HELP ${name} ${help}\n# TYPE ${name} ${prometheusType(metric)}\n`);
    const open = `${name}{`;
    for (const type of types) {
      const column = batch.table(type).column(id);
      if (column === undefined) continue;
      const labels = rowLabels.get(type) as string[];
      for (let row = 0; row < labels.length; row++) {
        const value = column[row] as number;
        if (value !== value) continue; // NaN: the metric set has no value
        const text = labels[row] as string;
        parts.push(open, text, '} ', formatSampleValue(value), suffix);
        size += text.length + 64;
        if (size >= CHUNK_CHARS) {
          yield parts.join('');
          parts = [];
          size = 0;
        }
      }
    }
    for (let i = labeled.start[id] ?? 0; i < (labeled.start[id + 1] ?? 0); i++) {
      const index = labeled.order[i] as number;
      const labels = rowLabels.get(batch.labeled.entityType(index));
      if (labels === undefined) continue;
      const setId = batch.labeled.labelSetId(index);
      let extra = labelSetText.get(setId);
      if (extra === undefined) {
        extra = labelSetLabels(batch, setId, usedKeys);
        labelSetText.set(setId, extra);
      }
      const text = labels[batch.labeled.row(index)] as string;
      parts.push(open, text, extra, '} ', formatSampleValue(batch.labeled.value(index)), suffix);
      size += text.length + extra.length + 64;
      if (size >= CHUNK_CHARS) {
        yield parts.join('');
        parts = [];
        size = 0;
      }
    }
  }
  if (parts.length > 0) yield parts.join('');
}

/** `type="pod",namespace_name="default",…` per row of a table; records the label names used. */
function labelsOfRows(batch: DataBatch, type: EntityType, usedKeys: Set<string>): string[] {
  const table = batch.table(type);
  const names = new Map<string, string>();
  const rows = new Array<string>(table.size);
  const pairs: string[] = [];
  const visit = (key: string, value: string) => {
    let name = names.get(key);
    if (name === undefined) {
      name = prometheusLabelName(key);
      names.set(key, name);
      usedKeys.add(name);
    }
    pairs.push(`${name}="${escapeLabelValue(value)}"`);
  };
  for (let row = 0; row < table.size; row++) {
    pairs.length = 0;
    batch.forEachLabel(type, row, visit);
    rows[row] = pairs.join(','); // flat: it is copied once per metric
  }
  return rows;
}

/** `,resource_id="/"` for a label set; a key the metric set already uses becomes `exported_<key>`. */
function labelSetLabels(batch: DataBatch, setId: number, usedKeys: ReadonlySet<string>): string {
  let text = '';
  for (const pair of batch.labelSets.get(setId)) {
    const name = prometheusLabelName(pair.key);
    text += `,${usedKeys.has(name) ? `exported_${name}` : name}="${escapeLabelValue(pair.value)}"`;
  }
  return text;
}

/** Indices of the labeled values sorted by metric id (a counting sort: no object per value). */
function labeledByMetric(batch: DataBatch): { start: Uint32Array; order: Uint32Array } {
  const values = batch.labeled;
  let maxId = 0;
  for (let i = 0; i < values.size; i++) maxId = Math.max(maxId, values.metricId(i));
  const start = new Uint32Array(maxId + 2);
  for (let i = 0; i < values.size; i++) {
    const slot = values.metricId(i) + 1;
    start[slot] = (start[slot] as number) + 1;
  }
  for (let id = 1; id < start.length; id++) {
    start[id] = (start[id] as number) + (start[id - 1] as number);
  }
  const next = start.slice();
  const order = new Uint32Array(values.size);
  for (let i = 0; i < values.size; i++) {
    const id = values.metricId(i);
    const position = next[id] as number;
    order[position] = i;
    next[id] = position + 1;
  }
  return { start, order };
}

/** Ids of the metrics with a column in any exposed table or a labeled value, ascending. */
function metricIds(
  batch: DataBatch,
  types: readonly EntityType[],
  labeledStart: Uint32Array,
): number[] {
  const ids = new Set<number>();
  for (const type of types) for (const id of batch.table(type).metricIds()) ids.add(id);
  for (let id = 0; id + 1 < labeledStart.length; id++) {
    if ((labeledStart[id + 1] as number) > (labeledStart[id] as number)) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}
