import { GrpcCode, type RetriedRequest } from '@heapster/gcp';
import type { TimeSeries } from './time-series.js';

/** The one call the sink makes; the production one wraps MetricServiceClient (monitoring-client.ts). */
export interface TimeSeriesClient {
  createTimeSeries(
    request: { readonly name: string; readonly timeSeries: readonly TimeSeries[] },
    timeoutMs: number,
  ): Promise<void>;
}

/**
 * One CreateTimeSeries request for the shared sender, sent again after Unavailable or
 * DeadlineExceeded (Heapster's reasons, and the client config's). Re-sending is safe: Cloud
 * Monitoring refuses a second point at the same time for a series instead of storing it twice.
 * A partial failure (some series refused, reported as a CreateTimeSeriesSummary in the error
 * details) is final: re-sending would only repeat the refused series.
 */
export function timeSeriesRequest(
  client: TimeSeriesClient,
  request: { readonly name: string; readonly timeSeries: readonly TimeSeries[] },
): RetriedRequest {
  return {
    items: request.timeSeries.length,
    send: timeoutMs => client.createTimeSeries(request, timeoutMs),
    retriedInCall: code => code === GrpcCode.Unavailable || code === GrpcCode.DeadlineExceeded,
    writtenDespite: error => summaryOf(error)?.successPointCount,
  };
}

/** The CreateTimeSeriesSummary the client decodes into `statusDetails`, if the error has one. */
function summaryOf(error: unknown): { successPointCount: number } | undefined {
  const details = (error as { statusDetails?: unknown } | null)?.statusDetails;
  if (!Array.isArray(details)) return undefined;
  for (const detail of details as unknown[]) {
    const summary = detail as { totalPointCount?: unknown; successPointCount?: unknown } | null;
    if (summary !== null && typeof summary === 'object' && 'totalPointCount' in summary) {
      return { successPointCount: Number(summary.successPointCount ?? 0) };
    }
  }
  return undefined;
}
