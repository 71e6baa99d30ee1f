import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { DataBatch, EntityType, LabelId, MetricId } from '@heapster/model';
import { DecodeError } from '../decode/decode-error.js';
import { dumpBatch } from '../testing/dump-batch.js';
import { decodeSummary } from './decode-summary.js';

const testdata = (name: string): string =>
  readFileSync(new URL(`../../testdata/${name}`, import.meta.url), 'utf8');
const golden = testdata('summary-golden.json');
const context = {
  nodeName: 'node-a',
  hostname: 'node-a.example',
  hostId: 'i-0abc',
  scrapeStartMs: Date.parse('2024-05-01T12:00:03Z'),
};

/** The golden summary with one change applied to its parsed form. */
function mutated(change: (summary: any) => void): string {
  const summary = JSON.parse(golden);
  change(summary);
  return JSON.stringify(summary);
}

function decodeError(body: unknown): DecodeError {
  try {
    decodeSummary(body, new DataBatch({ timestamp: 0 }), context);
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return error as DecodeError;
  }
  throw new Error('expected a DecodeError');
}

describe('decodeSummary', () => {
  it('writes the golden summary as the expected values table', () => {
    const batch = new DataBatch({ timestamp: 0 });
    const result = decodeSummary(golden, batch, context);
    expect(dumpBatch(batch)).toEqual(testdata('summary-golden.expected.txt').trimEnd().split('\n'));
    expect(result).toEqual({
      nodeRow: 0,
      pods: 3,
      containers: 3,
      systemContainers: 4,
      duplicatesDropped: 1,
      customMetricsSkipped: 1,
    });
  });

  it('decodes text, bytes and an already parsed body alike', () => {
    const fromText = new DataBatch({ timestamp: 0 });
    const fromBytes = new DataBatch({ timestamp: 0 });
    const fromObject = new DataBatch({ timestamp: 0 });
    decodeSummary(golden, fromText, context);
    decodeSummary(new TextEncoder().encode(golden), fromBytes, context);
    decodeSummary(JSON.parse(golden), fromObject, context);
    expect(dumpBatch(fromBytes)).toEqual(dumpBatch(fromText));
    expect(dumpBatch(fromObject)).toEqual(dumpBatch(fromText));
  });

  it('keeps the newer of two containers with the same name, whichever comes first', () => {
    const body = mutated(s => s.pods[0].containers.reverse());
    const batch = new DataBatch({ timestamp: 0 });
    decodeSummary(body, batch, context);
    const table = batch.table(EntityType.PodContainer);
    const row = table.rowOf({ namespace: 'default', pod: 'web-1', container: 'app' });
    expect(table.value(row, MetricId.CpuUsage)).toBe(300_000_000_000);
    expect(table.size).toBe(3);
  });

  it('keeps the newer of two pods with the same namespace and name', () => {
    const body = mutated(s => {
      const stale = JSON.parse(JSON.stringify(s.pods[1]));
      stale.startTime = '2024-04-30T00:00:00Z';
      stale.memory.usageBytes = 1;
      s.pods[1].startTime = '2024-05-01T10:00:00Z';
      s.pods.push(stale);
    });
    const batch = new DataBatch({ timestamp: 0 });
    const result = decodeSummary(body, batch, context);
    const pods = batch.table(EntityType.Pod);
    expect(pods.size).toBe(3);
    expect(result.duplicatesDropped).toBe(2);
    expect(
      pods.value(pods.rowOf({ namespace: 'kube-system', pod: 'dns-1' }), MetricId.MemoryUsage),
    ).toBe(52_428_800);
  });

  it('omits what the kubelet omits instead of writing zeros', () => {
    const body = mutated(s => {
      delete s.node.cpu;
      delete s.node.memory.workingSetBytes;
      s.node.fs = null;
    });
    const batch = new DataBatch({ timestamp: 0 });
    decodeSummary(body, batch, context);
    const nodes = batch.table(EntityType.Node);
    expect(nodes.has(0, MetricId.CpuUsage)).toBe(false);
    expect(nodes.has(0, MetricId.MemoryWorkingSet)).toBe(false);
    expect(nodes.has(0, MetricId.EphemeralStorageUsage)).toBe(false);
    expect(nodes.value(0, MetricId.MemoryUsage)).toBe(8_589_934_592);
    // Without cpu the sample time is the memory time.
    expect(nodes.scrapeTime(0)).toBe(Date.parse('2024-05-01T12:00:00Z'));
  });

  it('falls back to the request start when a row has no sample time', () => {
    const body = mutated(s => {
      s.pods[1].memory = null;
      s.pods[1].containers[0].memory.time = null;
    });
    const batch = new DataBatch({ timestamp: 0 });
    decodeSummary(body, batch, context);
    const pods = batch.table(EntityType.Pod);
    expect(pods.scrapeTime(pods.rowOf({ namespace: 'kube-system', pod: 'dns-1' }))).toBe(
      context.scrapeStartMs,
    );
  });

  it('leaves host_id unset when the node has none', () => {
    const batch = new DataBatch({ timestamp: 0 });
    decodeSummary(golden, batch, { ...context, hostId: '' });
    expect(batch.label(EntityType.Node, 0, LabelId.HostId)).toBe('');
    expect(batch.label(EntityType.Node, 0, LabelId.Hostname)).toBe('node-a.example');
  });

  it('skips a custom metric whose type clashes with its registration and keeps the rest', () => {
    const batch = new DataBatch({ timestamp: 0 });
    batch.metrics.ensure('custom/queue_depth', { type: 'cumulative' });
    const result = decodeSummary(golden, batch, context);
    expect(result.customMetricsSkipped).toBe(2);
    expect(result.pods).toBe(3);
  });

  it('registers custom metrics with the reported type', () => {
    const batch = new DataBatch({ timestamp: 0 });
    decodeSummary(golden, batch, context);
    expect(batch.metrics.get('custom/http_requests_total').type).toBe('cumulative');
    expect(batch.metrics.get('custom/queue_depth').type).toBe('gauge');
    expect(batch.metrics.has('custom/latency_histogram')).toBe(false);
  });
});

