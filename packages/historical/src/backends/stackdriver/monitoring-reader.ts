import { MetricServiceClient, type protos } from '@google-cloud/monitoring';
import {
  gaxClientOptions,
  grpcCodeOf,
  grpcMessageOf,
  grpcStatusName,
  isTransient,
  type GcpServiceClient,
} from '@heapster/gcp';
import { PermanentError, RetryableError } from '@heapster/runtime';
import { HistoricalQueryError } from '@heapster/sink';
import type { StackdriverSourceConfig } from './stackdriver-config.js';
import type { ReadWindow } from './time-windows.js';

export type ListedSeries = protos.google.monitoring.v3.ITimeSeries;

/** Aligners and reducers by their proto names (the client encodes names as enum values). */
export type Aligner =
  | 'ALIGN_NONE'
  | 'ALIGN_MEAN'
  | 'ALIGN_MAX'
  | 'ALIGN_MIN'
  | 'ALIGN_COUNT'
  | 'ALIGN_RATE'
  | 'ALIGN_PERCENTILE_05'
  | 'ALIGN_PERCENTILE_50'
  | 'ALIGN_PERCENTILE_95'
  | 'ALIGN_PERCENTILE_99';
export type Reducer = 'REDUCE_MEAN' | 'REDUCE_MAX' | 'REDUCE_MIN' | 'REDUCE_SUM';

export interface SeriesAggregation {
  readonly periodSeconds: number;
  readonly aligner: Aligner;
  readonly reducer?: Reducer;
  readonly groupByFields?: readonly string[];
}

/** One logical ListTimeSeries query; the reader pages through it. */
export interface ListQuery {
  readonly filter: string;
  readonly window: ReadWindow;
  readonly aggregation?: SeriesAggregation;
  readonly view: 'FULL' | 'HEADERS';
  /** Points per page (FULL) or series per page (HEADERS); Cloud Monitoring's maximum is 100,000. */
  readonly pageSize: number;
}

export interface ListedPage {
  readonly timeSeries: readonly ListedSeries[];
  readonly nextPageToken: string;
}

/** The one Cloud Monitoring call the historical source makes, behind an interface. */
export interface TimeSeriesLister extends GcpServiceClient {
  listPage(
    project: string,
    query: ListQuery,
    pageToken: string,
    options: { readonly timeoutMs: number; readonly signal: AbortSignal },
  ): Promise<ListedPage>;
}

function timestamp(ms: number): { seconds: number; nanos: number } {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: Math.round((ms - seconds * 1000) * 1e6) };
}

/** The request as the generated client takes it. */
export function listRequest(
  project: string,
  query: ListQuery,
  pageToken: string,
): protos.google.monitoring.v3.IListTimeSeriesRequest {
  const aggregation = query.aggregation;
  return {
    name: `projects/${project}`,
    filter: query.filter,
    interval: {
      startTime: timestamp(query.window.startMs),
      endTime: timestamp(query.window.endMs),
    },
    ...(aggregation === undefined
      ? {}
      : {
          aggregation: {
            alignmentPeriod: { seconds: aggregation.periodSeconds },
            // The generated client accepts enum names; its types only list the numbers.
            perSeriesAligner: aggregation.aligner as unknown as number,
            ...(aggregation.reducer === undefined
              ? {}
              : {
                  crossSeriesReducer: aggregation.reducer as unknown as number,
                  groupByFields: [...(aggregation.groupByFields ?? [])],
                }),
          },
        }),
    view: query.view as unknown as number,
    pageSize: query.pageSize,
    ...(pageToken === '' ? {} : { pageToken }),
  };
}

/**
 * The gRPC client (Application Default Credentials, or a plain-text channel to a local fake
 * with `endpoint` + `insecure`). One page per call, each with its own deadline and no retries
 * of the client's own: a failure reaches the API as 503/502 at once.
 */
export function grpcTimeSeriesLister(config: StackdriverSourceConfig): TimeSeriesLister {
  const client = new MetricServiceClient(gaxClientOptions(config));
  return {
    async listPage(project, query, pageToken, { timeoutMs, signal }) {
      signal.throwIfAborted();
      const call = client.listTimeSeries(listRequest(project, query, pageToken), {
        autoPaginate: false,
        timeout: timeoutMs,
        retry: null,
      });
      const cancel = (): void => (call as { cancel?: () => void }).cancel?.();
      signal.addEventListener('abort', cancel, { once: true });
      try {
        const [timeSeries, , response] = await call;
        return { timeSeries, nextPageToken: response?.nextPageToken ?? '' };
      } catch (error) {
        throw signal.aborted ? signal.reason : listError(error);
      } finally {
        signal.removeEventListener('abort', cancel);
      }
    },
    adcProject: () => client.getProjectId(),
    close: () => client.close(),
  };
}

/** Unavailable, deadline, quota and internal errors are retryable (503); the rest 502. */
function listError(error: unknown): Error {
  const code = grpcCodeOf(error);
  const message = `Cloud Monitoring ListTimeSeries: ${grpcStatusName(code)}: ${grpcMessageOf(error)}`;
  return isTransient(code)
    ? new RetryableError(message, { cause: error })
    : new PermanentError(message, { cause: error });
}

/**
 * Every page of one query, at most `maxPages` of them: past that the query is refused as a
 * 400 on `start` (a shorter range or a wider bucket reads less) instead of reading without end.
 */
export async function readAllPages(
  lister: TimeSeriesLister,
  project: string,
  query: ListQuery,
  options: { readonly timeoutMs: number; readonly maxPages: number; readonly signal: AbortSignal },
): Promise<ListedSeries[]> {
  const series: ListedSeries[] = [];
  let token = '';
  for (let page = 0; page < options.maxPages; page++) {
    const answer = await lister.listPage(project, query, token, options);
    series.push(...answer.timeSeries);
    token = answer.nextPageToken;
    if (token === '') return series;
  }
  throw new HistoricalQueryError(
    'start',
    `Cloud Monitoring's answer is longer than ${options.maxPages} pages (max_pages); ask for a ` +
      'shorter range, a wider bucket or fewer pods',
  );
}
