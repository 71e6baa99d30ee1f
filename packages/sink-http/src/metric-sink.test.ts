import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  ManualClock,
  PartialWriteError,
  PermanentError,
  RetryableError,
  noopLogger,
} from '@heapster/runtime';
import { parseSinkUri, type SinkSettings } from '@heapster/sink';
import { Registry } from 'prom-client';
import { SAMPLE_TIMESTAMP, sampleBatch, sampleEvents } from '@heapster/sink/testing';
import { httpSinkFactory } from './factory.js';
import { Collector } from './testing/collector.js';

const settings: SinkSettings = {
  logger: noopLogger,
  clock: new ManualClock(SAMPLE_TIMESTAMP),
  registry: new Registry(),
};
const signal = () => new AbortController().signal;

let collector: Collector;
beforeEach(async () => {
  collector = await Collector.start();
});
afterEach(async () => {
  await collector.stop();
});

function sinkFor(options: string, url = collector.url) {
  const config = httpSinkFactory.parseConfig(parseSinkUri(`http:${url}?${options}`, {}));
  return httpSinkFactory.createMetricSink(config, settings);
}

describe('http metric sink', () => {
  it('should POST the batch as JSON with the token, headers and gzip', async () => {
    const sink = sinkFor('token=s3cret&headers=X-Tenant:prod,X-Env:test&gzip=true');
    expect(sink.name).toBe(`http(${collector.url})`);
    await sink.write(sampleBatch(), { signal: signal() });
    expect(collector.received).toHaveLength(1);
    const [request] = collector.received;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/ingest');
    expect(request!.headers).toMatchObject({
      authorization: 'Bearer s3cret',
      'x-tenant': 'prod',
      'x-env': 'test',
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(request!.json.metricSets).toHaveLength(6);
    await sink.shutdown({ signal: signal() });
  });

  it('should split a batch larger than max_body_bytes into several POSTs', async () => {
    const batch = sampleBatch();
    const sink = sinkFor('max_body_bytes=65536');
    // Pad a label so that each metric set is ~30 KB: two sets per body at most.
    for (const table of batch.tables()) {
      for (let row = 0; row < table.size; row++)
        batch.setLabel(table.type, row, 10, 'x'.repeat(30_000));
    }
    await sink.write(batch, { signal: signal() });
    expect(collector.received.length).toBeGreaterThanOrEqual(3);
    expect(collector.received.flatMap(r => r.json.metricSets)).toHaveLength(6);
    expect(collector.received.map(r => r.json.part)).toEqual(collector.received.map((_, i) => i));
  });

  it('should retry 5xx and 429 (honouring Retry-After) up to `retries` times', async () => {
    collector.replies.push({ status: 503 }, { status: 429, headers: { 'retry-after': '0' } });
    await sinkFor('retries=2').write(sampleBatch(), { signal: signal() });
    expect(collector.received).toHaveLength(3);
  });

  it('should fail retryably once the retries are spent', async () => {
    collector.replies.push({ status: 500 }, { status: 502, body: 'bad gateway' });
    await expect(sinkFor('retries=1').write(sampleBatch(), { signal: signal() })).rejects.toThrow(
      new RetryableError(`POST ${collector.url} answered 502: bad gateway`),
    );
    expect(collector.received).toHaveLength(2);
  });

  it('should fail permanently on a 4xx without retrying', async () => {
    collector.replies.push({ status: 400, body: '{"error":"bad schema"}' });
    const write = sinkFor('retries=2').write(sampleBatch(), { signal: signal() });
    await expect(write).rejects.toBeInstanceOf(PermanentError);
    expect(collector.received).toHaveLength(1);
  });

  it('should count the metric sets not delivered when a later body fails', async () => {
    const batch = sampleBatch();
    for (const table of batch.tables()) {
      for (let row = 0; row < table.size; row++)
        batch.setLabel(table.type, row, 10, 'x'.repeat(40_000));
    }
    collector.replies.push({ status: 204 }, { status: 400 });
    const write = sinkFor('max_body_bytes=65536&retries=0').write(batch, { signal: signal() });
    await expect(write).rejects.toBeInstanceOf(PartialWriteError);
    await expect(write).rejects.toMatchObject({ failed: 5 });
  });

  it('should time out a hanging receiver, and stop at the caller deadline', async () => {
    collector.replies.push('hang');
    await expect(
      sinkFor('timeout=200ms&retries=0').write(sampleBatch(), { signal: signal() }),
    ).rejects.toMatchObject({ code: 'HEAPSTER_ERR_TIMEOUT' });
    collector.replies.push('hang');
    const deadline = new AbortController();
    const write = sinkFor('timeout=30s').write(sampleBatch(), { signal: deadline.signal });
    await new Promise(resolve => setTimeout(resolve, 50));
    const reason = new RetryableError('deadline');
    deadline.abort(reason);
    await expect(write).rejects.toBe(reason);
  });

  it('should fail retryably when nothing listens', async () => {
    const gone = await Collector.start();
    const url = gone.url;
    await gone.stop();
    await expect(
      sinkFor('retries=1', url).write(sampleBatch(), { signal: signal() }),
    ).rejects.toBeInstanceOf(RetryableError);
  });

  it('should reject writes after shutdown', async () => {
    const sink = sinkFor('');
    await sink.shutdown({ signal: signal() });
    await sink.shutdown({ signal: signal() });
    await expect(sink.write(sampleBatch(), { signal: signal() })).rejects.toBeInstanceOf(
      PermanentError,
    );
  });
});

describe('http event sink', () => {
  it('should POST events with their ids and fail the whole write on any failure', async () => {
    const config = httpSinkFactory.parseConfig(parseSinkUri(`http:${collector.url}?retries=0`, {}));
    const sink = httpSinkFactory.createEventSink(config, settings);
    await sink.write(sampleEvents(), { signal: signal() });
    expect(collector.received[0]!.json).toMatchObject({
      kind: 'events',
      events: [{ id: 'ev-1/101' }, { id: 'ev-2/102' }],
    });
    collector.replies.push({ status: 503 });
    await expect(sink.write(sampleEvents(), { signal: signal() })).rejects.toBeInstanceOf(
      RetryableError,
    );
    await sink.shutdown({ signal: signal() });
  });
});
