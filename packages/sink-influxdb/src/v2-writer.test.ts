import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RetryableError } from '@heapster/runtime';
import { startVictoriaMetrics, type VictoriaMetricsServer } from '@heapster/testing';
import { sampleBatch } from '@heapster/sink/testing';
import { influxdbSinkFactory } from './factory.js';
import { configOf, noDeadline, recentBatchTime, testSettings } from './testing/sink-settings.js';

let vm: VictoriaMetricsServer;
beforeAll(async () => {
  vm = await startVictoriaMetrics();
});
afterAll(async () => {
  await vm?.stop();
});

function v2Sink(url: string, options = '') {
  return influxdbSinkFactory.createMetricSink(
    configOf(`influxdb:${url}?version=2&org=heapster&bucket=k8s&token=secret${options}`),
    testSettings(),
  );
}

async function valueAt(promql: string, timeMs: number): Promise<number[]> {
  const samples = await vm.query(promql, timeMs / 1000);
  return samples.map(sample => Number(sample.value[1])).sort((a, b) => a - b);
}

describe('InfluxDB v2 write path against VictoriaMetrics', () => {
  it('should write the default schema through /api/v2/write (read back with PromQL)', async () => {
    const time = recentBatchTime();
    const sink = v2Sink(vm.url);
    expect(sink.name).not.toContain('secret');
    await sink.start({ signal: noDeadline() });
    await sink.write(sampleBatch(time), { signal: noDeadline() });
    await sink.shutdown({ signal: noDeadline() });
    await vm.forceFlush();
    expect(
      await valueAt(
        '{__name__="cpu/usage_rate_value", type="pod_container", pod_name="web 1"}',
        time,
      ),
    ).toEqual([13]);
    expect(await valueAt('{__name__="cpu/usage_rate_value"}', time)).toEqual([13, 13, 13, 1250]);
    expect(
      await valueAt(
        '{__name__="filesystem/usage_value", resource_id="/", cluster_name="default"}',
        time,
      ),
    ).toEqual([1_000_000]);
    expect(await valueAt('{__name__="network/rx_rate_value"}', time)).toEqual([1536.5]);
  });

  it('should write the withfields schema (measurement_field names)', async () => {
    const time = recentBatchTime() + 60_000;
    await v2Sink(vm.url, '&withfields=true&cluster_name=v2fields').write(sampleBatch(time), {
      signal: noDeadline(),
    });
    await vm.forceFlush();
    expect(await valueAt('cpu_usage_rate{cluster_name="v2fields", type="node"}', time)).toEqual([
      1250,
    ]);
    expect(await valueAt('filesystem_limit{cluster_name="v2fields"}', time)).toEqual([10_000_000]);
  });

  it('should fail retryably when nothing listens', async () => {
    const down = await startVictoriaMetrics();
    await down.stop();
    await expect(
      v2Sink(down.url, '&timeout=2s').write(sampleBatch(recentBatchTime()), {
        signal: noDeadline(),
      }),
    ).rejects.toBeInstanceOf(RetryableError);
  });

  it('should reject at once when the caller aborts', async () => {
    const deadline = new AbortController();
    const reason = new RetryableError('deadline');
    deadline.abort(reason);
    await expect(
      v2Sink(vm.url).write(sampleBatch(recentBatchTime()), { signal: deadline.signal }),
    ).rejects.toBe(reason);
  });

  it('should reject at the caller deadline while VictoriaMetrics hangs', async () => {
    const sink = v2Sink(vm.url, '&timeout=5s');
    vm.pause();
    try {
      const deadline = new AbortController();
      const write = sink.write(sampleBatch(recentBatchTime()), { signal: deadline.signal });
      await new Promise(resolve => setTimeout(resolve, 50));
      const reason = new RetryableError('deadline');
      deadline.abort(reason);
      await expect(write).rejects.toBe(reason);
    } finally {
      vm.resume();
    }
  });
});
