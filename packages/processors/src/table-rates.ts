import type { EntityTable } from '@heapster/model';
import { rateOf, sameStart, type RateRule } from './rate-rules.js';
import type { RateStats } from './rate-stats.js';
import { seriesParts } from './series-key.js';
import type { SeriesState } from './series-state.js';

/**
 * The rates of one entity table against its remembered state, then the state updated to this
 * batch. Returns the window (ms) of each row's computed rates, NaN where none was computed, or
 * undefined when the table has no counters at all. Two passes: first every row finds (or gets)
 * its slot, so that the state's columns stop growing; then rates are computed over raw typed
 * columns without a lookup per value.
 */
export function computeTableRates(
  table: EntityTable,
  state: SeriesState,
  rules: readonly RateRule[],
  generation: number,
  stats: RateStats,
): Float64Array | undefined {
  const remembered = state.metricIds();
  // A rule matters when the batch has its counter, or the state still holds one to forget.
  const active = rules.filter(
    rule => table.column(rule.cumulativeId) !== undefined || remembered.includes(rule.cumulativeId),
  );
  if (table.size === 0 || active.length === 0) return undefined;
  const slots = findSlots(table, state, stats);

  const starts = state.startTimes;
  const scrapes = state.scrapeTimes;
  const seen = state.seen;
  const counters = active.map(rule => table.column(rule.cumulativeId));
  const previous = active.map(rule => state.values(rule.cumulativeId));
  const rates = active.map(rule => table.column(rule.rateId));
  const windows = new Float64Array(table.size).fill(Number.NaN);
  for (let row = 0; row < table.size; row++) {
    const slot = slots[row] as number;
    if (slot < 0) continue;
    seen[slot] = generation;
    const start = table.collectionStartTime(row);
    const scrape = table.scrapeTime(row);
    const lastScrape = scrapes[slot] as number;
    if (Number.isNaN(lastScrape)) {
      // First sample of the series: stats counted in findSlots.
    } else if (!sameStart(start, starts[slot] as number)) {
      stats.restarted++;
    } else {
      const window = scrape - lastScrape;
      if (!(window > 0)) {
        // Keep the older sample, so the next rate spans the real window.
        stats.notLater++;
        continue;
      }
      let computed = false;
      for (let i = 0; i < active.length; i++) {
        const value = counters[i]?.[row] ?? Number.NaN;
        const before = (previous[i] as Float64Array)[slot] as number;
        if (Number.isNaN(value) || Number.isNaN(before)) continue;
        const delta = value - before;
        if (delta < 0) {
          stats.counterResets++;
          continue;
        }
        const rule = active[i] as RateRule;
        const rate = rateOf(rule, delta, window);
        if (Number.isNaN(rate)) {
          stats.absurd++;
          continue;
        }
        const column = rates[i];
        if (column === undefined) {
          table.setValue(row, rule.rateId, rate);
          rates[i] = table.column(rule.rateId);
        } else column[row] = rate;
        stats.computed++;
        computed = true;
      }
      if (computed) windows[row] = window;
    }
    starts[slot] = start;
    scrapes[slot] = scrape;
    for (let i = 0; i < active.length; i++)
      (previous[i] as Float64Array)[slot] = counters[i]?.[row] ?? Number.NaN;
  }
  return windows;
}

/** Each row's slot (-1 for a row without a scrape time, which cannot be rated). */
function findSlots(table: EntityTable, state: SeriesState, stats: RateStats): Int32Array {
  const [first, second, third] = seriesParts(table.type);
  const slots = new Int32Array(table.size);
  for (let row = 0; row < table.size; row++) {
    if (Number.isNaN(table.scrapeTime(row))) {
      slots[row] = -1;
      continue;
    }
    const a = first === undefined ? 0 : table.identityId(row, first);
    const b = second === undefined ? 0 : table.identityId(row, second);
    const c = third === undefined ? 0 : table.identityId(row, third);
    let slot = state.find(a, b, c);
    if (slot < 0) {
      slot = state.add(a, b, c);
      stats.firstSeen++;
    }
    slots[row] = slot;
  }
  return slots;
}

/** A provisional rate from the source is published as is, so it gets the same guard. */
export function dropBadProvisional(
  table: EntityTable,
  rules: readonly RateRule[],
  stats: RateStats,
): void {
  for (const rule of rules) {
    const column = table.column(rule.rateId);
    if (column === undefined) continue;
    for (let row = 0; row < table.size; row++) {
      const value = column[row] as number;
      if (!Number.isNaN(value) && !(value >= 0 && value <= rule.max)) {
        column[row] = Number.NaN;
        stats.provisionalDropped++;
      }
    }
  }
}
