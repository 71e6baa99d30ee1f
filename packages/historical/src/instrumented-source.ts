import { Counter, Histogram, type Registry } from 'prom-client';
import { HistoricalQueryError } from '@heapster/sink';
import type {
  HistoricalAggregationRequest,
  HistoricalAggregationResult,
  HistoricalEntityField,
  HistoricalMetricQuery,
  HistoricalPointsOptions,
  HistoricalPointsResult,
  HistoricalQueryOptions,
  HistoricalSelector,
  HistoricalSource,
  HistoricalTimeRange,
} from '@heapster/sink';

const QUERIES = 'heapster_historical_queries_total';
const DURATION = 'heapster_historical_query_duration_seconds';

/** Metric objects are per registry: a second source on the same registry shares them. */
function metricsOf(registry: Registry): { queries: Counter; duration: Histogram } {
  const queries =
    (registry.getSingleMetric(QUERIES) as Counter | undefined) ??
    new Counter({
      name: QUERIES,
      help: 'Historical queries sent to the backend, by backend, operation and outcome (ok, bad_request, error).',
      labelNames: ['backend', 'operation', 'outcome'],
      registers: [registry],
    });
  const duration =
    (registry.getSingleMetric(DURATION) as Histogram | undefined) ??
    new Histogram({
      name: DURATION,
      help: 'Latency of historical queries to the backend, by backend and operation.',
      labelNames: ['backend', 'operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    });
  return { queries, duration };
}

/** A HistoricalSource that counts and times every call to the one it wraps. */
export class InstrumentedHistoricalSource implements HistoricalSource {
  readonly name: string;
  readonly backend: string;
  readonly percentileDefinition: string;
  readonly percentilesAreSamples: boolean;
  private readonly _inner: HistoricalSource;
  private readonly _queries: Counter;
  private readonly _duration: Histogram;

  constructor(inner: HistoricalSource, registry: Registry) {
    this._inner = inner;
    this.name = inner.name;
    this.backend = inner.backend;
    this.percentileDefinition = inner.percentileDefinition;
    this.percentilesAreSamples = inner.percentilesAreSamples;
    const { queries, duration } = metricsOf(registry);
    this._queries = queries;
    this._duration = duration;
  }

  ping(options: HistoricalQueryOptions): Promise<void> {
    return this._measure('ping', () => this._inner.ping(options));
  }

  metricNames(
    selector: HistoricalSelector,
    range: HistoricalTimeRange,
    options: HistoricalQueryOptions,
  ) {
    return this._measure('metric_names', () => this._inner.metricNames(selector, range, options));
  }

  entities(
    field: HistoricalEntityField,
    selector: HistoricalSelector,
    range: HistoricalTimeRange,
    options: HistoricalQueryOptions,
  ) {
    return this._measure('entities', () => this._inner.entities(field, selector, range, options));
  }

  points(
    query: HistoricalMetricQuery,
    range: HistoricalTimeRange,
    options: HistoricalPointsOptions,
  ): Promise<HistoricalPointsResult[]> {
    return this._measure('points', () => this._inner.points(query, range, options));
  }

  aggregate(
    query: HistoricalMetricQuery,
    range: HistoricalTimeRange,
    request: HistoricalAggregationRequest,
    options: HistoricalQueryOptions,
  ): Promise<HistoricalAggregationResult[]> {
    return this._measure('aggregate', () => this._inner.aggregate(query, range, request, options));
  }

  close(): Promise<void> {
    return this._inner.close();
  }

  private async _measure<T>(operation: string, job: () => Promise<T>): Promise<T> {
    const labels = { backend: this.backend, operation };
    const stop = this._duration.startTimer(labels);
    try {
      const result = await job();
      this._queries.inc({ ...labels, outcome: 'ok' });
      return result;
    } catch (error) {
      const outcome = error instanceof HistoricalQueryError ? 'bad_request' : 'error';
      this._queries.inc({ ...labels, outcome });
      throw error;
    } finally {
      stop();
    }
  }
}
