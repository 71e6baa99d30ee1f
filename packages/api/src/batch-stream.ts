import { Readable } from 'node:stream';
import type { DataBatch } from '@heapster/model';

/**
 * A response body rendered lazily from a batch as the client reads it. The batch stays pinned
 * until the stream has ended or been destroyed: a slow client may take longer than the store
 * keeps the batch, and a pinned batch is never reused for a newer one's columns.
 */
export function batchStream(batch: DataBatch | undefined, chunks: Iterable<string>): Readable {
  const body = Readable.from(chunks, { objectMode: false });
  if (batch !== undefined) body.once('close', batch.pin());
  return body;
}
