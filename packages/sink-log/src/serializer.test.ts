import { describe, expect, it } from '@jest/globals';
import { SAMPLE_TIMESTAMP, sampleBatch, sampleEvents } from '@heapster/sink/testing';
import { formatEventBatch } from './event-serializer.js';
import { formatMetricBatch } from './serializer.js';
import { readGolden } from './testing/golden.js';

const render = (pieces: Iterable<string>): string => [...pieces].join('');

describe('log serializer', () => {
  it('should dump every metric set in key order with sorted labels and metrics (text golden)', () => {
    const text = render(formatMetricBatch(sampleBatch(), 'text', 0));
    expect(text).toBe(readGolden('metrics.txt', text));
  });

  it('should write one JSON object per metric set (json golden)', () => {
    const text = render(formatMetricBatch(sampleBatch(), 'json', 0));
    expect(text).toBe(readGolden('metrics.jsonl', text));
    const lines = text
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(lines).toHaveLength(6);
    const container = lines.find(line => line.type === 'pod_container');
    expect(container.metrics['cpu/usage_rate']).toBe(13); // int64: provisional 12.6 rounded
    expect(container.labels.pod_name).toBe('web 1');
  });

  it('should keep the first max_sets metric sets and say how many were left out', () => {
    const text = render(formatMetricBatch(sampleBatch(), 'text', 2));
    expect(text.match(/^MetricSet: /gm)).toHaveLength(2);
    expect(text).toContain('MetricSet: cluster\n');
    expect(text).toContain('... 4 more metric sets not shown (max_sets=2)');
    const json = render(formatMetricBatch(sampleBatch(), 'json', 5))
      .trim()
      .split('\n');
    expect(JSON.parse(json[5] as string)).toEqual({
      timestamp: '2024-01-01T00:01:00.000Z',
      omittedMetricSets: 1,
      maxSets: 5,
    });
  });

  it("should print events in Heapster's line format (text golden)", () => {
    const text = render(formatEventBatch(sampleEvents(), 'text', 0, SAMPLE_TIMESTAMP));
    expect(text).toBe(readGolden('events.txt', text));
    expect(text).toContain('   2024-01-01T00:00:40Z (cnt:3): Container image');
  });

  it('should print each event as one JSON line, and cap at max_events', () => {
    const lines = render(formatEventBatch(sampleEvents(), 'json', 1, SAMPLE_TIMESTAMP))
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(lines[0]).toEqual(sampleEvents()[0]);
    expect(lines[1]).toEqual({ omittedEvents: 1, maxEvents: 1 });
  });
});
