import { entityTypeName, type DataBatch, type EntityType, type LabelPair } from '@heapster/model';
import type { SeriesRow } from './series-dictionary.js';

/**
 * The canonical JSON of a metric set's labels (every label `batch.forEachLabel` names, keys
 * sorted): the series' identity, and its `labels` column. Sorting makes the key independent of
 * label ids, which are per-process, so a restarted writer finds the series it wrote before.
 */
export function rowLabelsJson(batch: DataBatch, type: EntityType, row: number): string {
  const keys: string[] = [];
  const values: string[] = [];
  batch.forEachLabel(type, row, (key, value) => {
    keys.push(key);
    values.push(value);
  });
  return canonicalJson(keys, values);
}

/** The canonical JSON of a labeled metric's label set (`{"resource_id":"/"}`). */
export function labelSetJson(pairs: readonly LabelPair[]): string {
  return canonicalJson(
    pairs.map(pair => pair.key),
    pairs.map(pair => pair.value),
  );
}

function canonicalJson(keys: readonly string[], values: readonly string[]): string {
  const order = keys.map((_, i) => i);
  order.sort((a, b) => {
    const ka = keys[a] as string;
    const kb = keys[b] as string;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  let json = '{';
  for (const i of order) {
    if (json.length > 1) json += ',';
    json += `${JSON.stringify(keys[i])}:${JSON.stringify(values[i])}`;
  }
  return `${json}}`;
}

/** The `series` row of a metric set seen for the first time. */
export function describeRow(
  batch: DataBatch,
  type: EntityType,
  row: number,
  id: number,
  labels: string,
  metricLabels: string,
): SeriesRow {
  const seen = batch.timestamp;
  const table = batch.table(type);
  let podId = '';
  batch.forEachLabel(type, row, (key, value) => {
    if (key === 'pod_id') podId = value;
  });
  return {
    id,
    type: entityTypeName(type),
    namespace: table.identity(row, 'namespace'),
    pod: table.identity(row, 'pod'),
    podId,
    container: table.identity(row, 'container'),
    node: table.identity(row, 'node'),
    labels,
    metricLabels,
    seen,
  };
}
