import { RATE_MAPPINGS, type DataBatch, type MetricDescriptor } from '@heapster/model';
import { LineBuffer } from './line-buffer.js';
import { escapeMeasurement, escapeTag, formatFloat, formatInteger } from './line-protocol.js';
import { TagBuilder } from './tag-builder.js';

/** What shapes the points (heapster.md §5.2). */
export interface MetricSchema {
  /** false: measurement = metric name, field `value`; true: measurement = family, field = rest. */
  readonly withFields: boolean;
  /** Added to every point as the `cluster_name` tag (empty = not added). */
  readonly clusterName: string;
  /** Label keys never written as tags. */
  readonly tagBlacklist: readonly string[];
  /** Leave out the cumulative metrics that have a `_rate` twin. */
  readonly disableCounterMetrics: boolean;
}

/** Line protocol for one write: `lines` points, each line ending in '\n'. */
export interface LineChunk {
  readonly body: Uint8Array;
  readonly lines: number;
}

/** Where one metric goes: measurement and `<field>=`, both escaped and encoded once. */
interface Target {
  readonly measurementId: number;
  readonly measurement: Uint8Array;
  readonly fieldEq: Uint8Array;
  readonly int: boolean;
}

interface Group {
  readonly measurement: Uint8Array;
  readonly fields: readonly { readonly target: Target; readonly column: Float64Array }[];
}

const COUNTERS = new Set(RATE_MAPPINGS.map(mapping => mapping.cumulative));
const SPACE = 0x20;
const COMMA = 0x2c;

/**
 * Serializes a batch into chunks of at most `maxLines` lines, lazily: only the chunk being
 * written exists, so a 3-million-point batch never sits in memory as text. Tags are sorted by
 * key (InfluxDB's fast path); every point carries the batch timestamp in ms. Under
 * `withFields`, values of one measurement for one series share a line (InfluxDB stores that
 * exactly as one point per field).
 */
export function* metricChunks(
  batch: DataBatch,
  schema: MetricSchema,
  maxLines: number,
): Generator<LineChunk, void, undefined> {
  const targets = new TargetCache(batch, schema);
  const tags = new TagBuilder(batch, schema.tagBlacklist, schema.clusterName);
  const time = Buffer.from(` ${Math.round(batch.timestamp)}\n`);
  const out = new LineBuffer();
  let lines = 0;

  for (const table of batch.tables()) {
    if (table.size === 0) continue;
    const groups = groupsOf(table.metricIds(), id => table.column(id), targets);
    if (groups.length === 0) continue;
    for (let row = 0; row < table.size; row++) {
      const rowTags = tags.row(table.type, row);
      for (const group of groups) {
        const start = out.length;
        out.bytes(group.measurement);
        out.bytes(rowTags);
        out.byte(SPACE);
        let written = 0;
        for (const field of group.fields) {
          const value = field.column[row] as number;
          if (value !== value) continue; // NaN: absent
          const text = field.target.int ? formatInteger(value) : formatFloat(value);
          if (text === undefined) continue;
          if (written++ > 0) out.byte(COMMA);
          writeField(out, field.target, text);
        }
        if (written === 0) {
          out.truncate(start);
          continue;
        }
        out.bytes(time);
        if (++lines >= maxLines) {
          yield { body: out.take(), lines };
          lines = 0;
        }
      }
    }
  }

  // Labeled values: consecutive values of one series and measurement share a line.
  const labeled = batch.labeled;
  let open = false;
  let openType = -1;
  let openRow = -1;
  let openSet = -1;
  let openMeasurement = -1;
  let openFields: Target[] = [];
  for (let i = 0; i < labeled.size; i++) {
    const target = targets.get(labeled.metricId(i));
    if (target === null) continue;
    const value = labeled.value(i);
    const text = target.int ? formatInteger(value) : formatFloat(value);
    if (text === undefined) continue;
    const type = labeled.entityType(i);
    const row = labeled.row(i);
    const labelSet = labeled.labelSetId(i);
    const sameSeries =
      open &&
      row === openRow &&
      labelSet === openSet &&
      type === openType &&
      target.measurementId === openMeasurement;
    if (sameSeries && !openFields.includes(target)) {
      out.byte(COMMA);
      writeField(out, target, text);
      openFields.push(target);
      continue;
    }
    if (open) {
      out.bytes(time);
      if (++lines >= maxLines) {
        yield { body: out.take(), lines };
        lines = 0;
      }
    }
    out.bytes(target.measurement);
    out.bytes(tags.labeled(type, row, labelSet));
    out.byte(SPACE);
    writeField(out, target, text);
    open = true;
    openType = type;
    openRow = row;
    openSet = labelSet;
    openMeasurement = target.measurementId;
    openFields = [target];
  }
  if (open) {
    out.bytes(time);
    lines++;
  }
  if (lines > 0) yield { body: out.take(), lines };
}

/** The whole batch as one string (golden tests, small batches). */
export function serializeMetrics(batch: DataBatch, schema: MetricSchema): string {
  const parts: Uint8Array[] = [];
  for (const chunk of metricChunks(batch, schema, Number.POSITIVE_INFINITY)) parts.push(chunk.body);
  return Buffer.concat(parts).toString('utf8');
}

function writeField(out: LineBuffer, target: Target, text: string): void {
  out.bytes(target.fieldEq);
  out.ascii(text);
}

function groupsOf(
  ids: readonly number[],
  column: (id: number) => Float64Array | undefined,
  targets: TargetCache,
): Group[] {
  const byMeasurement = new Map<number, Group & { fields: Group['fields'][number][] }>();
  for (const id of ids) {
    const target = targets.get(id);
    const values = column(id);
    if (target === null || values === undefined) continue;
    let group = byMeasurement.get(target.measurementId);
    if (group === undefined) {
      group = { measurement: target.measurement, fields: [] };
      byMeasurement.set(target.measurementId, group);
    }
    group.fields.push({ target, column: values });
  }
  return [...byMeasurement.values()];
}

/** Measurement, field key and value type per metric id (null = not written). */
class TargetCache {
  private readonly _targets = new Map<number, Target | null>();
  private readonly _measurements = new Map<string, number>();

  constructor(
    private readonly _batch: DataBatch,
    private readonly _schema: MetricSchema,
  ) {}

  get(id: number): Target | null {
    let target = this._targets.get(id);
    if (target === undefined) {
      target = this._targetOf(this._batch.metrics.byId(id));
      this._targets.set(id, target);
    }
    return target;
  }

  private _targetOf(metric: MetricDescriptor | undefined): Target | null {
    if (metric === undefined) return null;
    if (this._schema.disableCounterMetrics && COUNTERS.has(metric.name)) return null;
    const slash = metric.name.indexOf('/');
    const split = this._schema.withFields && slash >= 0;
    const measurement = split ? metric.name.slice(0, slash) : metric.name;
    const field = split ? metric.name.slice(slash + 1) : 'value';
    let measurementId = this._measurements.get(measurement);
    if (measurementId === undefined) {
      measurementId = this._measurements.size;
      this._measurements.set(measurement, measurementId);
    }
    return {
      measurementId,
      measurement: Buffer.from(escapeMeasurement(measurement)),
      fieldEq: Buffer.from(`${escapeTag(field)}=`),
      int: metric.valueType === 'int64',
    };
  }
}
