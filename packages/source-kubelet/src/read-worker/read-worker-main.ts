/**
 * A summary read worker thread (started by SummaryReadWorkers): reads bodies with the fast
 * reader and sends each back as a tape. It keeps nothing between bodies but recycled objects.
 */
import { parentPort } from 'node:worker_threads';
import { FastSummaryReader } from '../summary/fast-summary-reader.js';
import type { ReadReply, ReadRequest } from './read-protocol.js';
import { NameRanges, SummaryTapeEncoder } from './summary-tape.js';

const port = parentPort;
if (port === null) throw new Error('read-worker-main runs as a worker thread');
const reader = new FastSummaryReader();
const names = new NameRanges();
const encoder = new SummaryTapeEncoder();

port.on('message', (request: ReadRequest) => {
  const { id } = request;
  try {
    names.clear();
    const summary = reader.read(
      new Uint8Array(request.buffer, request.offset, request.length),
      names,
    );
    if (summary === undefined) {
      port.postMessage({ id, tape: undefined } satisfies ReadReply);
      return;
    }
    // The numbers are in shared memory: the message carries a view of it, not a copy.
    port.postMessage({
      id,
      tape: encoder.encode(summary, names, request.tape),
    } satisfies ReadReply);
  } catch (error) {
    port.postMessage({ id, error: String(error) } satisfies ReadReply);
  }
});
