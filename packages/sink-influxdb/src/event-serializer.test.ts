import { describe, expect, it } from '@jest/globals';
import { SAMPLE_TIMESTAMP, sampleEvents } from '@heapster/sink/testing';
import { eventLine, eventTimestampNs } from './event-serializer.js';
import { readGolden } from './testing/golden.js';

describe('InfluxDB event serializer', () => {
  it("should write Heapster's log/events schema with the whole event as JSON (golden)", () => {
    const text = sampleEvents()
      .map(event => eventLine(event, { withFields: false, clusterName: 'default' }, 0))
      .join('');
    expect(text).toBe(readGolden('events-default.lp', text));
    expect(text).toMatch(
      /^log\/events,cluster_name=default,hostname=node-1,pod_id=uid-web-1,pod_name=web-1,uid=ev-1 value="/,
    );
  });

  it("should write Heapster's withfields events schema (golden)", () => {
    const text = sampleEvents()
      .map(event => eventLine(event, { withFields: true, clusterName: 'default' }, 0))
      .join('');
    expect(text).toBe(readGolden('events-withfields.lp', text));
    expect(text).toContain(
      'events,cluster_name=default,component=kubelet,hostname=node-1,kind=Pod,namespace_name=default,' +
        'object_name=web-1,pod_id=uid-web-1,reason=Pulled,type=Normal,uid=ev-1 message=',
    );
  });

  it('should give one version one time and another version of the same second another', () => {
    const [event] = sampleEvents();
    const again = eventTimestampNs(event!, 0);
    expect(eventTimestampNs(event!, 0)).toBe(again);
    expect(again.slice(0, 13)).toBe(String(Date.parse('2024-01-01T00:00:40Z')));
    const bumped = { ...event!, metadata: { ...event!.metadata, resourceVersion: '150' } };
    expect(eventTimestampNs(bumped, 0)).not.toBe(again);
    expect(eventTimestampNs(bumped, 0).slice(0, 13)).toBe(again.slice(0, 13));
  });

  it('should fall back to the given time only for an event without any time', () => {
    const [event] = sampleEvents();
    const timeless = { ...event!, lastTimestamp: null, firstTimestamp: null };
    expect(eventTimestampNs(timeless, SAMPLE_TIMESTAMP).slice(0, 13)).toBe(
      String(SAMPLE_TIMESTAMP),
    );
  });
});
