import type { DataBatch } from '@heapster/model';
import { parseJsonBody } from '../decode/parse-json.js';
import { SummaryTapeDecoder } from '../read-worker/summary-tape-decoder.js';
import type { SummaryTape } from '../read-worker/summary-tape.js';
import { FastSummaryReader } from './fast-summary-reader.js';
import { validateSummary } from './validate-summary.js';
import { writeSummary, type SummaryContext, type SummaryDecodeResult } from './summary-writer.js';

// One reader for the process: decoding is synchronous, so a body is read and written before the
// next one starts, and the reader's recycled objects are never shared between two bodies.
const fastReader = new FastSummaryReader();
const tapeDecoder = new SummaryTapeDecoder();

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

/**
 * decodeSummary for a body a read worker has read already (`tape`, see summary-tape.ts): the same
 * rows, without reading the bytes again but for the names. A tape of a body the fast reader would
 * have refused makes it decode `body` itself.
 */
export function decodeSummaryTape(
  tape: SummaryTape,
  body: Uint8Array,
  into: DataBatch,
  context: SummaryContext,
): SummaryDecodeResult {
  const summary = tapeDecoder.decode(tape, body, into.strings);
  if (summary !== undefined) return writeSummary(summary, into, context);
  return decodeSummary(body, into, context);
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
