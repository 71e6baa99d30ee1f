import { HistoricalQueryError, type HistoricalAggregation } from '@heapster/sink';

export interface AggregationSpec {
  readonly aggregations: readonly HistoricalAggregation[];
  /** Percentiles in (0, 100], in request order, without duplicates. */
  readonly percentiles: readonly number[];
}

const NAMED: ReadonlySet<string> = new Set(['average', 'max', 'min', 'median', 'count']);
const PERCENTILE = /^(\d{1,3}(?:\.\d{1,3})?)-perc$/;

/**
 * `average,max,95-perc,99.9-perc`: Heapster's names (average, max, min, median, count, 50-perc,
 * 95-perc, 99-perc) plus any `NN-perc` / `NN.N-perc` with 0 < NN ≤ 100.
 */
export function parseAggregations(text: string, maxItems: number): AggregationSpec {
  const items = text
    .split(',')
    .map(item => item.trim())
    .filter(item => item !== '');
  if (items.length === 0) {
    throw new HistoricalQueryError('aggregations', 'no aggregation given (e.g. average,95-perc)');
  }
  if (items.length > maxItems) {
    throw new HistoricalQueryError(
      'aggregations',
      `${items.length} given, at most ${maxItems} allowed`,
    );
  }
  const aggregations: HistoricalAggregation[] = [];
  const percentiles: number[] = [];
  for (const item of items) {
    if (NAMED.has(item)) {
      if (!aggregations.includes(item as HistoricalAggregation)) {
        aggregations.push(item as HistoricalAggregation);
      }
      continue;
    }
    const match = PERCENTILE.exec(item);
    const p = match === null ? Number.NaN : Number(match[1]);
    if (!(p > 0 && p <= 100)) {
      throw new HistoricalQueryError(
        'aggregations',
        `unknown aggregation "${item}" (known: average, max, min, median, count, NN-perc with 0 < NN <= 100)`,
      );
    }
    if (!percentiles.includes(p)) percentiles.push(p);
  }
  return { aggregations, percentiles };
}
