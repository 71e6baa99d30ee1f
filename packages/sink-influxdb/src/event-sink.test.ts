import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubeEvent } from '@heapster/model';
import { startInfluxDB, type InfluxDBServer } from '@heapster/testing';
import { sampleEvents } from '@heapster/sink/testing';
import { influxdbSinkFactory } from './factory.js';
import { rows } from './testing/influx-rows.js';
import { configOf, noDeadline, testSettings } from './testing/sink-settings.js';

let influx: InfluxDBServer;
beforeAll(async () => {
  influx = await startInfluxDB();
});
afterAll(async () => {
  await influx?.stop();
});

function eventSink(options: string) {
  return influxdbSinkFactory.createEventSink(
    configOf(`influxdb:${influx.url}?${options}`),
    testSettings(),
  );
}

/** Recent events (inside any retention), the second one a Pod event too. */
function recentEvents(): KubeEvent[] {
  const now = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  return sampleEvents().map(event => ({ ...event, lastTimestamp: now }));
}

describe('InfluxDB event sink against InfluxDB 1.6', () => {
  it('should store each event version once however often it is delivered', async () => {
    const sink = eventSink('db=events_default');
    const events = recentEvents();
    await sink.write(events, { signal: noDeadline() });
    await sink.write(events, { signal: noDeadline() });
    const first = events[0]!;
    const bumped: KubeEvent = {
      ...first,
      metadata: { ...first.metadata, resourceVersion: '200' },
      count: 4,
    };
    await sink.write([bumped, first], { signal: noDeadline() });
    const stored = await rows(
      influx,
      'SELECT value, resource_version FROM "log/events" GROUP BY uid',
      'events_default',
    );
    expect(stored.map(r => `${r.uid}/${r.resource_version}`).sort()).toEqual([
      'ev-1/101',
      'ev-1/200',
      'ev-2/102',
    ]);
    const latest = stored.find(r => r.resource_version === '200');
    expect(JSON.parse(String(latest?.value))).toEqual(bumped);
  });

  it('should write the withfields schema with the message and descriptive tags', async () => {
    const sink = eventSink('db=events_fields&withfields=true&cluster_name=prod');
    await sink.write(recentEvents(), { signal: noDeadline() });
    const stored = await rows(
      influx,
      `SELECT message FROM events WHERE reason = 'NodeNotReady' GROUP BY *`,
      'events_fields',
    );
    expect(stored).toEqual([
      expect.objectContaining({
        message: 'Node node-1 status is now: NodeNotReady\nkubelet stopped posting',
        kind: 'Node',
        object_name: 'node-1',
        type: 'Warning',
        component: 'node-controller',
        cluster_name: 'prod',
        uid: 'ev-2',
      }),
    ]);
  });

  it('should split large batches into writes of at most 1,000 events', async () => {
    const sink = eventSink('db=events_many&concurrency=2');
    const [template] = recentEvents();
    const many = Array.from({ length: 2500 }, (_, i) => ({
      ...template!,
      metadata: { ...template!.metadata, uid: `ev-${i}`, resourceVersion: String(1000 + i) },
    }));
    await sink.write(many, { signal: noDeadline() });
    const count = await rows(influx, 'SELECT count(value) FROM "log/events"', 'events_many');
    expect(count[0]?.count).toBe(2500);
    await sink.shutdown({ signal: noDeadline() });
  });
});
