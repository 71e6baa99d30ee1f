import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { DataBatch, EntityType, LabelId, MetricId } from '@heapster/model';
import { DecodeError } from '../decode/decode-error.js';
import { decodeResourceMetrics } from './decode-resource-metrics.js';

const captured = readFileSync(
  new URL('../../testdata/resource-kubesim.txt', import.meta.url),
  'utf8',
);
const context = {
  nodeName: 'node-0001',
  hostname: 'node-0001',
  hostId: 'i-1',
  scrapeStartMs: 1_714_564_801_000,
};
const T = 1_714_564_800_000;

function decodeError(text: string): DecodeError {
  try {
    decodeResourceMetrics(text, new DataBatch({ timestamp: 0 }), context);
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return error as DecodeError;
  }
  throw new Error('expected a DecodeError');
}

describe('decodeResourceMetrics', () => {
  it('writes node, pod and container cpu (ns), working set, start and sample times', () => {
    const batch = new DataBatch({ timestamp: 0 });
    const result = decodeResourceMetrics(captured, batch, context);
    expect(result).toEqual({ nodeRow: 0, pods: 6, containers: 6 });

    const nodes = batch.table(EntityType.Node);
    expect(nodes.value(0, MetricId.CpuUsage)).toBe(52_337_034_285_714);
    expect(nodes.value(0, MetricId.MemoryWorkingSet)).toBe(1_939_502_954);
    expect(nodes.scrapeTime(0)).toBe(T);
    expect(nodes.has(0, MetricId.Uptime)).toBe(false);
    expect(batch.label(EntityType.Node, 0, LabelId.HostId)).toBe('i-1');

    const containers = batch.table(EntityType.PodContainer);
    const c = containers.rowOf({
      namespace: 'kube-system',
      pod: 'kube-proxy-qr7hf',
      container: 'kube-proxy',
    });
    expect(containers.value(c, MetricId.CpuUsage)).toBe(9_834_888_311_688);
    expect(containers.value(c, MetricId.MemoryWorkingSet)).toBe(295_317_066);
    expect(containers.createTime(c)).toBe(1_714_407_032_000);
    expect(containers.collectionStartTime(c)).toBe(1_714_407_032_000);
    expect(containers.value(c, MetricId.Uptime)).toBe(T - 1_714_407_032_000);
    expect(containers.identity(c, 'node')).toBe('node-0001');

    const pods = batch.table(EntityType.Pod);
    const p = pods.rowOf({ namespace: 'kube-system', pod: 'kube-proxy-qr7hf' });
    expect(pods.value(p, MetricId.MemoryWorkingSet)).toBe(295_841_354);
    // The pod's start is its first container's.
    expect(pods.collectionStartTime(p)).toBe(1_714_407_032_000);
  });

  it('uses the request start when a sample has no timestamp, and skips NaN samples', () => {
    const batch = new DataBatch({ timestamp: 0 });
    decodeResourceMetrics(
      'node_cpu_usage_seconds_total 12.5\nnode_memory_working_set_bytes NaN\n',
      batch,
      context,
    );
    const nodes = batch.table(EntityType.Node);
    expect(nodes.value(0, MetricId.CpuUsage)).toBe(12_500_000_000);
    expect(nodes.has(0, MetricId.MemoryWorkingSet)).toBe(false);
    expect(nodes.scrapeTime(0)).toBe(context.scrapeStartMs);
  });

  it('reads escaped label values, CRLF line ends and exponent forms', () => {
    const text =
      'container_memory_working_set_bytes{container="a\\"b",namespace="ns",pod="p",} 1.5e+03 1000\r\n';
    const batch = new DataBatch({ timestamp: 0 });
    decodeResourceMetrics(text, batch, context);
    const containers = batch.table(EntityType.PodContainer);
    expect(containers.identity(0, 'container')).toBe('a"b');
    expect(containers.value(0, MetricId.MemoryWorkingSet)).toBe(1500);
    expect(batch.table(EntityType.Pod).size).toBe(1);
  });

  it.each([
    ['node_cpu_usage_seconds_total abc 1\n', 'line 1: expected a number, got "abc"'],
    [
      'node_cpu_usage_seconds_total 1 1\ncontainer_cpu_usage_seconds_total{container="a",pod="p" 1 1\n',
      'line 2: expected "," or "}" after label "pod", got "1 1"',
    ],
    [
      '# HELP x\ncontainer_cpu_usage_seconds_total{container="a",pod="p"} 1 1\n',
      'line 2: container_cpu_usage_seconds_total has no "namespace" label',
    ],
    [
      'pod_memory_working_set_bytes{namespace="n",pod="p"} -4 1\n',
      'line 1: pod_memory_working_set_bytes is -4, expected a finite non-negative number',
    ],
    [
      'node_cpu_usage_seconds_total 1 17x\n',
      'line 1: expected a timestamp in milliseconds, got "17x"',
    ],
    ['node_cpu_usage_seconds_total 1 1 extra\n', 'line 1: unexpected "extra" after the sample'],
    [
      'node_cpu_usage_seconds_total{a=b} 1\n',
      'line 1: expected a quoted value for label "a", got "b} 1"',
    ],
    ['9lives 1\n', 'line 1: expected a metric name, got "9lives 1"'],
    [
      'node_cpu_usage_seconds_total 1\nnode_memory_working_set_bytes 17',
      'line 2: the body is truncated (its last line has no line feed)',
    ],
  ])('names the line of %j', (text, message) => {
    expect(decodeError(text).message).toBe(message);
  });

  it('leaves the batch untouched when a late line is malformed', () => {
    const batch = new DataBatch({ timestamp: 0 });
    expect(() => decodeResourceMetrics(`${captured}bad line here\n`, batch, context)).toThrow(
      DecodeError,
    );
    expect(batch.entityCount()).toBe(0);
  });

  it('ignores families it does not map', () => {
    const batch = new DataBatch({ timestamp: 0 });
    decodeResourceMetrics('scrape_error 0\nresource_scrape_error{x="y"} 1\n', batch, context);
    expect(batch.entityCount()).toBe(1);
  });
});
