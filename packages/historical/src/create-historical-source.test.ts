import { describe, expect, it } from '@jest/globals';
import { ConfigError, createMemoryLogger, noopLogger, systemClock } from '@heapster/runtime';
import { createHistoricalSource } from './create-historical-source.js';

const settings = { logger: noopLogger, clock: systemClock };

function problems(uri: string, flag = '--source'): string[] {
  try {
    createHistoricalSource(uri, { ...settings, flag });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(p => `${p.field}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('historical source URIs', () => {
  it('chooses the backend by type, each with its percentile definition', async () => {
    const influx = createHistoricalSource(
      'influxdb:http://influx:8086?db=k8s&retention=30d&concurrency=4',
      settings,
    );
    expect([influx.backend, influx.name, influx.percentilesAreSamples]).toEqual([
      'influxdb',
      'influxdb(http://influx:8086, db=k8s)',
      true,
    ]);
    const prom = createHistoricalSource(
      'prometheus:http://vm:8428/prefix?schema=withfields',
      settings,
    );
    expect([prom.backend, prom.name, prom.percentilesAreSamples]).toEqual([
      'prometheus',
      'prometheus(http://vm:8428/prefix, schema=withfields)',
      false,
    ]);
    expect(prom.percentileDefinition).toMatch(/linear interpolation/);
    expect(influx.percentileDefinition).toMatch(/nearest rank/);
    await Promise.all([influx.close(), prom.close()]);
  });

  it('reports every bad option together, under the flag that gave it', () => {
    expect(
      problems('prometheus:http://vm:8428?schema=odd&timeout=x&bogus=1', '--historical_source'),
    ).toEqual([
      '--historical_source option schema: "odd" is not one of influx, withfields, plain, prometheus',
      '--historical_source option timeout: "x" is not a duration (e.g. 30s, 1m30s, 2h)',
      expect.stringMatching(/^--historical_source option bogus: unknown option/),
    ]);
    expect(problems('duckdb:/tmp/x.duckdb?percentile=p99&retention=forever')).toEqual([
      '--source option percentile: "p99" is not one of linear, nearest_rank',
      '--source option retention: "forever" is not a duration (e.g. 30d, 36h, 0 = forever)',
    ]);
    expect(problems('graphite:tcp://x')).toEqual([
      '--source: "graphite" has no historical reader (supported: duckdb, influxdb, prometheus, stackdriver, gcm)',
    ]);
    expect(problems('Bad Type')).toEqual([
      expect.stringMatching(/^--source: "Bad Type" is not a sink type/),
    ]);
  });

  it('warns when the influxdb sink leaves pod_id out of its tags', async () => {
    const logger = createMemoryLogger();
    const source = createHistoricalSource('influxdb:http://i:8086?tag_blacklist=pod_id,hostname', {
      ...settings,
      logger,
    });
    expect(logger.lines.map(line => line.message)).toEqual([
      'tag_blacklist holds pod_id: the pod-id routes will find nothing',
    ]);
    await source.close();
  });
});
