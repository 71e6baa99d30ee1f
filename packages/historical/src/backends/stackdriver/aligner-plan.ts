import { HistoricalQueryError, type HistoricalAggregationRequest } from '@heapster/sink';
import type { Aligner, Reducer } from './monitoring-reader.js';

/** The percentiles Cloud Monitoring has aligners (and reducers) for. */
export const SUPPORTED_PERCENTILES: readonly number[] = [5, 50, 95, 99];

const PERCENTILE_ALIGNERS: ReadonlyMap<number, Aligner> = new Map([
  [5, 'ALIGN_PERCENTILE_05'],
  [50, 'ALIGN_PERCENTILE_50'],
  [95, 'ALIGN_PERCENTILE_95'],
  [99, 'ALIGN_PERCENTILE_99'],
]);

/** A bucket field one aligned value fills. */
export type BucketTarget =
  | { readonly field: 'count' | 'average' | 'maximum' | 'minimum' | 'median' }
  | { readonly field: 'percentile'; readonly key: string };

/** One ListTimeSeries aligner and the bucket fields its points fill. */
export interface AlignerStep {
  readonly aligner: Aligner;
  /** Combines several series of one result (label sets read together); none for percentiles. */
  readonly reducer: Reducer | undefined;
  readonly targets: readonly BucketTarget[];
  /** Whether values are in the metric's unit (× the recipe's factor); counts are not. */
  readonly scaled: boolean;
}

/**
 * Refuses, as a 400 on `aggregations` naming it, a percentile Cloud Monitoring has no aligner
 * for: only 5, 50, 95 and 99 are answered (any NN-perc works on the other backends).
 */
export function checkPercentiles(request: HistoricalAggregationRequest): void {
  const unsupported = request.percentiles.filter(p => !SUPPORTED_PERCENTILES.includes(p));
  if (unsupported.length > 0) {
    throw new HistoricalQueryError(
      'aggregations',
      `${unsupported.map(p => `${p}-perc`).join(', ')}: Cloud Monitoring has percentile ` +
        'aligners for 5-perc, 50-perc, 95-perc and 99-perc only',
    );
  }
}

/**
 * The aligner of each requested statistic, with alignment period = bucket: average →
 * ALIGN_MEAN, max → ALIGN_MAX, min → ALIGN_MIN, count → ALIGN_COUNT, median and 50-perc →
 * ALIGN_PERCENTILE_50 (one call fills both), NN-perc → ALIGN_PERCENTILE_NN. When a result may
 * hold several series (`pooled`), a reducer combines them per bucket (REDUCE_MEAN, _MAX, _MIN,
 * count by REDUCE_SUM); percentiles of several series cannot be combined that way, so they are
 * refused as a 400 on `labels` (one label set is one series).
 */
export function alignerPlan(request: HistoricalAggregationRequest, pooled: boolean): AlignerStep[] {
  const steps = new Map<Aligner, AlignerStep>();
  const add = (aligner: Aligner, reducer: Reducer | undefined, target: BucketTarget): void => {
    const step = steps.get(aligner);
    steps.set(aligner, {
      aligner,
      reducer,
      targets: [...(step?.targets ?? []), target],
      scaled: aligner !== 'ALIGN_COUNT',
    });
  };
  const quantile = (aligner: Aligner, target: BucketTarget, name: string): void => {
    if (pooled) {
      throw new HistoricalQueryError(
        'labels',
        `${name} of several series (label sets) cannot be computed by Cloud Monitoring; ` +
          'choose one with labels=<key>:<value>',
      );
    }
    add(aligner, undefined, target);
  };
  const reduce = (reducer: Reducer): Reducer | undefined => (pooled ? reducer : undefined);
  for (const name of request.aggregations) {
    if (name === 'average') add('ALIGN_MEAN', reduce('REDUCE_MEAN'), { field: 'average' });
    else if (name === 'max') add('ALIGN_MAX', reduce('REDUCE_MAX'), { field: 'maximum' });
    else if (name === 'min') add('ALIGN_MIN', reduce('REDUCE_MIN'), { field: 'minimum' });
    else if (name === 'count') add('ALIGN_COUNT', reduce('REDUCE_SUM'), { field: 'count' });
    else quantile('ALIGN_PERCENTILE_50', { field: 'median' }, 'median');
  }
  for (const p of request.percentiles) {
    const aligner = PERCENTILE_ALIGNERS.get(p);
    if (aligner !== undefined) {
      quantile(aligner, { field: 'percentile', key: String(p) }, `${p}-perc`);
    }
  }
  return [...steps.values()];
}
