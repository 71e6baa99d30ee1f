import { entityTypeName, type DataBatch, type EntityType } from '@heapster/model';

/** Bumped on any incompatible change of the JSON documented in the README. */
export const SCHEMA_VERSION = 1;

/** One POST: its JSON text and how many metric sets (or events) it carries. */
export interface JsonBody {
  readonly json: string;
  readonly items: number;
}

/**
 * The metric JSON of the README ("Metrics body"), lazily cut into bodies of at most
 * `maxBodyBytes` (UTF-8, before gzip): only the body being sent exists as text. A single metric
 * set larger than the limit still goes, alone. Each body names the metrics it uses in
 * `descriptors` (type, value type, units), so a receiver needs no catalogue of its own.
 */
export function* metricBodies(batch: DataBatch, maxBodyBytes: number): Generator<JsonBody> {
  const timestamp = new Date(batch.timestamp).toISOString();
  const labeled = labeledByEntity(batch);
  let part = 0;
  let sets: string[] = [];
  let bytes = 0;
  let descriptors = new Map<number, string>();
  let descriptorBytes = 0;
  const envelope = (): string =>
    `{"version":${SCHEMA_VERSION},"kind":"metrics","timestamp":"${timestamp}",` +
    `"timestampMs":${batch.timestamp},"part":${part},"descriptors":{${[...descriptors.values()].join(',')}},` +
    `"metricSets":[${sets.join(',')}]}`;
  // + slack for the part number's digits
  const overhead = Buffer.byteLength(envelope()) + 16;

  for (const table of batch.tables()) {
    for (let row = 0; row < table.size; row++) {
      const used = new Set<number>();
      const set = metricSetJson(batch, table.type, row, labeled, used);
      const setBytes = Buffer.byteLength(set) + 1;
      const fresh = [...used].filter(id => !descriptors.has(id));
      const freshText = fresh.map(id => descriptorJson(batch, id));
      const freshBytes = freshText.reduce((sum, text) => sum + Buffer.byteLength(text) + 1, 0);
      if (
        sets.length > 0 &&
        overhead + bytes + descriptorBytes + setBytes + freshBytes > maxBodyBytes
      ) {
        yield { json: envelope(), items: sets.length };
        part++;
        sets = [];
        bytes = 0;
        descriptors = new Map();
        descriptorBytes = 0;
        for (const id of used) descriptors.set(id, descriptorJson(batch, id));
        descriptorBytes = [...descriptors.values()].reduce(
          (s, t) => s + Buffer.byteLength(t) + 1,
          0,
        );
      } else {
        fresh.forEach((id, i) => descriptors.set(id, freshText[i] as string));
        descriptorBytes += freshBytes;
      }
      sets.push(set);
      bytes += setBytes;
    }
  }
  if (sets.length > 0 || part === 0) yield { json: envelope(), items: sets.length };
}

function metricSetJson(
  batch: DataBatch,
  type: EntityType,
  row: number,
  labeled: ReadonlyMap<number, number[]>,
  used: Set<number>,
): string {
  const table = batch.table(type);
  const labels: Record<string, string> = {};
  batch.forEachLabel(type, row, (key, value) => (labels[key] = value));
  const metrics: Record<string, number> = {};
  for (const id of table.metricIds()) {
    const value = jsonValue(batch, id, table.value(row, id));
    if (value === undefined) continue;
    metrics[nameOf(batch, id)] = value;
    used.add(id);
  }
  const labeledMetrics: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const i of labeled.get(entityRef(type, row)) ?? []) {
    const id = batch.labeled.metricId(i);
    const value = jsonValue(batch, id, batch.labeled.value(i));
    if (value === undefined) continue;
    const pairs = batch.labelSets.get(batch.labeled.labelSetId(i));
    labeledMetrics.push({
      name: nameOf(batch, id),
      labels: Object.fromEntries(pairs.map(pair => [pair.key, pair.value])),
      value,
    });
    used.add(id);
  }
  return JSON.stringify({
    key: table.key(row),
    type: entityTypeName(type),
    labels,
    createTime: isoOrNull(table.createTime(row)),
    scrapeTime: isoOrNull(table.scrapeTime(row)),
    metrics,
    labeledMetrics,
  });
}

function descriptorJson(batch: DataBatch, id: number): string {
  const metric = batch.metrics.byId(id);
  return `${JSON.stringify(nameOf(batch, id))}:${JSON.stringify({
    type: metric?.type ?? 'gauge',
    valueType: metric?.valueType ?? 'double',
    units: metric?.units ?? 'count',
  })}`;
}

/** int64 metrics as whole numbers (provisional rates are fractional); NaN/∞ left out. */
function jsonValue(batch: DataBatch, id: number, value: number): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  return batch.metrics.byId(id)?.valueType === 'int64' ? Math.round(value) : value;
}

function nameOf(batch: DataBatch, id: number): string {
  return batch.metrics.byId(id)?.name ?? `metric_${id}`;
}

function isoOrNull(ms: number): string | null {
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Labeled values by metric set, built per write so that the batch stays untouched. */
function labeledByEntity(batch: DataBatch): Map<number, number[]> {
  const index = new Map<number, number[]>();
  for (let i = 0; i < batch.labeled.size; i++) {
    const ref = entityRef(batch.labeled.entityType(i), batch.labeled.row(i));
    const list = index.get(ref);
    if (list === undefined) index.set(ref, [i]);
    else list.push(i);
  }
  return index;
}

function entityRef(type: EntityType, row: number): number {
  return type * 0x1_0000_0000 + row;
}
