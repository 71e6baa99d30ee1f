import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DataBatch, EntityType, MetricId } from '@heapster/model';
import { PartialWriteError, PermanentError, RetryableError } from '@heapster/runtime';
import { StackdriverMetricSink, type StackdriverSinkDeps } from './metric-sink.js';
import { FakeMonitoringServer } from './testing/fake-monitoring-server.js';
import { SAMPLE_START, SAMPLE_TIMESTAMP, sampleBatch } from './testing/sample-batch.js';
import {
  configOf,
  counterValue,
  noDeadline,
  testSettings,
  type TestSettings,
} from './testing/sink-settings.js';

// No developer credentials or metadata server may leak into these tests.
process.env.METADATA_SERVER_DETECTION = 'none';

const SAMPLE_SERIES = 31;
const FAST_RETRY: StackdriverSinkDeps = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };

let server: FakeMonitoringServer;
let settings: TestSettings;
const sinks: StackdriverMetricSink[] = [];

beforeEach(async () => {
  server = new FakeMonitoringServer();
  await server.start();
  settings = testSettings();
});

afterEach(async () => {
  for (const sink of sinks.splice(0)) await sink.shutdown({ signal: noDeadline() });
  await server.stop();
});

function sinkOf(options = '', deps: StackdriverSinkDeps = FAST_RETRY): StackdriverMetricSink {
  const config = configOf(
    `stackdriver:?project=test-proj&cluster_name=prod&cluster_location=us-central1` +
      `&endpoint=${server.endpoint}&insecure=true${options}`,
  );
  const sink = new StackdriverMetricSink(config, settings, deps);
  sinks.push(sink);
  return sink;
}

const write = (sink: StackdriverMetricSink, batch: DataBatch = sampleBatch()) =>
  sink.write(batch, { signal: noDeadline() });

/** Nodes with two gauges each: 2 × nodes series. */
function nodesBatch(nodes: number): DataBatch {
  const batch = new DataBatch({ timestamp: SAMPLE_TIMESTAMP });
  const table = batch.table(EntityType.Node);
  for (let i = 0; i < nodes; i++) {
    const row = table.addRow({ node: `node-${i}` });
    table.setCollectionStartTime(row, SAMPLE_START);
    table.setValue(row, MetricId.CpuNodeCapacity, 4000);
    table.setValue(row, MetricId.CpuNodeAllocatable, 3900);
  }
  return batch;
}

const count = (name: string, code: string) =>
  counterValue(settings.registry, `heapster_stackdriver_${name}`, { code });

