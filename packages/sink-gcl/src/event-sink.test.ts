import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { PartialWriteError, PermanentError, RetryableError } from '@heapster/runtime';
import { sampleEventShapes as sampleEvents } from '@heapster/sink/testing';
import { GclEventSink, type GclSinkDeps } from './event-sink.js';
import { FakeLoggingServer } from './testing/fake-logging-server.js';
import { configOf, noDeadline, testSettings, type TestSettings } from './testing/sink-settings.js';

// No developer credentials or metadata server may leak into these tests.
process.env.METADATA_SERVER_DETECTION = 'none';

const FAST_RETRY: GclSinkDeps = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };
const UNAVAILABLE = { kind: 'error', code: 14, message: 'backend unavailable' } as const;

let server: FakeLoggingServer;
let settings: TestSettings;
const sinks: GclEventSink[] = [];

beforeEach(async () => {
  server = new FakeLoggingServer();
  await server.start();
  settings = testSettings();
});

afterEach(async () => {
  for (const sink of sinks.splice(0)) await sink.shutdown({ signal: noDeadline() });
  await server.stop();
});

function sinkOf(options = '&cluster_name=prod&cluster_location=us-central1', deps = FAST_RETRY) {
  const config = configOf(
    `gcl:?project=test-proj&endpoint=${server.endpoint}&insecure=true${options}`,
  );
  const sink = new GclEventSink(config, settings, deps);
  sinks.push(sink);
  return sink;
}

const write = (sink: GclEventSink, events = sampleEvents()) =>
  sink.write(events, { signal: noDeadline() });
const insertIds = (index: number) => server.writes[index]!.entries.map(entry => entry.insertId);

describe('Cloud Logging events sink against a local LoggingServiceV2', () => {
  it('should write each event as an entry of kubernetes.io/events on the cluster', async () => {
    const sink = sinkOf();
    await sink.start({ signal: noDeadline() });
    await write(sink);
    expect(server.writes).toHaveLength(1);
    const request = server.writes[0]!;
    expect(request.logName).toBe('projects/test-proj/logs/kubernetes.io%2Fevents');
    expect(request.resource).toEqual({
      type: 'k8s_cluster',
      labels: { project_id: 'test-proj', location: 'us-central1', cluster_name: 'prod' },
    });
    expect(request.partialSuccess).toBe(true);
    // Exactly the four events: no diagnostic entry of the client library.
    expect(request.entries.map(entry => [entry.insertId, entry.severity, entry.timestamp])).toEqual(
      [
        ['ev-1/101', 'INFO', { seconds: '1704067240', nanos: 0 }],
        ['ev-2/102', 'WARNING', { seconds: '1704067250', nanos: 123_000_000 }],
        ['ev-3/103', 'DEFAULT', { seconds: '1704067255', nanos: 0 }],
        ['ev-4/104', 'DEFAULT', { seconds: '1704067320', nanos: 0 }],
      ],
    );
    const payload = request.entries[0].jsonPayload.fields;
    expect(payload.reason).toEqual({ stringValue: 'Pulled', kind: 'stringValue' });
    expect(payload.count).toEqual({ numberValue: 3, kind: 'numberValue' });
    expect(payload.involvedObject.structValue.fields.kind.stringValue).toBe('Pod');
    expect(request.entries[1].jsonPayload.fields.lastTimestamp).toEqual({
      nullValue: 'NULL_VALUE',
      kind: 'nullValue',
    });
  });

  it("should fall back to Heapster's global resource when the cluster is unknown", async () => {
    const sink = sinkOf('');
    await write(sink);
    expect(server.writes[0]!.resource).toEqual({
      type: 'global',
      labels: { project_id: 'test-proj' },
    });
  });

  it('should retry on Unavailable with the same insertIds, storing each event once', async () => {
    server.reply(UNAVAILABLE);
    const sink = sinkOf();
    await write(sink);
    expect(server.writes).toHaveLength(2);
    expect(server.writes[1]!.entries).toEqual(server.writes[0]!.entries);
    expect(server.stored.size).toBe(4);
  });

  it('should leave a failing batch to the eventer as retryable, and not duplicate it when sent again', async () => {
    server.reply(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE);
    const sink = sinkOf();
    await expect(write(sink)).rejects.toThrow(RetryableError);
    settings.clock.advance(60_000); // the eventer's retry comes later
    await write(sink);
    await write(sink); // and a redelivery after a restart
    expect(server.writes).toHaveLength(5);
    for (let i = 1; i < 5; i++)
      expect(server.writes[i]!.entries).toEqual(server.writes[0]!.entries);
    expect(insertIds(4)).toEqual(['ev-1/101', 'ev-2/102', 'ev-3/103', 'ev-4/104']);
    expect(server.stored.size).toBe(4);
  });

  it('should report entries Cloud Logging refused as a partial write, without retrying', async () => {
    server.reply({ kind: 'refuse', indexes: [2], message: 'Log entry payload too deep' });
    const sink = sinkOf();
    const error = await write(sink).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartialWriteError);
    expect((error as PartialWriteError).failed).toBe(1);
    expect(server.writes).toHaveLength(1);
    expect(server.stored.size).toBe(3);
  });

  it('should fail permanently on a refused request and log the cause once', async () => {
    server.reply(
      { kind: 'error', code: 7, message: 'Permission denied on project 12' },
      { kind: 'error', code: 7, message: 'Permission denied on project 12' },
    );
    const sink = sinkOf();
    await expect(write(sink)).rejects.toThrow(PermanentError);
    await expect(write(sink)).rejects.toThrow(
      /all 4 events refused \(PERMISSION_DENIED: Permission denied/,
    );
    expect(server.writes).toHaveLength(2);
    expect(settings.logger.lines.filter(line => line.level === 'error')).toHaveLength(1);
  });

  it('should split a batch into requests of batch_size entries', async () => {
    const sink = sinkOf('&batch_size=3&workers=1');
    await write(sink);
    expect(server.writes.map(request => request.entries.length)).toEqual([3, 1]);
  });

  it('should refuse writes, naming the option, when no project can be found', async () => {
    const config = configOf(`gcl:?endpoint=${server.endpoint}&insecure=true`);
    const sink = new GclEventSink(config, settings, {
      environment: {
        adcProject: async () => undefined,
        onGce: async () => false,
        metadata: async () => undefined,
      },
    });
    sinks.push(sink);
    const error = await write(sink).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(String(error)).toMatch(/gcl sink option project: required/);
    expect(server.writes).toHaveLength(0);
  });

  it('should reject writes after shutdown, which is idempotent', async () => {
    const sink = sinkOf();
    await sink.shutdown({ signal: noDeadline() });
    await sink.shutdown({ signal: noDeadline() });
    await expect(write(sink)).rejects.toThrow(PermanentError);
  });
});
