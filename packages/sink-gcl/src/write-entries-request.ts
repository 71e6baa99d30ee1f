import { GrpcCode, type RetriedRequest } from '@heapster/gcp';
import type { LoggingClient, WriteRequest } from './logging-client.js';

/**
 * One WriteLogEntries request for the shared sender, sent again after Unavailable,
 * DeadlineExceeded or Internal (the codes the client's own config retries WriteLogEntries on).
 * The request is sent again unchanged: same insertIds and timestamps, so entries a failed
 * attempt did store are not stored twice. Refused entries (WriteLogEntriesPartialErrors in the
 * error details; the others were stored thanks to partialSuccess) are final: they would be
 * refused again.
 */
export function writeEntriesRequest(client: LoggingClient, request: WriteRequest): RetriedRequest {
  const total = request.entries.length;
  return {
    items: total,
    send: timeoutMs => client.writeLogEntries(request, timeoutMs),
    retriedInCall: code =>
      code === GrpcCode.Unavailable ||
      code === GrpcCode.DeadlineExceeded ||
      code === GrpcCode.Internal,
    writtenDespite: error => {
      const refused = refusedEntries(error);
      return refused === undefined ? undefined : total - Math.min(total, refused);
    },
  };
}

/** How many entries WriteLogEntriesPartialErrors (decoded by the client into statusDetails) lists. */
function refusedEntries(error: unknown): number | undefined {
  const details = (error as { statusDetails?: unknown } | null)?.statusDetails;
  if (!Array.isArray(details)) return undefined;
  for (const detail of details as unknown[]) {
    const errors = (detail as { logEntryErrors?: unknown } | null)?.logEntryErrors;
    if (errors !== null && typeof errors === 'object') return Object.keys(errors).length;
  }
  return undefined;
}
