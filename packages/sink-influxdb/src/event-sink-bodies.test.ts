import { describe, expect, it } from '@jest/globals';
import type { KubeEvent } from '@heapster/model';
import { RetryableError } from '@heapster/runtime';
import { sampleEvents } from '@heapster/sink/testing';
import { InfluxdbEventSink } from './event-sink.js';
import { eventLine } from './event-serializer.js';
import type { LineWriter } from './line-writer.js';
import type { LineChunk } from './serializer.js';
import { configOf, noDeadline, testSettings } from './testing/sink-settings.js';

interface Pending {
  readonly chunk: LineChunk;
  /** The body as it was when the request started. */
  readonly text: string;
  finish(error?: Error): void;
}

/** A transport whose requests finish when the test says so, in any order. */
class HeldWriter implements LineWriter {
  readonly target = 'held';
  readonly pending: Pending[] = [];
  /** Bodies of the requests that succeeded, as sent, and whether each was intact at the end. */
  readonly delivered: { text: string; intact: boolean }[] = [];

  async prepare(): Promise<void> {}

  write(chunk: LineChunk): Promise<void> {
    const text = Buffer.from(chunk.body).toString('utf8');
    return new Promise((resolve, reject) => {
      this.pending.push({
        chunk,
        text,
        finish: error => {
          if (error !== undefined) return reject(error);
          const intact = Buffer.from(chunk.body).toString('utf8') === text;
          this.delivered.push({ text, intact });
          resolve();
        },
      });
    });
  }

  close(): void {}
}

function manyEvents(count: number, from = 0): KubeEvent[] {
  const [template] = sampleEvents() as [KubeEvent];
  return Array.from({ length: count }, (_, i) => ({
    ...template,
    metadata: { ...template.metadata, uid: `ev-${from + i}`, resourceVersion: String(from + i) },
    message: `message ${from + i} ${'x'.repeat(i % 7)}`,
  }));
}

/** Finishes the newest pending request (last in, first out) until the write settles. */
async function drive(writer: HeldWriter, write: Promise<void>, failAt = -1): Promise<unknown> {
  let settled: { error: unknown } | undefined;
  write.then(
    () => (settled = { error: undefined }),
    (error: unknown) => (settled = { error }),
  );
  let finished = 0;
  while (settled === undefined) {
    await new Promise(resolve => setImmediate(resolve));
    const next = writer.pending.pop();
    if (next === undefined) continue;
    next.finish(finished++ === failAt ? new RetryableError('connection reset') : undefined);
  }
  return settled.error;
}

describe('InfluxDB event sink request bodies', () => {
  const now = 1_700_000_000_000;
  const config = configOf('influxdb:http://127.0.0.1:9?db=k8s&concurrency=3&batch_size=100');
  const schema = { withFields: false, clusterName: 'default' };
  const lines = (events: KubeEvent[]) => events.map(e => eventLine(e, schema, now)).join('');

  it('sends the same bytes with reused bodies, none changed while in flight', async () => {
    const writer = new HeldWriter();
    const sink = new InfluxdbEventSink(config, writer, testSettings(now).clock);
    const batches = [manyEvents(950), manyEvents(30, 5000), manyEvents(620, 9000)];
    for (const batch of batches) {
      expect(await drive(writer, sink.write(batch, { signal: noDeadline() }))).toBeUndefined();
    }
    expect(writer.delivered.every(d => d.intact)).toBe(true);
    expect(writer.delivered.map(d => d.text).sort()).toEqual(
      batches
        .flatMap(batch =>
          Array.from({ length: Math.ceil(batch.length / 100) }, (_, i) =>
            batch.slice(i * 100, i * 100 + 100),
          ),
        )
        .map(lines)
        .sort(),
    );
  });

  it('does not reuse the body of a failed request; the resent batch is complete', async () => {
    const writer = new HeldWriter();
    const sink = new InfluxdbEventSink(config, writer, testSettings(now).clock);
    const events = manyEvents(800);
    const failed: LineChunk[] = [];
    const original = writer.write.bind(writer);
    let calls = 0;
    writer.write = chunk => {
      if (calls++ === 2) failed.push(chunk);
      return original(chunk);
    };
    const error = await drive(writer, sink.write(events, { signal: noDeadline() }), 2);
    expect(error).toBeInstanceOf(RetryableError);
    // Requests still in flight when the write gave up finish later, successfully.
    for (const left of writer.pending.splice(0)) left.finish();
    writer.delivered.length = 0;
    const resentMemory = new Set<ArrayBufferLike>();
    writer.write = chunk => {
      resentMemory.add(chunk.body.buffer);
      return original(chunk);
    };
    expect(await drive(writer, sink.write(events, { signal: noDeadline() }))).toBeUndefined();
    expect(resentMemory.has(failed[0]!.body.buffer)).toBe(false);
    expect(writer.delivered.every(d => d.intact)).toBe(true);
    expect(writer.delivered.map(d => d.text).join('').length).toBe(lines(events).length);
    expect(writer.delivered.map(d => d.text).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => lines(events.slice(i * 100, i * 100 + 100))).sort(),
    );
  });
});
