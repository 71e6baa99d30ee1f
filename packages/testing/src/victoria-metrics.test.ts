import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { httpOk } from './http.js';
import { liveProcessesInGroup } from './process-group.js';
import { startVictoriaMetrics, type VictoriaMetricsServer } from './victoria-metrics.js';

describe('startVictoriaMetrics', () => {
  let vm: VictoriaMetricsServer;

  beforeAll(async () => {
    vm = await startVictoriaMetrics();
  });

  afterAll(async () => {
    await vm.stop();
  });

  it('accepts the InfluxDB v2 write path and serves the points to PromQL after forceFlush', async () => {
    const now = Math.floor(Date.now() / 1000);
    const write = await httpOk(`${vm.url}/api/v2/write?org=o&bucket=b&precision=s`, {
      method: 'POST',
      body: `cpu/usage_rate,nodename=node-a,type=node value=42 ${now}\n`,
    });
    expect(write.status).toBe(204);
    await vm.forceFlush();
    const samples = await vm.query('{__name__="cpu/usage_rate_value"}', now);
    expect(samples).toEqual([
      {
        metric: { __name__: 'cpu/usage_rate_value', nodename: 'node-a', type: 'node' },
        value: [now, '42'],
      },
    ]);
  });

  it('keeps backfilled samples (100y retention) and answers range queries over them', async () => {
    const weekAgo = Math.floor(Date.now() / 1000) - 7 * 24 * 3600;
    const lines = [0, 1, 2].map(
      hour => `memory/usage,nodename=node-b value=${hour + 1} ${weekAgo + hour * 3600}`,
    );
    await httpOk(`${vm.url}/api/v2/write?precision=s`, { method: 'POST', body: lines.join('\n') });
    await vm.forceFlush();
    const series = await vm.queryRange('{__name__="memory/usage_value"}', {
      start: weekAgo,
      end: weekAgo + 2 * 3600,
      step: 3600,
    });
    expect(series).toHaveLength(1);
    expect(series[0]?.values).toEqual([
      [weekAgo, '1'],
      [weekAgo + 3600, '2'],
      [weekAgo + 7200, '3'],
    ]);
  });

  it('rejects a query that is not PromQL with the server error', async () => {
    await expect(vm.query('sum(')).rejects.toThrow(/returned 4\d\d/);
  });
});

describe('VictoriaMetrics flags and stop()', () => {
  it('applies extra flags and leaves no process behind', async () => {
    const vm = await startVictoriaMetrics(['-influxSkipSingleField']);
    const pgid = vm.pid!;
    try {
      const now = Math.floor(Date.now() / 1000);
      await httpOk(`${vm.url}/api/v2/write?precision=s`, {
        method: 'POST',
        body: `cpu/usage_rate value=1 ${now}`,
      });
      await vm.forceFlush();
      const samples = await vm.query('{__name__="cpu/usage_rate"}', now);
      expect(samples.map(sample => sample.value[1])).toEqual(['1']);
    } finally {
      await vm.stop();
    }
    expect(liveProcessesInGroup(pgid)).toEqual([]);
  });

  it('refuses a flag without a leading dash', () => {
    expect(() => startVictoriaMetrics(['retentionPeriod=1'])).toThrow(/flag 'retentionPeriod=1'/);
  });
});
