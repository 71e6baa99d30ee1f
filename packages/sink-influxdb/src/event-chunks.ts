import type { KubeEvent } from '@heapster/model';
import { BodyPool } from './body-pool.js';
import { eventLine, type EventSchema } from './event-serializer.js';
import type { LineChunk } from './serializer.js';

/** Room for a typical log/events line (the event's indented JSON, escaped): ~1.2 KB. */
export const BYTES_PER_LINE_GUESS = 1536;

/** Keeps nothing: every chunk gets a fresh buffer. */
const NO_POOL = new BodyPool({ capacity: 0, minBytes: 0, maxBytes: 0 });

/**
 * The events as write bodies of up to `perWrite` lines each, made lazily (one chunk per pull).
 * Each line is encoded straight into the chunk's buffer: joining the lines into one string
 * first would make a megabyte string per chunk, which V8 puts in its large-object space and
 * frees only in full collections — the main GC cost of the InfluxDB event path.
 *
 * Buffers come from `pool` (none kept by default); whoever sends a chunk may hand its body back
 * to the pool once nothing reads it any more, and a later chunk reuses it.
 */
export function* eventChunks(
  events: readonly KubeEvent[],
  schema: EventSchema,
  perWrite: number,
  now: number,
  pool: BodyPool = NO_POOL,
): Generator<LineChunk, void, undefined> {
  for (let start = 0; start < events.length; start += perWrite) {
    const end = Math.min(events.length, start + perWrite);
    let body = pool.acquire((end - start) * BYTES_PER_LINE_GUESS);
    let length = 0;
    for (let i = start; i < end; i++) {
      const line = eventLine(events[i] as KubeEvent, schema, now);
      const bytes = Buffer.byteLength(line);
      if (length + bytes > body.length) {
        const grown = pool.acquire(Math.max(body.length * 2, length + bytes));
        body.copy(grown, 0, 0, length);
        pool.release(body);
        body = grown;
      }
      length += body.write(line, length);
    }
    yield { body: body.subarray(0, length), lines: end - start };
  }
}