describe('decodeSummary on malformed bodies', () => {
  it.each([
    [
      'a string where a counter belongs',
      mutated(s => (s.pods[0].containers[1].cpu.usageCoreNanoSeconds = 'abc')),
      'pods[0].containers[1].cpu.usageCoreNanoSeconds: expected a number, got "abc"',
    ],
    [
      'a negative counter',
      mutated(s => (s.node.memory.pageFaults = -5)),
      'node.memory.pageFaults: expected a whole number from 0 to 2^64-1, got -5',
    ],
    [
      'a number beyond uint64',
      golden.replace('"usageCoreNanoSeconds": 7200000000000', '"usageCoreNanoSeconds": 1e999'),
      'node.cpu.usageCoreNanoSeconds: expected a whole number from 0 to 2^64-1, got Infinity',
    ],
    [
      'a fractional counter',
      mutated(s => (s.pods[2].network.interfaces[1].rxBytes = 1.5)),
      'pods[2].network.interfaces[1].rxBytes: expected a whole number from 0 to 2^64-1, got 1.5',
    ],
    [
      'a volume without a name',
      mutated(s => delete s.pods[0].volume[1].name),
      'pods[0].volume[1].name: expected a non-empty string, got nothing',
    ],
    [
      'a pod without a namespace',
      mutated(s => (s.pods[1].podRef.namespace = '')),
      'pods[1].podRef.namespace: expected a non-empty string, got ""',
    ],
    [
      'a bad time',
      mutated(s => (s.node.systemContainers[2].startTime = 'yesterday')),
      'node.systemContainers[2].startTime: expected an RFC 3339 time, got "yesterday"',
    ],
    [
      'containers that are not an array',
      mutated(s => (s.pods[1].containers = { name: 'x' })),
      'pods[1].containers: expected an array, got an object',
    ],
    [
      'a custom metric value that is a string',
      mutated(s => (s.pods[0].containers[2].userDefinedMetrics[0].value = 'NaN')),
      'pods[0].containers[2].userDefinedMetrics[0].value: expected a number, got "NaN"',
    ],
    ['a body that is an array', '[]', '(root): expected an object, got an array'],
    ['a summary without a node', '{"pods":[]}', 'node: expected an object, got nothing'],
  ])('names the field for %s', (_what, body, message) => {
    expect(decodeError(body).message).toBe(message);
  });

  it('says a cut-off body is truncated', () => {
    expect(decodeError(golden.slice(0, 3000)).message).toMatch(
      /^the body is truncated \(3000 characters\)/,
    );
  });

  it('says an empty body is empty', () => {
    expect(decodeError('  ').message).toBe('the body is empty');
  });

  it('leaves the batch exactly as it was when a body fails late', () => {
    const batch = new DataBatch({ timestamp: 0 });
    decodeSummary(golden, batch, { ...context, nodeName: 'node-b' });
    const before = dumpBatch(batch);
    const bad = mutated(s => (s.pods[2].network.txBytes = false));
    expect(() => decodeSummary(bad, batch, context)).toThrow(
      'pods[2].network.txBytes: expected a number, got false',
    );
    expect(dumpBatch(batch)).toEqual(before);
  });

  it('carries a stable error code', () => {
    expect(decodeError('{').code).toBe('HEAPSTER_ERR_KUBELET_DECODE');
  });

  it('uses a name id a summary carries only when the table confirms it', () => {
    // Ids that point at other strings (a summary read against another table) are not trusted:
    // the rows get the same names as from a summary without ids.
    const plain = new DataBatch({ timestamp: 0 });
    decodeSummary(JSON.parse(golden), plain, context);
    const withIds = new DataBatch({ timestamp: 0 });
    const wrong = withIds.strings.intern('not-this-name');
    const summary = JSON.parse(golden) as {
      pods: { podRef: Record<string, unknown>; containers?: Record<string, unknown>[] }[];
    };
    for (const pod of summary.pods) {
      Object.assign(pod.podRef, { nameId: wrong, namespaceId: wrong, uidId: 999_999 });
      for (const container of pod.containers ?? []) container['nameId'] = wrong;
    }
    decodeSummary(summary, withIds, context);
    expect(dumpBatch(withIds)).toEqual(dumpBatch(plain));
  });
});
