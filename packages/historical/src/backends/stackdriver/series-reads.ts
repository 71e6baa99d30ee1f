import {
  HistoricalQueryError,
  type HistoricalAggregationRequest,
  type HistoricalPoint,
  type HistoricalTimeRange,
} from '@heapster/sink';
import { runLimited } from '../run-limited.js';
import type { AlignerStep } from './aligner-plan.js';
import { chunkedFilters } from './monitoring-filter.js';
import type { ListedSeries, ListQuery, SeriesAggregation } from './monitoring-reader.js';
import type { ReadScope } from './read-scope.js';
import { pointsOf, seriesIdentity, seriesLabel } from './series-values.js';
import { perBucketWindows, periodWindow, rawWindow } from './time-windows.js';

/** Calls of one request in flight at once (a pod list is read in chunks of 100 pods). */
const CONCURRENCY = 4;
/** Cloud Monitoring's largest page: points (FULL) or series (HEADERS). */
export const PAGE_SIZE = 100_000;

/** How a source reads: every page of one query, under the request's project and signal. */
export type ReadAll = (query: ListQuery) => Promise<ListedSeries[]>;

export type MutableBucket = {
  timestamp: number;
  count?: number;
  average?: number;
  maximum?: number;
  minimum?: number;
  median?: number;
  percentiles?: Record<string, number>;
};

type Groups<T> = Map<string | undefined, T>;

function groupOf(scope: ReadScope, series: ListedSeries): string | undefined | null {
  if (scope.groupField === undefined) return undefined;
  return seriesLabel(series, scope.groupField) ?? null;
}

/**
 * Statistics per bucket computed by Cloud Monitoring: one aligned call per aligner and window
 * (and pod chunk), alignment period = bucket. A result that gets several series from an
 * aligner without a reducer (two clusters in one project, label sets) is refused: their
 * values cannot be combined exactly here.
 */
export async function readPerBucket(
  read: ReadAll,
  scope: ReadScope,
  steps: readonly AlignerStep[],
  request: HistoricalAggregationRequest,
  range: HistoricalTimeRange,
): Promise<Groups<Map<number, MutableBucket>>> {
  const found: Groups<Map<number, MutableBucket>> = new Map();
  const jobs: (() => Promise<void>)[] = [];
  const groupBy = scope.groupField === undefined ? [] : [scope.groupField];
  for (const step of steps) {
    for (const window of perBucketWindows(request.bucketMs, range)) {
      for (const filter of chunkedFilters(scope.clauses)) {
        const aggregation: SeriesAggregation = {
          periodSeconds: window.periodSeconds,
          aligner: step.aligner,
          ...(step.reducer === undefined ? {} : { reducer: step.reducer, groupByFields: groupBy }),
        };
        jobs.push(async () => {
          const series = await read({
            filter,
            window,
            aggregation,
            view: 'FULL',
            pageSize: PAGE_SIZE,
          });
          const seen: Groups<string> = new Map();
          for (const one of series) {
            const group = groupOf(scope, one);
            if (group === null) continue;
            const identity = seriesIdentity(one);
            if ((seen.get(group) ?? identity) !== identity) throw severalSeries(step.aligner);
            seen.set(group, identity);
            for (const point of pointsOf(one)) {
              const value = step.scaled ? point.value * scope.recipe.factor : point.value;
              fill(found, group, window.bucketOf(point.endMs), step, value);
            }
          }
        });
      }
    }
  }
  await runLimited(jobs, CONCURRENCY);
  return found;
}

function fill(
  found: Groups<Map<number, MutableBucket>>,
  group: string | undefined,
  timestamp: number,
  step: AlignerStep,
  value: number,
): void {
  let buckets = found.get(group);
  if (buckets === undefined) {
    buckets = new Map();
    found.set(group, buckets);
  }
  let bucket = buckets.get(timestamp);
  if (bucket === undefined) {
    bucket = { timestamp };
    buckets.set(timestamp, bucket);
  }
  for (const target of step.targets) {
    if (target.field === 'percentile') {
      bucket.percentiles = { ...bucket.percentiles, [target.key]: value };
    } else {
      bucket[target.field] = value;
    }
  }
}

function severalSeries(aligner: string): HistoricalQueryError {
  return new HistoricalQueryError(
    'labels',
    `several series answer one result for ${aligner} (more than one cluster or label set): ` +
      'set cluster_name on the source or choose a series with labels=<key>:<value>',
  );
}

/**
 * The samples of each result, in time order. Summed metrics and rates come aligned every
 * `periodMs` (ALIGN_MEAN or ALIGN_RATE, REDUCE_SUM grouped by the list's label for sums), one
 * sample per period stamped with the period's start; stored series as they were written
 * (ALIGN_NONE). Several series of one result are pooled.
 */
export async function readSamples(
  read: ReadAll,
  scope: ReadScope,
  range: HistoricalTimeRange,
  periodMs: number,
): Promise<Groups<HistoricalPoint[]>> {
  const { recipe } = scope;
  const aligned = recipe.summed || recipe.read === 'rate';
  const period = aligned ? periodWindow(periodMs, range) : undefined;
  const samples: Groups<HistoricalPoint[]> = new Map();
  if (aligned && period === undefined) return samples;
  const aggregation: SeriesAggregation | undefined = aligned
    ? {
        periodSeconds: periodMs / 1000,
        aligner: recipe.read === 'rate' ? 'ALIGN_RATE' : 'ALIGN_MEAN',
        ...(recipe.summed
          ? {
              reducer: 'REDUCE_SUM' as const,
              groupByFields: scope.groupField === undefined ? [] : [scope.groupField],
            }
          : {}),
      }
    : undefined;
  const window = period ?? rawWindow(range);
  const jobs = chunkedFilters(scope.clauses).map(filter => async () => {
    const series = await read({
      filter,
      window,
      ...(aggregation === undefined ? {} : { aggregation }),
      view: 'FULL',
      pageSize: PAGE_SIZE,
    });
    for (const one of series) {
      const group = groupOf(scope, one);
      if (group === null) continue;
      const list = samples.get(group) ?? [];
      for (const point of pointsOf(one)) {
        const timestamp = period === undefined ? point.endMs : period.periodStartOf(point.endMs);
        if (timestamp < range.start || timestamp > range.end) continue;
        list.push({ timestamp, value: point.value * recipe.factor });
      }
      samples.set(group, list);
    }
  });
  await runLimited(jobs, CONCURRENCY);
  for (const list of samples.values()) list.sort((a, b) => a.timestamp - b.timestamp);
  return samples;
}
