import { EntityType, MetricId, type DataBatch, type EntityTable } from '@heapster/model';
import type { MetricSelection } from './config.js';
import {
  DERIVED_EVICTABLE,
  DERIVED_MINOR_FAULTS,
  legacyLabeledTable,
  legacyTable,
  newModelLabeledTable,
  newModelTable,
  type LabeledMapping,
  type MetricKind,
  type SeriesMapping,
  type ValueType,
} from './metric-map.js';
import { legacyResource, newModelResource, type MonitoredResource } from './resources.js';
import type { GcpSite } from './site.js';

export interface Timestamp {
  readonly seconds: number;
  readonly nanos: number;
}

export interface Point {
  readonly interval: { readonly startTime?: Timestamp; readonly endTime: Timestamp };
  readonly value: { readonly int64Value: number } | { readonly doubleValue: number };
}

/** One TimeSeries of a CreateTimeSeries request (a subset of google.monitoring.v3.TimeSeries). */
export interface TimeSeries {
  readonly metric: { readonly type: string; readonly labels: Readonly<Record<string, string>> };
  readonly resource: MonitoredResource;
  readonly metricKind: MetricKind;
  readonly valueType: ValueType;
  readonly points: [Point];
}

export interface SeriesOptions {
  readonly site: GcpSite;
  readonly newResources: boolean;
  readonly oldResources: boolean;
  readonly metrics: MetricSelection;
}

/** Values left out, for the sink's debug log. */
export interface SeriesStats {
  /** Cumulative values whose start time is unknown or not before the batch time. */
  skippedCumulatives: number;
}

interface Model {
  table: typeof newModelTable;
  labeled: typeof newModelLabeledTable;
  resource: typeof newModelResource;
}

const NEW_MODEL: Model = {
  table: newModelTable,
  labeled: newModelLabeledTable,
  resource: newModelResource,
};
const LEGACY_MODEL: Model = {
  table: legacyTable,
  labeled: legacyLabeledTable,
  resource: legacyResource,
};
const TYPES = [EntityType.PodContainer, EntityType.Pod, EntityType.Node, EntityType.SysContainer];

/**
 * Translates a batch into time series, lazily (a 1,000-node batch is ~10^5 series; only the
 * request being filled exists). Gauges carry the batch time as their end time only;
 * cumulatives start at the set's CollectionStartTime (restart_count at the container's start),
 * and a cumulative without a start strictly before the batch time is left out: Cloud Monitoring
 * rejects such points. Heapster's derived metrics (evictable memory = usage − working set,
 * minor faults = faults − major faults) are computed per row. The batch is only read.
 */
export function* timeSeriesOf(
  batch: DataBatch,
  options: SeriesOptions,
  stats: SeriesStats = { skippedCumulatives: 0 },
): Generator<TimeSeries, void, undefined> {
  const models = [
    ...(options.newResources ? [NEW_MODEL] : []),
    ...(options.oldResources ? [LEGACY_MODEL] : []),
  ];
  const types = options.metrics === 'autoscaling' ? [EntityType.Node] : TYPES;
  for (const model of models) {
    for (const type of types) {
      const mappings = model.table(type);
      const table = batch.table(type);
      if (mappings.size === 0 || table.size === 0) continue;
      const columns: { column: Float64Array; mappings: readonly SeriesMapping[] }[] = [];
      for (const id of table.metricIds()) {
        const name = batch.metrics.byId(id)?.name;
        const found = name === undefined ? undefined : mappings.get(name);
        const column = table.column(id);
        if (found !== undefined && column !== undefined) columns.push({ column, mappings: found });
      }
      const evictable = mappings.get(DERIVED_EVICTABLE) ?? [];
      const minor = mappings.get(DERIVED_MINOR_FAULTS) ?? [];
      for (let row = 0; row < table.size; row++) {
        const out = new RowSeries(
          () => model.resource(batch, type, row, options.site),
          table,
          row,
          batch.timestamp,
          stats,
        );
        for (const { column, mappings: targets } of columns) {
          const value = column[row] as number;
          if (Number.isNaN(value)) continue;
          for (const mapping of targets) out.add(mapping, value);
        }
        const usage = table.value(row, MetricId.MemoryUsage);
        const workingSet = table.value(row, MetricId.MemoryWorkingSet);
        for (const mapping of evictable) out.addDifference(mapping, usage, workingSet);
        const faults = table.value(row, MetricId.MemoryPageFaults);
        const major = table.value(row, MetricId.MemoryMajorPageFaults);
        for (const mapping of minor) out.addDifference(mapping, faults, major);
        yield* out.series;
      }
    }
    yield* labeledSeries(batch, model, types, options, stats);
  }
}

