import type { DataBatch, EntityType, LabelPair } from '@heapster/model';
import { rateOf, sameStart, type RateRule } from './rate-rules.js';
import type { RateStats } from './rate-stats.js';
import { seriesKey } from './series-key.js';

interface LabeledSample {
  startTime: number;
  scrapeTime: number;
  value: number;
  seen: number;
}

/**
 * Rates of labeled counters (disk/io_read_bytes and disk/io_write_bytes per `resource_id`),
 * matched across batches by entity, metric and label set as Heapster did. Only the legacy
 * cAdvisor source reports these, a handful per node, so one small object per series is fine
 * here where the column state would be overkill.
 */
export class LabeledRateState {
  private readonly _series = new Map<string, LabeledSample>();

  get size(): number {
    return this._series.size;
  }

  process(
    batch: DataBatch,
    rules: readonly RateRule[],
    generation: number,
    stats: RateStats,
  ): void {
    const labeled = batch.labeled;
    if (rules.length === 0 || labeled.size === 0) return;
    const byCounter = new Map(rules.map(rule => [rule.cumulativeId, rule]));
    // Rates are appended as we go; only the values present at the start are counters.
    const count = labeled.size;
    for (let index = 0; index < count; index++) {
      const rule = byCounter.get(labeled.metricId(index));
      if (rule === undefined) continue;
      const type = labeled.entityType(index);
      const row = labeled.row(index);
      const table = batch.table(type);
      const scrapeTime = table.scrapeTime(row);
      if (Number.isNaN(scrapeTime)) continue;
      const startTime = table.collectionStartTime(row);
      const labelSetId = labeled.labelSetId(index);
      const value = labeled.value(index);
      const key = labeledKey(
        type,
        seriesKey(table, row),
        rule.cumulativeId,
        batch.labelSets.get(labelSetId),
      );
      const previous = this._series.get(key);
      if (previous === undefined) {
        this._series.set(key, { startTime, scrapeTime, value, seen: generation });
        stats.firstSeen++;
        continue;
      }
      previous.seen = generation;
      if (!sameStart(startTime, previous.startTime)) {
        stats.restarted++;
      } else {
        const window = scrapeTime - previous.scrapeTime;
        if (!(window > 0)) {
          stats.notLater++;
          continue;
        }
        const delta = value - previous.value;
        const rate = delta < 0 ? Number.NaN : rateOf(rule, delta, window);
        if (delta < 0) stats.counterResets++;
        else if (Number.isNaN(rate)) stats.absurd++;
        else {
          labeled.add(type, row, rule.rateId, labelSetId, rate);
          stats.computed++;
        }
      }
      previous.startTime = startTime;
      previous.scrapeTime = scrapeTime;
      previous.value = value;
    }
  }

  /** Forgets series not seen since batch `generation - retain`; returns how many. */
  sweep(generation: number, retain: number): number {
    let dropped = 0;
    for (const [key, sample] of this._series) {
      if (generation - sample.seen > retain) {
        this._series.delete(key);
        dropped++;
      }
    }
    return dropped;
  }
}

function labeledKey(
  type: EntityType,
  entity: string,
  metricId: number,
  pairs: readonly LabelPair[],
): string {
  let key = `${type}|${entity}|${metricId}`;
  for (const pair of pairs) key += `|${pair.key}=${pair.value}`;
  return key;
}
