import type { KubeEvent } from '@heapster/model';
import { eventLine, type EventSchema } from './event-serializer.js';
import type { LineChunk } from './serializer.js';

/** Room for a typical log/events line (the event's indented JSON, escaped): ~1.2 KB. */
const BYTES_PER_LINE_GUESS = 1536;

/**
 * The events as write bodies of up to `perWrite` lines each, made lazily (one chunk per pull).
 * Each line is encoded straight into the chunk's buffer: joining the lines into one string
 * first would make a megabyte string per chunk, which V8 puts in its large-object space and
 * frees only in full collections — the main GC cost of the InfluxDB event path.
 */
export function* eventChunks(
  events: readonly KubeEvent[],
  schema: EventSchema,
  perWrite: number,
  now: number,
): Generator<LineChunk, void, undefined> {
  for (let start = 0; start < events.length; start += perWrite) {
    const end = Math.min(events.length, start + perWrite);
    let body = Buffer.allocUnsafe((end - start) * BYTES_PER_LINE_GUESS);
    let length = 0;
    for (let i = start; i < end; i++) {
      const line = eventLine(events[i] as KubeEvent, schema, now);
      const bytes = Buffer.byteLength(line);
      if (length + bytes > body.length) {
        const grown = Buffer.allocUnsafe(Math.max(body.length * 2, length + bytes));
        body.copy(grown, 0, 0, length);
        body = grown;
      }
      length += body.write(line, length);
    }
    yield { body: body.subarray(0, length), lines: end - start };
  }
}
