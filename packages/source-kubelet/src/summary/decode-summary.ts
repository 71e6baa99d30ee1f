import type { DataBatch } from '@heapster/model';
import { parseJsonBody } from '../decode/parse-json.js';
import { FastSummaryReader } from './fast-summary-reader.js';
import { validateSummary } from './validate-summary.js';
import { writeSummary, type SummaryContext, type SummaryDecodeResult } from './summary-writer.js';

// One reader for the process: decoding is synchronous, so a body is read and written before the
// next one starts, and the reader's recycled objects are never shared between two bodies.
const fastReader = new FastSummaryReader();

/**
 * Decodes one kubelet's `/stats/summary` response into `into`: a `node` row, `sys_container`,
 * `pod` and `pod_container` rows, per docs/architecture.md "Batch conventions". Pure: no I/O, no
 * clock (times come from the body and `context.scrapeStartMs`).
 *
 * `body` is the response text, its bytes, or an already parsed value. Bytes take the fast path
 * (fast-summary-reader.ts) when it can vouch for them, and JSON.parse plus the validator
 * otherwise; both give the same rows. A body that is not a summary throws a DecodeError naming
 * the field (or saying the text is truncated) and leaves the batch untouched: everything is
 * validated before the first row is written.
 */
export function decodeSummary(
  body: unknown,
  into: DataBatch,
  context: SummaryContext,
): SummaryDecodeResult {
  if (body instanceof Uint8Array) {
    const summary = fastReader.read(body, into.strings);
    if (summary !== undefined) return writeSummary(summary, into, context);
  }
  return decodeSummaryGeneral(body, into, context);
}

/** JSON.parse, the validator and the writer: the definition of what a body decodes to. */
export function decodeSummaryGeneral(
  body: unknown,
  into: DataBatch,
  context: SummaryContext,
): SummaryDecodeResult {
  const parsed =
    typeof body === 'string'
      ? parseJsonBody(body)
      : body instanceof Uint8Array
        ? parseJsonBody(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'))
        : body;
  return writeSummary(validateSummary(parsed), into, context);
}
