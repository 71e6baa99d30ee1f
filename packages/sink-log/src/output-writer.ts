import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { RetryableError } from '@heapster/runtime';

/** Where the log sink writes: process.stdout / process.stderr, or any Writable in tests. */
export type LogStream = Writable;

const CHUNK_CHARS = 64 * 1024;

/**
 * Writes the pieces in ~64 KiB chunks and honours backpressure: when the stream's buffer is
 * full it waits for 'drain' (a slow terminal or pipe then slows the sink, which the manager's
 * deadline bounds) instead of buffering a whole batch in memory.
 */
export async function writePieces(
  stream: LogStream,
  pieces: Iterable<string>,
  signal: AbortSignal,
): Promise<void> {
  let buffer = '';
  for (const piece of pieces) {
    if (signal.aborted) throw abortReason(signal);
    buffer += piece;
    if (buffer.length >= CHUNK_CHARS) {
      await writeChunk(stream, buffer, signal);
      buffer = '';
    }
  }
  if (buffer !== '') await writeChunk(stream, buffer, signal);
}

async function writeChunk(stream: LogStream, chunk: string, signal: AbortSignal): Promise<void> {
  let ready: boolean;
  try {
    ready = stream.write(chunk);
  } catch (error) {
    throw new RetryableError(`log output failed: ${String(error)}`, { cause: error });
  }
  if (ready) return;
  try {
    await once(stream, 'drain', { signal });
  } catch (error) {
    if (signal.aborted) throw abortReason(signal);
    throw new RetryableError(`log output failed: ${String(error)}`, { cause: error });
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new RetryableError('log write aborted');
}
