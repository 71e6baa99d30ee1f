import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EntityType, MetricId, type DataBatch } from '@heapster/model';
import { noopLogger, systemClock } from '@heapster/runtime';
import { openDuckDbHistory, parseConfig as parseDuckDbConfig } from '@heapster/store-duckdb';
import { parseSinkUri } from '@heapster/sink';
import {
  startInfluxDB,
  startVictoriaMetrics,
  type InfluxDBServer,
  type VictoriaMetricsServer,
} from '@heapster/testing';
import { startCoreHarness, type CoreHarness } from './testing/core-harness.js';

/** One container of the newest batch, with its identity and cpu/usage_rate and memory/usage. */
function sampleContainer(batch: DataBatch) {
  const table = batch.table(EntityType.PodContainer);
  for (let row = 0; row < table.size; row++) {
    const cpu = table.value(row, MetricId.CpuUsageRate);
    if (cpu > 0) {
      return {
        namespace: table.identity(row, 'namespace'),
        pod: table.identity(row, 'pod'),
        container: table.identity(row, 'container'),
        cpu,
        memory: table.value(row, MetricId.MemoryUsage),
      };
    }
  }
  throw new Error('no container with a CPU rate');
}

describe('core sinks end to end: kubesim → core → InfluxDB 1.6, VictoriaMetrics, DuckDB', () => {
  let influx: InfluxDBServer;
  let victoria: VictoriaMetricsServer;
  let h: CoreHarness;
  const dir = mkdtempSync(join(tmpdir(), 'core-sinks-'));
  const duckdbFile = join(dir, 'metrics.duckdb');

  beforeAll(async () => {
    [influx, victoria] = await Promise.all([startInfluxDB(), startVictoriaMetrics()]);
    h = await startCoreHarness({ nodes: 2, podsPerNode: 3, segmentSeconds: 3600 }, [
      `--sink=influxdb:${influx.url}?db=k8s&cluster_name=sim`,
      `--sink=influxdb:${victoria.url}?version=2&org=o&bucket=b`,
      `--sink=duckdb:${duckdbFile}`,
    ]);
    for (let i = 0; i < 3; i++) {
      await h.step(15_000);
      await h.core.sinks.idle();
    }
  });

  afterAll(async () => {
    await h?.close();
    await Promise.all([influx?.stop(), victoria?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('should store in InfluxDB 1.6 the value the core computed, at the batch time', async () => {
    const batch = h.core.pipeline.last!.batch;
    const c = sampleContainer(batch);
    const answer = await influx.query(
      `SELECT value FROM "cpu/usage_rate" WHERE pod_name='${c.pod}' AND container_name='${c.container}' AND type='pod_container' AND time = ${batch.timestamp}ms`,
      'k8s',
      { epoch: 'ms' },
    );
    const values = answer.results[0]?.series?.[0]?.values ?? [];
    expect(values).toHaveLength(1);
    expect(values[0]?.[0]).toBe(batch.timestamp);
    // cpu/usage_rate is an int64 metric in Heapster's schema: stored as a rounded integer.
    expect(values[0]?.[1]).toBe(Math.round(c.cpu));
    const memory = await influx.query(
      `SELECT value FROM "memory/usage" WHERE pod_name='${c.pod}' AND container_name='${c.container}' AND cluster_name='sim'`,
      'k8s',
    );
    expect(memory.results[0]?.series?.[0]?.values.at(-1)?.[1]).toBe(c.memory);
  });

  it('should store the same value in VictoriaMetrics through the v2 write API (PromQL read-back)', async () => {
    const batch = h.core.pipeline.last!.batch;
    const c = sampleContainer(batch);
    await victoria.forceFlush();
    const samples = await victoria.query(
      `{__name__="memory/usage_value",pod_name="${c.pod}",container_name="${c.container}",type="pod_container"}`,
      batch.timestamp / 1000,
    );
    expect(samples).toHaveLength(1);
    expect(Number(samples[0]?.value[1])).toBe(c.memory);
  });

  it('should store every batch in DuckDB, readable through the historical query layer', async () => {
    const batch = h.core.pipeline.last!.batch;
    const c = sampleContainer(batch);
    await h.core.stop(5000);
    const { history, close } = openDuckDbHistory(
      parseDuckDbConfig(parseSinkUri(`duckdb:${duckdbFile}`)),
      {
        logger: noopLogger,
        clock: systemClock,
      },
    );
    try {
      const results = await history.points(
        {
          type: 'pod_container',
          namespace: c.namespace,
          pods: [c.pod],
          container: c.container,
          metric: 'memory/usage',
        },
        { start: batch.timestamp - 60_000, end: batch.timestamp },
      );
      const points = results[0]?.points ?? [];
      expect(points).toHaveLength(3);
      expect(points.at(-1)).toMatchObject({ timestamp: batch.timestamp, value: c.memory });
    } finally {
      await close();
    }
  });
});
