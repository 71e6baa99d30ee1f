import { describe, expect, it } from '@jest/globals';
import { sampleEventShapes as sampleEvents } from '@heapster/sink/testing';
import { entryOf, logNameOf, severityOf, timestampOf } from './log-entry.js';
import { toStruct } from './struct.js';
import { readGolden } from './testing/golden.js';
import { TEST_NOW } from './testing/sink-settings.js';

describe('event log entries', () => {
  it('should turn each event into an entry: insertId, timestamp, severity, payload (golden)', () => {
    const entries = sampleEvents().map(event => entryOf(event, TEST_NOW));
    const text = entries.map(entry => JSON.stringify(entry)).join('\n') + '\n';
    expect(text).toBe(readGolden('entries.jsonl', text));
    expect(entries.map(entry => [entry.insertId, entry.severity])).toEqual([
      ['ev-1/101', 'INFO'],
      ['ev-2/102', 'WARNING'],
      ['ev-3/103', 'DEFAULT'],
      ['ev-4/104', 'DEFAULT'],
    ]);
    const events = sampleEvents();
    expect(entryOf(events[0]!, TEST_NOW).jsonPayload).toBe(events[0]); // the event, as it came
  });

  it('should stamp lastTimestamp, else eventTime, else the write time', () => {
    const [pulled, notReady, , noTime] = sampleEvents().map(event => entryOf(event, TEST_NOW));
    expect(pulled!.timestamp).toEqual(timestampOf(Date.parse('2024-01-01T00:00:40Z')));
    expect(notReady!.timestamp).toEqual({
      seconds: Date.parse('2024-01-01T00:00:50Z') / 1000,
      nanos: 123_000_000,
    });
    expect(noTime!.timestamp).toEqual(timestampOf(TEST_NOW));
  });

  it('should give the same entry for the same event version, and a new one for a count bump', () => {
    const [event] = sampleEvents();
    expect(entryOf(event!, TEST_NOW)).toEqual(entryOf(structuredClone(event!), TEST_NOW + 60_000));
    const bumped = {
      ...event!,
      metadata: { ...event!.metadata, resourceVersion: '190' },
      lastTimestamp: '2024-01-01T00:01:10Z',
      count: 4,
    };
    expect(entryOf(bumped, TEST_NOW).insertId).toBe('ev-1/190');
  });

  it('should map Warning to WARNING and Normal to INFO (Heapster wrote NOTICE for all)', () => {
    const [normal, warning] = sampleEvents();
    expect(severityOf(normal!)).toBe('INFO');
    expect(severityOf(warning!)).toBe('WARNING');
  });

  it('should URL-encode the log id as the client library does', () => {
    expect(logNameOf('test-proj', 'kubernetes.io/events')).toBe(
      'projects/test-proj/logs/kubernetes.io%2Fevents',
    );
  });

  it('should convert JSON to a protobuf Struct', () => {
    expect(
      toStruct({
        s: 'x',
        n: 3,
        b: false,
        z: null,
        u: undefined,
        l: [1, 'a', null],
        o: { k: 'v' },
        i: Infinity,
      }),
    ).toEqual({
      fields: {
        s: { stringValue: 'x' },
        n: { numberValue: 3 },
        b: { boolValue: false },
        z: { nullValue: 'NULL_VALUE' },
        l: {
          listValue: {
            values: [{ numberValue: 1 }, { stringValue: 'a' }, { nullValue: 'NULL_VALUE' }],
          },
        },
        o: { structValue: { fields: { k: { stringValue: 'v' } } } },
        i: { nullValue: 'NULL_VALUE' },
      },
    });
  });
});
