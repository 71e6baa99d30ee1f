import { describe, expect, it } from '@jest/globals';
import { PassThrough, Writable } from 'node:stream';
import { ManualClock, PermanentError, noopLogger } from '@heapster/runtime';
import { parseSinkUri, type SinkSettings } from '@heapster/sink';
import { Registry } from 'prom-client';
import { SAMPLE_TIMESTAMP, sampleBatch, sampleEvents } from '@heapster/sink/testing';
import { createLogSinkFactory } from './factory.js';

const settings: SinkSettings = {
  logger: noopLogger,
  clock: new ManualClock(SAMPLE_TIMESTAMP),
  registry: new Registry(),
};

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** A stream that accepts one small chunk and then holds every write until released. */
class StalledStream extends Writable {
  readonly held: (() => void)[] = [];
  constructor() {
    super({ highWaterMark: 16 });
  }
  override _write(_chunk: Buffer, _encoding: string, callback: () => void): void {
    this.held.push(callback);
  }
}

const signal = () => new AbortController().signal;

describe('log sinks', () => {
  it('should write metric batches to the stream the output option names', async () => {
    const out = capture();
    const err = capture();
    const factory = createLogSinkFactory({ stdout: out.stream, stderr: err.stream });
    const toStderr = factory.createMetricSink!(
      factory.parseConfig(parseSinkUri('log:?output=stderr&format=json')),
      settings,
    );
    await toStderr.write(sampleBatch(), { signal: signal() });
    expect(out.text()).toBe('');
    expect(err.text().trim().split('\n')).toHaveLength(6);
  });

  it('should print event batches and reject writes after shutdown', async () => {
    const out = capture();
    const factory = createLogSinkFactory({ stdout: out.stream, stderr: out.stream });
    const sink = factory.createEventSink!(factory.parseConfig(parseSinkUri('log')), settings);
    await sink.start({ signal: signal() });
    await sink.write(sampleEvents(), { signal: signal() });
    expect(out.text()).toContain('(cnt:3): Container image');
    await sink.shutdown({ signal: signal() });
    await sink.shutdown({ signal: signal() });
    await expect(sink.write(sampleEvents(), { signal: signal() })).rejects.toBeInstanceOf(
      PermanentError,
    );
  });

  it('should wait for a full stream to drain, and give up when the deadline aborts', async () => {
    const stalled = new StalledStream();
    const factory = createLogSinkFactory({ stdout: stalled, stderr: stalled });
    const sink = factory.createMetricSink!(factory.parseConfig(parseSinkUri('log')), settings);
    const deadline = new AbortController();
    const write = sink.write(sampleBatch(), { signal: deadline.signal });
    const settled = jestSettled(write);
    await new Promise(resolve => setImmediate(resolve));
    expect(settled.done).toBe(false); // blocked on backpressure, not buffering the batch
    const reason = new Error('deadline');
    deadline.abort(reason);
    await expect(write).rejects.toBe(reason);
    for (const release of stalled.held) release();
  });

  it('should resolve a write once the stream drains', async () => {
    const stalled = new StalledStream();
    const factory = createLogSinkFactory({ stdout: stalled, stderr: stalled });
    const sink = factory.createMetricSink!(factory.parseConfig(parseSinkUri('log')), settings);
    const write = sink.write(sampleBatch(), { signal: signal() });
    await new Promise(resolve => setImmediate(resolve));
    while (stalled.held.length > 0) stalled.held.shift()!();
    await write;
    await sink.flush({ signal: signal() });
  });
});

function jestSettled(promise: Promise<unknown>): { done: boolean } {
  const state = { done: false };
  promise.then(
    () => (state.done = true),
    () => (state.done = true),
  );
  return state;
}
