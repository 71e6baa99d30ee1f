import type { HistoricalAggregationRequest } from '@heapster/sink';
import { windowText } from './promql.js';

/** Which bucket field a statistic fills: a named one, or a percentile by its key. */
export type StatisticTarget =
  | { readonly field: 'count' | 'average' | 'maximum' | 'minimum' | 'median' }
  | { readonly field: 'percentile'; readonly key: string };

export interface Statistic {
  readonly target: StatisticTarget;
  /**
   * Whether the expression already combines every series of a group (sum/min/max by group),
   * or answers per series (quantile_over_time cannot be combined across series).
   */
  readonly combined: boolean;
  /** The PromQL for one window over a selector. */
  expression(selector: string, windowMs: number): string;
}

/**
 * The PromQL for each requested statistic. Count, min, max and average combine several series
 * of a group exactly (`sum by`, `min by`, `max by`, Σsum/Σcount); median and percentiles are
 * `quantile_over_time` per series — a group with more than one series gets them from its raw
 * samples instead (see PrometheusHistoricalSource).
 */
export function statistics(
  request: HistoricalAggregationRequest,
  groupLabel: string | undefined,
): Statistic[] {
  const by = groupLabel === undefined ? '' : ` by (${groupLabel})`;
  const over = (fn: string, selector: string, windowMs: number): string =>
    `${fn}(${selector}[${windowText(windowMs)}])`;
  const list: Statistic[] = [];
  for (const name of request.aggregations) {
    if (name === 'count') {
      list.push({
        target: { field: 'count' },
        combined: true,
        expression: (s, w) => `sum${by}(${over('count_over_time', s, w)})`,
      });
    } else if (name === 'average') {
      list.push({
        target: { field: 'average' },
        combined: true,
        expression: (s, w) =>
          `sum${by}(${over('sum_over_time', s, w)}) / sum${by}(${over('count_over_time', s, w)})`,
      });
    } else if (name === 'max' || name === 'min') {
      list.push({
        target: { field: name === 'max' ? 'maximum' : 'minimum' },
        combined: true,
        expression: (s, w) => `${name}${by}(${over(`${name}_over_time`, s, w)})`,
      });
    } else {
      list.push({
        target: { field: 'median' },
        combined: false,
        expression: (s, w) => `quantile_over_time(0.5, ${s}[${windowText(w)}])`,
      });
    }
  }
  for (const p of request.percentiles) {
    list.push({
      target: { field: 'percentile', key: String(p) },
      combined: false,
      expression: (s, w) => `quantile_over_time(${p / 100}, ${s}[${windowText(w)}])`,
    });
  }
  return list;
}
