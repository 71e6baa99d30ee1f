import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PartialWriteError, PermanentError, RetryableError } from '@heapster/runtime';
import { startInfluxDB, type InfluxDBServer } from '@heapster/testing';
import { sampleBatch } from '@heapster/sink/testing';
import { influxdbSinkFactory } from './factory.js';
import { rows } from './testing/influx-rows.js';
import { configOf, noDeadline, recentBatchTime, testSettings } from './testing/sink-settings.js';

let influx: InfluxDBServer;
beforeAll(async () => {
  influx = await startInfluxDB();
});
afterAll(async () => {
  await influx?.stop();
});

function metricSink(options: string, settings = testSettings()) {
  return influxdbSinkFactory.createMetricSink(
    configOf(`influxdb:${influx.url}?${options}`),
    settings,
  );
}

describe('InfluxDB metric sink against InfluxDB 1.6', () => {
  it('should create the database with the retention policy and store the batch as Heapster did', async () => {
    const sink = metricSink('db=k8s_plain&retention=7d&cluster_name=prod');
    const time = recentBatchTime();
    await sink.start({ signal: noDeadline() });
    await sink.write(sampleBatch(time), { signal: noDeadline() });
    await sink.shutdown({ signal: noDeadline() });

    const policies = await rows(influx, 'SHOW RETENTION POLICIES ON k8s_plain', 'k8s_plain');
    expect(policies.find(p => p.name === 'default')).toMatchObject({
      duration: '168h0m0s',
      default: true,
    });
    const usage = await rows(influx, `SELECT value FROM "cpu/usage_rate" GROUP BY *`, 'k8s_plain');
    expect(usage).toHaveLength(4);
    expect(usage.find(r => r.type === 'pod_container')).toEqual({
      time,
      value: 13,
      cluster_name: 'prod',
      container_base_image: 'nginx:1.25',
      container_name: 'app',
      labels: '', // GROUP BY * lists every tag key of the measurement; this series has none
      namespace_name: 'default',
      nodename: 'node-1',
      pod_id: 'uid-web-1',
      pod_name: 'web 1',
      type: 'pod_container',
    });
    const rx = await rows(influx, `SELECT value FROM "network/rx_rate"`, 'k8s_plain');
    expect(rx.map(r => r.value)).toEqual([1536.5]);
    const fs = await rows(
      influx,
      `SELECT value FROM "filesystem/usage" WHERE resource_id = '/' AND type = 'node'`,
      'k8s_plain',
    );
    expect(fs.map(r => r.value)).toEqual([1_000_000]);
    const tagKeys = await rows(influx, 'SHOW TAG KEYS FROM "cpu/usage_rate"', 'k8s_plain');
    expect(tagKeys.map(r => r.tagKey)).not.toContain('hostname');
  });

  it('should write the withfields schema: measurement = family, field = the rest', async () => {
    const sink = metricSink('db=k8s_fields&withfields=true');
    await sink.write(sampleBatch(recentBatchTime()), { signal: noDeadline() });
    const cpu = await rows(
      influx,
      `SELECT usage_rate, request FROM cpu WHERE type = 'pod_container'`,
      'k8s_fields',
    );
    expect(cpu).toEqual([expect.objectContaining({ usage_rate: 13, request: 100 })]);
    const measurements = await rows(influx, 'SHOW MEASUREMENTS', 'k8s_fields');
    expect(measurements.map(r => r.name).sort()).toEqual([
      'cpu',
      'filesystem',
      'memory',
      'network',
      'restart_count',
    ]);
    const fs = await rows(
      influx,
      `SELECT "usage", "limit" FROM filesystem WHERE type = 'node'`,
      'k8s_fields',
    );
    expect(fs).toEqual([expect.objectContaining({ usage: 1_000_000, limit: 10_000_000 })]);
  });

  it('should keep an existing policy unless retention is given, then alter it', async () => {
    await influx.query('CREATE DATABASE k8s_rp');
    await influx.query('CREATE RETENTION POLICY "default" ON k8s_rp DURATION 30d REPLICATION 1');
    await metricSink('db=k8s_rp').write(sampleBatch(recentBatchTime()), { signal: noDeadline() });
    const before = await rows(influx, 'SHOW RETENTION POLICIES ON k8s_rp', 'k8s_rp');
    expect(before.find(p => p.name === 'default')).toMatchObject({ duration: '720h0m0s' });
    await metricSink('db=k8s_rp&retention=2w').write(sampleBatch(recentBatchTime()), {
      signal: noDeadline(),
    });
    const after = await rows(influx, 'SHOW RETENTION POLICIES ON k8s_rp', 'k8s_rp');
    expect(after.find(p => p.name === 'default')).toMatchObject({
      duration: '336h0m0s',
      default: true,
    });
  });

  it('should create the database again when it disappears', async () => {
    const sink = metricSink('db=k8s_dropped');
    await sink.write(sampleBatch(recentBatchTime()), { signal: noDeadline() });
    await influx.query('DROP DATABASE k8s_dropped');
    await sink.write(sampleBatch(recentBatchTime()), { signal: noDeadline() });
    const count = await rows(influx, 'SELECT count(value) FROM "memory/usage"', 'k8s_dropped');
    expect(count[0]?.count).toBe(3);
  });

  it('should report a field type conflict as a partial write and store the rest', async () => {
    const time = recentBatchTime();
    await influx.query('CREATE DATABASE k8s_conflict');
    await influx.query(
      'CREATE RETENTION POLICY "default" ON k8s_conflict DURATION INF REPLICATION 1 DEFAULT',
    );
    await influx.write(`cpu/usage_rate,type=other value=1.5 ${time}`, 'k8s_conflict', 'ms');
    const write = metricSink('db=k8s_conflict').write(sampleBatch(time), { signal: noDeadline() });
    await expect(write).rejects.toBeInstanceOf(PartialWriteError);
    await expect(write).rejects.toMatchObject({ failed: 4 });
    const memory = await rows(influx, 'SELECT count(value) FROM "memory/usage"', 'k8s_conflict');
    expect(memory[0]?.count).toBe(3);
  });

  it('should write every chunk when batch_size splits the batch across concurrent requests', async () => {
    const sink = metricSink('db=k8s_chunks&batch_size=2&concurrency=3');
    await sink.write(sampleBatch(recentBatchTime()), { signal: noDeadline() });
    const all = await rows(influx, 'SELECT count(value) FROM /.*/', 'k8s_chunks');
    expect(all.reduce((sum, r) => sum + Number(r.count), 0)).toBe(16);
  });

  it('should fail retryably while InfluxDB is down and recover when it is back', async () => {
    const late = await startInfluxDB();
    try {
      await late.halt();
      const sink = influxdbSinkFactory.createMetricSink(
        configOf(`influxdb:${late.url}?db=k8s_late&timeout=2s`),
        testSettings(),
      );
      await sink.start({ signal: noDeadline() });
      await expect(
        sink.write(sampleBatch(recentBatchTime()), { signal: noDeadline() }),
      ).rejects.toBeInstanceOf(RetryableError);
      await late.restart();
      await sink.write(sampleBatch(recentBatchTime()), { signal: noDeadline() });
      const count = await rows(late, 'SELECT count(value) FROM "memory/usage"', 'k8s_late');
      expect(count[0]?.count).toBe(3);
      await sink.shutdown({ signal: noDeadline() });
    } finally {
      await late.stop();
    }
  });

  it('should give up at its timeout when InfluxDB hangs, and at the caller deadline', async () => {
    const sink = metricSink('db=k8s_hang&timeout=300ms');
    await sink.write(sampleBatch(recentBatchTime()), { signal: noDeadline() });
    influx.pause();
    try {
      await expect(
        sink.write(sampleBatch(recentBatchTime()), { signal: noDeadline() }),
      ).rejects.toMatchObject({ code: 'HEAPSTER_ERR_TIMEOUT' });
      const deadline = new AbortController();
      const write = sink.write(sampleBatch(recentBatchTime()), { signal: deadline.signal });
      const reason = new RetryableError('manager deadline');
      deadline.abort(reason);
      await expect(write).rejects.toBe(reason);
    } finally {
      influx.resume();
    }
  });

  it('should reject writes after shutdown, and shut down twice without harm', async () => {
    const sink = metricSink('db=k8s_closed');
    await sink.shutdown({ signal: noDeadline() });
    await sink.shutdown({ signal: noDeadline() });
    await expect(
      sink.write(sampleBatch(recentBatchTime()), { signal: noDeadline() }),
    ).rejects.toBeInstanceOf(PermanentError);
  });
});
