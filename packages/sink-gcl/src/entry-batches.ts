import type { EventLogEntry } from './log-entry.js';

/** Bytes of entries per request: well under the API's 10 MB request limit. */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/** Cloud Logging refuses entries larger than 256 KiB. */
export const MAX_ENTRY_BYTES = 256 * 1024;
/** Per-entry framing beyond the payload (insertId, timestamp, severity, field tags), estimated. */
const ENTRY_OVERHEAD_BYTES = 128;

/** The encoded size of an entry, estimated from its payload's JSON (the Struct form is about as large). */
export function entryBytes(entry: EventLogEntry): number {
  return Buffer.byteLength(JSON.stringify(entry.jsonPayload)) + ENTRY_OVERHEAD_BYTES;
}

/**
 * Cuts entries into requests of at most `maxEntries` and `maxBytes`, keeping their order. An
 * entry Cloud Logging would refuse for its size is handed to `onOversize` instead of being
 * sent (it would fail every retry of its request otherwise).
 */
export function* entryBatches(
  entries: readonly EventLogEntry[],
  maxEntries: number,
  maxBytes: number,
  onOversize: (entry: EventLogEntry) => void,
): Generator<EventLogEntry[], void, undefined> {
  let batch: EventLogEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entryBytes(entry);
    if (size > MAX_ENTRY_BYTES) {
      onOversize(entry);
      continue;
    }
    if (batch.length > 0 && (batch.length >= maxEntries || bytes + size > maxBytes)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}
