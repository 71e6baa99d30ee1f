import {
  HistoricalQueryError,
  type HistoricalAggregationRequest,
  type HistoricalAggregationResult,
  type HistoricalEntityField,
  type HistoricalMetricQuery,
  type HistoricalPointsOptions,
  type HistoricalPointsResult,
  type HistoricalQueryOptions,
  type HistoricalSelector,
  type HistoricalSource,
  type HistoricalTimeRange,
} from '@heapster/sink';
import {
  classifyDuckDbError,
  QueryError,
  type OpenHistory,
  type PercentileMethod,
} from '@heapster/store-duckdb';

const DEFINITIONS: Readonly<Record<PercentileMethod, string>> = {
  linear:
    'DuckDB quantile_cont (exact, linear interpolation): with the n samples sorted, rank h = (n − 1)·p/100 and the value x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) (Hyndman & Fan type 7, as PromQL); median = the 0.5-quantile',
  nearest_rank:
    'DuckDB quantile_disc (exact, nearest rank): the ⌈n·p/100⌉-th smallest of the n samples, always a stored sample; median = mean of the two middle samples for even n',
};

/**
 * The embedded store's historical reader (store-duckdb's query layer) as a HistoricalSource:
 * exact statistics over every stored sample, with the percentile definition chosen by the
 * `percentile` option of the source URI.
 */
export class DuckDbHistoricalSource implements HistoricalSource {
  readonly name: string;
  readonly backend = 'duckdb';
  readonly percentileDefinition: string;
  readonly percentilesAreSamples: boolean;
  private readonly _open: OpenHistory;
  private readonly _method: PercentileMethod;
  private _closed: Promise<void> | undefined;

  constructor(open: OpenHistory, method: PercentileMethod) {
    this._open = open;
    this._method = method;
    this.name = open.history.name;
    this.percentileDefinition = DEFINITIONS[method];
    this.percentilesAreSamples = method === 'nearest_rank';
  }

  ping(options: HistoricalQueryOptions): Promise<void> {
    return this._run(options, () => this._open.history.ping(options));
  }

  metricNames(
    selector: HistoricalSelector,
    range: HistoricalTimeRange,
    options: HistoricalQueryOptions,
  ): Promise<string[]> {
    return this._run(options, () => this._open.history.metricNames(selector, range, options));
  }

  entities(
    field: HistoricalEntityField,
    selector: HistoricalSelector,
    range: HistoricalTimeRange,
    options: HistoricalQueryOptions,
  ): Promise<string[]> {
    return this._run(options, () => this._open.history.entities(field, selector, range, options));
  }

  async points(
    query: HistoricalMetricQuery,
    range: HistoricalTimeRange,
    options: HistoricalPointsOptions,
  ): Promise<HistoricalPointsResult[]> {
    const results = await this._run(options, () =>
      this._open.history.points(query, range, { signal: options.signal }),
    );
    for (const result of results) {
      if (result.points.length > options.maxPoints) {
        throw new HistoricalQueryError(
          'start',
          `the range holds more than ${options.maxPoints} points; ask for a shorter one`,
        );
      }
    }
    return results;
  }

  aggregate(
    query: HistoricalMetricQuery,
    range: HistoricalTimeRange,
    request: HistoricalAggregationRequest,
    options: HistoricalQueryOptions,
  ): Promise<HistoricalAggregationResult[]> {
    return this._run(options, () =>
      this._open.history.aggregate(
        query,
        range,
        { ...request, percentileMethod: this._method },
        { signal: options.signal },
      ),
    );
  }

  close(): Promise<void> {
    this._closed ??= this._open.close();
    return this._closed;
  }

  /** Store errors as the API expects them: bad requests name a parameter, the rest classified. */
  private async _run<T>(options: HistoricalQueryOptions, job: () => Promise<T>): Promise<T> {
    try {
      return await job();
    } catch (error) {
      if (options.signal.aborted && options.signal.reason instanceof Error)
        throw options.signal.reason;
      if (error instanceof QueryError) {
        const prefix = `${error.parameter}: `;
        const message = error.message.startsWith(prefix)
          ? error.message.slice(prefix.length)
          : error.message;
        throw new HistoricalQueryError(error.parameter, message);
      }
      throw classifyDuckDbError(sameRealm(error), 'duckdb query');
    }
  }
}

/**
 * The native binding's errors can come from another realm (jest's VM modules), where
 * `instanceof Error` fails and the classifier would read "Error: IO Error: …" as permanent.
 */
function sameRealm(error: unknown): unknown {
  if (error instanceof Error || typeof error !== 'object' || error === null) return error;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' ? new Error(message, { cause: error }) : error;
}
