import { describe, expect, it } from '@jest/globals';
import { DataBatch } from '@heapster/model';
import { SAMPLE_TIMESTAMP, sampleBatch, sampleEvents } from '@heapster/sink/testing';
import { eventBodies } from './event-serializer.js';
import { metricBodies } from './serializer.js';
import { readGolden } from './testing/golden.js';

const pretty = (json: string): string => `${JSON.stringify(JSON.parse(json), null, 2)}\n`;

describe('http sink JSON', () => {
  it('should describe a metric batch as the README documents it (golden)', () => {
    const bodies = [...metricBodies(sampleBatch(), 8 * 1024 * 1024)];
    expect(bodies).toHaveLength(1);
    const text = pretty(bodies[0]!.json);
    expect(text).toBe(readGolden('metrics.json', text));
    const body = JSON.parse(bodies[0]!.json);
    expect(body).toMatchObject({
      version: 1,
      kind: 'metrics',
      timestampMs: SAMPLE_TIMESTAMP,
      part: 0,
    });
    expect(body.descriptors['cpu/usage_rate']).toEqual({
      type: 'gauge',
      valueType: 'int64',
      units: 'millicores',
    });
    const container = body.metricSets.find((set: any) => set.type === 'pod_container');
    expect(container.metrics['cpu/usage_rate']).toBe(13);
  });

  it('should split at max_body_bytes into bodies that together hold every metric set', () => {
    const whole = JSON.parse([...metricBodies(sampleBatch(), 1 << 20)][0]!.json);
    const limit = 1400;
    const bodies = [...metricBodies(sampleBatch(), limit)];
    expect(bodies.length).toBeGreaterThan(1);
    const parts = bodies.map(body => JSON.parse(body.json));
    expect(parts.map(part => part.part)).toEqual(bodies.map((_, i) => i));
    expect(parts.flatMap(part => part.metricSets)).toEqual(whole.metricSets);
    for (const [i, body] of bodies.entries()) {
      expect(body.items).toBe(parts[i].metricSets.length);
      if (body.items > 1) expect(Buffer.byteLength(body.json)).toBeLessThanOrEqual(limit);
      const used = new Set(
        parts[i].metricSets.flatMap((set: any) => [
          ...Object.keys(set.metrics),
          ...set.labeledMetrics.map((m: any) => m.name),
        ]),
      );
      expect(Object.keys(parts[i].descriptors).sort()).toEqual([...used].sort());
    }
  });

  it('should send one body with no metric sets for an empty batch', () => {
    const bodies = [...metricBodies(new DataBatch({ timestamp: SAMPLE_TIMESTAMP }), 1 << 20)];
    expect(bodies.map(body => JSON.parse(body.json).metricSets)).toEqual([[]]);
  });

  it('should wrap each event with its id = uid/resourceVersion (golden)', () => {
    const bodies = [...eventBodies(sampleEvents(), 1 << 20, SAMPLE_TIMESTAMP)];
    const text = pretty(bodies[0]!.json);
    expect(text).toBe(readGolden('events.json', text));
    expect(JSON.parse(bodies[0]!.json).events.map((e: any) => e.id)).toEqual([
      'ev-1/101',
      'ev-2/102',
    ]);
    expect([...eventBodies([], 1 << 20, SAMPLE_TIMESTAMP)]).toEqual([]);
  });
});