describe('Cloud Monitoring metric sink against a local MetricService', () => {
  it('should send the batch as CreateTimeSeries with resources, kinds and intervals', async () => {
    const sink = sinkOf();
    await sink.start({ signal: noDeadline() });
    await write(sink);
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.name).toBe('projects/test-proj');
    expect(request.metadata['x-goog-request-params']).toContain('projects%2Ftest-proj');
    expect(request.timeSeries).toHaveLength(SAMPLE_SERIES);
    const cpu = request.timeSeries.find(
      s => s.metric.type === 'kubernetes.io/container/cpu/core_usage_time',
    );
    expect(cpu).toEqual({
      metric: { type: 'kubernetes.io/container/cpu/core_usage_time' },
      resource: {
        type: 'k8s_container',
        labels: {
          project_id: 'test-proj',
          location: 'us-central1',
          cluster_name: 'prod',
          namespace_name: 'default',
          pod_name: 'web-1',
          container_name: 'app',
        },
      },
      metricKind: 'CUMULATIVE',
      valueType: 'DOUBLE',
      points: [
        {
          interval: {
            startTime: { seconds: String(SAMPLE_START / 1000), nanos: 0 },
            endTime: { seconds: String(SAMPLE_TIMESTAMP / 1000), nanos: 0 },
          },
          value: { doubleValue: 1.5, value: 'doubleValue' },
        },
      ],
    });
    const used = request.timeSeries.find(
      s =>
        s.metric.type === 'kubernetes.io/node/memory/used_bytes' &&
        s.metric.labels.memory_type === 'evictable',
    );
    expect(used.points[0]).toEqual({
      interval: { endTime: { seconds: String(SAMPLE_TIMESTAMP / 1000), nanos: 0 } },
      value: { int64Value: '1073741824', value: 'int64Value' },
    });
    expect(await count('requests_count', 'OK')).toBe(1);
    expect(await count('timeseries_count', 'OK')).toBe(SAMPLE_SERIES);
  });

  it('should put at most 200 time series in a request and send each series once', async () => {
    const sink = sinkOf('&workers=3');
    await write(sink, nodesBatch(225));
    expect(server.requests.map(r => r.timeSeries.length).sort((a, b) => a - b)).toEqual([
      50, 200, 200,
    ]);
    const keys = server.requests.flatMap(r =>
      r.timeSeries.map(s => `${s.resource.labels.node_name} ${s.metric.type}`),
    );
    expect(new Set(keys).size).toBe(450);
  });

  it('should keep `workers` requests in flight, no more', async () => {
    // Replies are held long enough that both workers' requests overlap even on a slow machine.
    server.delayMs = 100;
    const sink = sinkOf('&workers=2');
    await write(sink, nodesBatch(600));
    expect(server.requests).toHaveLength(6);
    expect(server.maxInFlight).toBe(2);
  });

  it('should retry on Unavailable and DeadlineExceeded, then succeed with the same series', async () => {
    server.reply(
      { kind: 'error', code: 14, message: 'backend unavailable' },
      { kind: 'error', code: 4, message: 'deadline exceeded' },
    );
    const sink = sinkOf();
    await write(sink);
    expect(server.requests).toHaveLength(3);
    expect(server.requests[2]!.timeSeries).toEqual(server.requests[0]!.timeSeries);
    expect(await count('requests_count', 'Unavailable')).toBe(1);
    expect(await count('requests_count', 'DeadlineExceeded')).toBe(1);
    expect(await count('requests_count', 'OK')).toBe(1);
    expect(await count('timeseries_count', 'OK')).toBe(SAMPLE_SERIES);
  });

  it('should give up after the last attempt with a RetryableError', async () => {
    const down = { kind: 'error', code: 14, message: 'backend unavailable' } as const;
    server.reply(down, down, down, down);
    const sink = sinkOf();
    await expect(write(sink)).rejects.toThrow(RetryableError);
    expect(server.requests).toHaveLength(4);
    expect(await count('timeseries_count', 'Unavailable')).toBe(SAMPLE_SERIES);
  });

  it('should not retry a permanent error, and log its cause once', async () => {
    const refused = { kind: 'error', code: 3, message: 'Unrecognized metric type 17' } as const;
    server.reply(refused, { ...refused, message: 'Unrecognized metric type 18' });
    const sink = sinkOf();
    const first = write(sink);
    await expect(first).rejects.toThrow(PermanentError);
    await expect(first).rejects.toThrow(
      /none of 31 time series written \(InvalidArgument: Unrecognized/,
    );
    await expect(write(sink)).rejects.toThrow(PermanentError);
    expect(server.requests).toHaveLength(2);
    const errors = settings.logger.lines.filter(line => line.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.fields).toMatchObject({ code: 'InvalidArgument', series: SAMPLE_SERIES });
    expect(await count('timeseries_count', 'InvalidArgument')).toBe(2 * SAMPLE_SERIES);
  });

  it('should report series Cloud Monitoring refused in a request as a partial write', async () => {
    server.reply({ kind: 'partial', success: 20, message: 'Points must be written in order' });
    const sink = sinkOf();
    const error = await write(sink).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartialWriteError);
    expect((error as PartialWriteError).failed).toBe(SAMPLE_SERIES - 20);
    expect(server.requests).toHaveLength(1);
    expect(await count('timeseries_count', 'OK')).toBe(20);
    expect(await count('timeseries_count', 'InvalidArgument')).toBe(SAMPLE_SERIES - 20);
  });

  it('should count a failed request of several as a partial write', async () => {
    server.reply({ kind: 'error', code: 7, message: 'permission denied' });
    const sink = sinkOf('&workers=1');
    const error = await write(sink, nodesBatch(150)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartialWriteError);
    expect((error as PartialWriteError).failed).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('should skip batches closer than min_interval_sec to the last export', async () => {
    const sink = sinkOf('&min_interval_sec=60');
    await write(sink, sampleBatch(SAMPLE_TIMESTAMP));
    await write(sink, sampleBatch(SAMPLE_TIMESTAMP + 30_000));
    await write(sink, sampleBatch(SAMPLE_TIMESTAMP + 60_000));
    expect(server.requests).toHaveLength(2);
  });

  it('should export only node series for gcm?metrics=autoscaling', async () => {
    const config = configOf(
      `gcm:?metrics=autoscaling&project=test-proj&cluster_name=prod&zone=us-central1-a&endpoint=${server.endpoint}&insecure=true`,
    );
    const sink = new StackdriverMetricSink(config, settings, FAST_RETRY);
    sinks.push(sink);
    expect(sink.name).toBe(`gcm(${server.endpoint}, resources=new, metrics=autoscaling)`);
    await write(sink);
    const types = new Set(server.requests[0]!.timeSeries.map(s => s.resource.type));
    expect(types).toEqual(new Set(['k8s_node']));
    expect(server.requests[0]!.timeSeries[0].resource.labels.location).toBe('us-central1-a');
  });

  it('should fail without a metadata server when neither cluster_location nor zone is set, naming them', async () => {
    const config = configOf(
      `stackdriver:?project=test-proj&cluster_name=prod&endpoint=${server.endpoint}&insecure=true`,
    );
    const sink = new StackdriverMetricSink(config, settings);
    sinks.push(sink);
    await expect(sink.start({ signal: noDeadline() })).rejects.toThrow(
      /stackdriver sink option cluster_location: required: .*no GCE metadata server/,
    );
    const error = await write(sink).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(String(error)).toMatch(/cluster_location/);
    expect(server.requests).toHaveLength(0);
  });

  it('should stop retrying when the deadline aborts the write', async () => {
    const down = { kind: 'error', code: 14, message: 'backend unavailable' } as const;
    server.reply(down, down, down, down);
    const sink = sinkOf('', {
      retry: { baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 1 },
    });
    const controller = new AbortController();
    const writing = sink.write(sampleBatch(), { signal: controller.signal });
    while (server.requests.length === 0) await new Promise(resolve => setTimeout(resolve, 5));
    controller.abort(new Error('export deadline'));
    await expect(writing).rejects.toThrow('export deadline');
    expect(server.requests).toHaveLength(1);
  });

  it('should reject writes after shutdown, which is idempotent', async () => {
    const sink = sinkOf();
    await sink.shutdown({ signal: noDeadline() });
    await sink.shutdown({ signal: noDeadline() });
    await expect(write(sink)).rejects.toThrow(PermanentError);
    expect(server.requests).toHaveLength(0);
  });
});