/** The series of one metric set, sharing its resource (built on first use). */
class RowSeries {
  readonly series: TimeSeries[] = [];
  private _resource: MonitoredResource | undefined;

  constructor(
    private readonly _resourceOf: () => MonitoredResource,
    private readonly _table: EntityTable,
    private readonly _row: number,
    private readonly _endMs: number,
    private readonly _stats: SeriesStats,
  ) {}

  add(mapping: SeriesMapping, value: number, labels?: Readonly<Record<string, string>>): void {
    this._resource ??= this._resourceOf();
    const series = seriesOf(
      mapping,
      value,
      this._resource,
      this._table,
      this._row,
      this._endMs,
      labels,
    );
    if (series === undefined) this._stats.skippedCumulatives++;
    else if (series !== null) this.series.push(series);
  }

  /** A derived metric: both parts must be present; a negative difference is a scrape race. */
  addDifference(mapping: SeriesMapping, whole: number, part: number): void {
    if (Number.isNaN(whole) || Number.isNaN(part)) return;
    this.add(mapping, Math.max(0, whole - part));
  }
}

function* labeledSeries(
  batch: DataBatch,
  model: Model,
  types: readonly EntityType[],
  options: SeriesOptions,
  stats: SeriesStats,
): Generator<TimeSeries, void, undefined> {
  const labeled = batch.labeled;
  const cache = new Map<number, LabeledMapping | null>();
  for (let i = 0; i < labeled.size; i++) {
    const type = labeled.entityType(i);
    if (!types.includes(type)) continue;
    const key = type * 0x10000 + labeled.metricId(i);
    let mapping = cache.get(key);
    if (mapping === undefined) {
      const name = batch.metrics.byId(labeled.metricId(i))?.name;
      mapping = (name === undefined ? undefined : model.labeled(type).get(name)) ?? null;
      cache.set(key, mapping);
    }
    if (mapping === null) continue;
    const labels = mapping.seriesLabels(batch.labelSets.get(labeled.labelSetId(i)));
    if (labels === undefined) continue;
    const row = labeled.row(i);
    const out = new RowSeries(
      () => model.resource(batch, type, row, options.site),
      batch.table(type),
      row,
      batch.timestamp,
      stats,
    );
    out.add(mapping, labeled.value(i), labels);
    yield* out.series;
  }
}

/** The series of one value; null when the value is not finite, undefined when a cumulative lacks a start. */
function seriesOf(
  mapping: SeriesMapping,
  raw: number,
  resource: MonitoredResource,
  table: EntityTable,
  row: number,
  endMs: number,
  extra?: Readonly<Record<string, string>>,
): TimeSeries | null | undefined {
  const scaled = raw / mapping.divisor;
  if (!Number.isFinite(scaled)) return null;
  const endTime = timestampOf(endMs);
  let startTime: Timestamp | undefined;
  if (mapping.kind === 'CUMULATIVE') {
    const startMs =
      mapping.start === 'create' ? table.createTime(row) : table.collectionStartTime(row);
    if (!(startMs < endMs)) return undefined;
    startTime = timestampOf(startMs);
  }
  const labels: Record<string, string> = { ...mapping.labels, ...extra };
  if (mapping.component === true) labels.component = table.identity(row, 'container');
  return {
    metric: { type: mapping.type, labels },
    resource,
    metricKind: mapping.kind,
    valueType: mapping.valueType,
    points: [
      {
        interval: startTime === undefined ? { endTime } : { startTime, endTime },
        value:
          mapping.valueType === 'INT64'
            ? { int64Value: Math.round(scaled) }
            : { doubleValue: scaled },
      },
    ],
  };
}

/**
 * Epoch milliseconds (possibly fractional) as a protobuf Timestamp, to the microsecond: a double
 * holding epoch milliseconds carries no more than that.
 */
export function timestampOf(ms: number): Timestamp {
  const seconds = Math.floor(ms / 1000);
  const micros = Math.min(999_999, Math.round((ms - seconds * 1000) * 1000));
  return { seconds, nanos: micros * 1000 };
}
