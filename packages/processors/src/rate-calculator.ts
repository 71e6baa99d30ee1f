import { ENTITY_TYPES, type DataBatch, type EntityType, type StringTable } from '@heapster/model';
import type { DataProcessor } from './data-processor.js';
import { LabeledRateState } from './labeled-rates.js';
import { MAX_CPU_RATE_MILLICORES, MAX_RATE_PER_SECOND, resolveRateRules } from './rate-rules.js';
import { emptyRateStats, type RateStats } from './rate-stats.js';
import { SeriesState } from './series-state.js';
import { computeTableRates, dropBadProvisional } from './table-rates.js';

export interface RateCalculatorOptions {
  /**
   * Batches a series may be missing (a slow kubelet, a partial scrape) before its state is
   * forgotten. With the default 1, one missed scrape does not cost the next batch its rate: it
   * is computed over the real, longer window (see `windowOf`).
   */
  readonly retainMissingBatches?: number;
  readonly maxCpuRateMillicores?: number;
  readonly maxRatePerSecond?: number;
}

/**
 * Heapster's rate calculator (§4.2 item 1), without its failure modes: writes each `*_rate`
 * twin of a cumulative metric from two samples of the same series with the same collection
 * start time and a later scrape time. A restart, a counter that went down, an earlier or equal
 * scrape time, or an absurd value yields no rate for that point — never a negative one. Rates
 * keep float precision (cpu/usage_rate in millicores, others per second).
 *
 * Where no rate can be computed, a provisional value the source wrote (the kubelet's
 * instantaneous usageNanoCores as cpu/usage_rate) is kept, so a new pod has usage after its
 * first scrape; a computed rate replaces it.
 *
 * State is per series and compact (SeriesState), not the previous batch.
 */
export class RateCalculator implements DataProcessor {
  readonly name = 'rate_calculator';
  private readonly _states: readonly SeriesState[] = ENTITY_TYPES.map(() => new SeriesState());
  private readonly _labeled = new LabeledRateState();
  private readonly _retain: number;
  private readonly _bounds: { maxCpuRateMillicores: number; maxRatePerSecond: number };
  private _generation = 0;
  private _windows: (Float64Array | undefined)[] = [];
  private _lastBatch: DataBatch | undefined;
  private _strings: StringTable | undefined;
  private _stats: RateStats = emptyRateStats();

  constructor(options: RateCalculatorOptions = {}) {
    this._retain = options.retainMissingBatches ?? 1;
    if (!Number.isInteger(this._retain) || this._retain < 0) {
      throw new RangeError(`retainMissingBatches ${this._retain} must be a non-negative integer`);
    }
    this._bounds = {
      maxCpuRateMillicores: positive(
        'maxCpuRateMillicores',
        options.maxCpuRateMillicores ?? MAX_CPU_RATE_MILLICORES,
      ),
      maxRatePerSecond: positive(
        'maxRatePerSecond',
        options.maxRatePerSecond ?? MAX_RATE_PER_SECOND,
      ),
    };
  }

  process(batch: DataBatch): void {
    const generation = ++this._generation;
    const rules = resolveRateRules(batch.metrics, this._bounds);
    const stats = emptyRateStats();
    if (this._strings !== undefined && this._strings !== batch.strings) {
      // A new string table: remembered series move to its ids (see SeriesState.rekey).
      for (const state of this._states)
        stats.forgotten += state.rekey(this._strings, batch.strings);
    }
    this._strings = batch.strings;
    const columnRules = rules.filter(rule => !rule.labeled);
    this._windows = batch.tables().map(table => {
      const state = this._states[table.type] as SeriesState;
      const windows = computeTableRates(table, state, columnRules, generation, stats);
      dropBadProvisional(table, columnRules, stats);
      return windows;
    });
    this._labeled.process(
      batch,
      rules.filter(rule => rule.labeled),
      generation,
      stats,
    );
    for (const state of this._states) stats.forgotten += state.sweep(generation, this._retain);
    stats.forgotten += this._labeled.sweep(generation, this._retain);
    this._lastBatch = batch;
    this._stats = stats;
  }

  /**
   * The window, in ms, over which the rates of a row of the last processed batch were computed
   * (Δ scrape time), or NaN when that row got no computed rate (its cpu/usage_rate, if any, is
   * then the source's provisional value). Pass the batch to guard against asking about an
   * older one: the answer is then NaN. Rates of labeled values (disk io) have no window here.
   */
  windowOf(type: EntityType, row: number, batch?: DataBatch): number {
    if (batch !== undefined && batch !== this._lastBatch) return Number.NaN;
    return this._windows[type]?.[row] ?? Number.NaN;
  }

  /** What happened to the rates of the last batch. */
  get stats(): Readonly<RateStats> {
    return this._stats;
  }

  /** Series remembered across all entity types (labeled ones included). */
  get seriesCount(): number {
    return this._states.reduce((sum, state) => sum + state.size, this._labeled.size);
  }

  /** Bytes of the typed state columns (the Maps not included). */
  stateByteSize(): number {
    return this._states.reduce((sum, state) => sum + state.byteSize(), 0);
  }
}

function positive(field: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${field} ${value} must be a positive finite number`);
  }
  return value;
}
