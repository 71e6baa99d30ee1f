import { describe, expect, it } from '@jest/globals';
import type { KubeEvent } from '@heapster/model';
import { sampleEventShapes } from '@heapster/sink/testing';
import { BodyPool } from './body-pool.js';
import { eventChunks } from './event-chunks.js';
import { eventLine } from './event-serializer.js';

const schema = { withFields: false, clusterName: 'default' };

/** Many events, some with multi-byte text and one much larger than the per-line guess. */
function events(): KubeEvent[] {
  const shapes = sampleEventShapes();
  const out: KubeEvent[] = [];
  for (let i = 0; i < 25; i++) {
    const shape = shapes[i % shapes.length] as KubeEvent;
    out.push({
      ...shape,
      metadata: { ...shape.metadata, uid: `ev-${i}`, resourceVersion: String(100 + i) },
      message: i === 7 ? 'ü"\\🚀 '.repeat(2_000) : `${shape.message ?? ''} #${i} ü`,
    });
  }
  return out;
}

describe('eventChunks', () => {
  it('gives the bytes of the joined lines, in chunks of at most perWrite lines', () => {
    const all = events();
    for (const perWrite of [1, 4, 10, 1000]) {
      const chunks = [...eventChunks(all, schema, perWrite, 1_700_000_000_000)];
      expect(chunks.map(chunk => chunk.lines)).toEqual(
        Array.from({ length: Math.ceil(all.length / perWrite) }, (_, i) =>
          Math.min(perWrite, all.length - i * perWrite),
        ),
      );
      let offset = 0;
      for (const chunk of chunks) {
        const lines = all.slice(offset, offset + chunk.lines);
        const expected = lines.map(e => eventLine(e, schema, 1_700_000_000_000)).join('');
        expect(Buffer.from(chunk.body).toString('utf8')).toBe(expected);
        offset += chunk.lines;
      }
    }
  });

  it('gives the same bytes from reused bodies as from fresh ones', () => {
    const all = events();
    for (const perWrite of [1, 4, 10, 1000]) {
      const fresh = [...eventChunks(all, schema, perWrite, 1_700_000_000_000)].map(chunk =>
        Buffer.from(chunk.body).toString('utf8'),
      );
      // A small pool: the huge event's chunk outgrows its body, which is then not kept.
      const pool = new BodyPool({ capacity: 2, minBytes: 64, maxBytes: 16_384 });
      const reused: string[] = [];
      const memory = new Set<ArrayBufferLike>();
      for (const chunk of eventChunks(all, schema, perWrite, 1_700_000_000_000, pool)) {
        reused.push(Buffer.from(chunk.body).toString('utf8'));
        memory.add(chunk.body.buffer);
        pool.release(chunk.body);
      }
      expect(reused).toEqual(fresh);
      if (fresh.length > 2) expect(memory.size).toBeLessThan(fresh.length);
    }
  });

  it('gives nothing for no events', () => {
    expect([...eventChunks([], schema, 10, 0)]).toEqual([]);
  });
});
