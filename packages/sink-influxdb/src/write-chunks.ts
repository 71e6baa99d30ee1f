import { PartialWriteError } from '@heapster/runtime';
import type { LineChunk } from './serializer.js';

/**
 * Writes chunks with up to `concurrency` requests in flight, pulling the next chunk from the
 * (lazy) serializer only when a request finishes, so memory stays at `concurrency` chunks.
 *
 * Outcome: all written → resolves. Some points rejected (field type conflict) → the other
 * chunks still go, then PartialWriteError with the total dropped. Any other failure stops
 * the write: thrown as it is when nothing was written yet (InfluxDB down → RetryableError),
 * else as a PartialWriteError counting what was lost — unless `resendable` (event writes are
 * idempotent, so the caller resends the whole batch): then the error is thrown as it is.
 */
export async function writeChunks(
  chunks: Iterator<LineChunk>,
  concurrency: number,
  send: (chunk: LineChunk) => Promise<void>,
  signal: AbortSignal,
  resendable = false,
): Promise<void> {
  let written = 0;
  let rejected = 0;
  let partial: PartialWriteError | undefined;
  let fatal: { error: unknown; lost: number } | undefined;

  const worker = async (): Promise<void> => {
    while (fatal === undefined && !signal.aborted) {
      const next = chunks.next();
      if (next.done === true) return;
      try {
        await send(next.value);
        written += next.value.lines;
      } catch (error) {
        if (error instanceof PartialWriteError) {
          partial ??= error;
          rejected += error.failed;
          written += next.value.lines - error.failed;
        } else {
          fatal ??= { error, lost: 0 };
          fatal.lost += next.value.lines;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  if (signal.aborted && fatal === undefined) throw signal.reason;
  if (fatal !== undefined) {
    if (written === 0 || signal.aborted || resendable) throw fatal.error;
    let lost = fatal.lost + rejected;
    for (let next = chunks.next(); next.done !== true; next = chunks.next())
      lost += next.value.lines;
    throw new PartialWriteError(
      `${written} points written, then ${lost} lost: ${describe(fatal.error)}`,
      lost,
      { cause: fatal.error },
    );
  }
  if (partial !== undefined) {
    throw new PartialWriteError(
      `${rejected} of ${written + rejected} points rejected: ${partial.message}`,
      rejected,
      { cause: partial },
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
