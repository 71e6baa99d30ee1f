import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { noopLogger, systemClock } from '@heapster/runtime';
import { influxdbSinkFactory } from '@heapster/sink-influxdb';
import { startInfluxDB, type InfluxDBServer } from '@heapster/testing';
import { createHistoricalSource } from '../../create-historical-source.js';
import { describeConformance } from '../../testing/conformance.js';
import { buildDataset, HOUR, T0 } from '../../testing/dataset.js';
import { MemoryHistoricalSource } from '../../testing/memory-source.js';
import { writeThroughSink } from '../../testing/write-through-sink.js';
import { expectResultsClose } from '../../testing/expect-close.js';

const settings = { logger: noopLogger, clock: systemClock };
const signal = new AbortController().signal;

describeConformance('InfluxDB 1.6 (InfluxQL)', 'influxql', async dataset => {
  const server = await startInfluxDB();
  await writeThroughSink(influxdbSinkFactory, `influxdb:${server.url}?db=k8s`, dataset.batches);
  const source = createHistoricalSource(`influxdb:${server.url}?db=k8s&concurrency=2`, settings);
  return {
    source,
    stop: async () => {
      await source.close();
      await server.stop();
    },
  };
});

describe('InfluxDB schemas and API versions', () => {
  let server: InfluxDBServer;
  const dataset = buildDataset();
  const reference = new MemoryHistoricalSource(dataset.series, 'influxql');
  const request = {
    aggregations: ['count', 'max', 'median'] as const,
    percentiles: [90],
    bucketMs: HOUR,
  };
  const range = { start: T0, end: T0 + 6 * HOUR - 1 };
  const query = {
    type: 'pod',
    namespace: 'ns-a',
    pods: ['web-0'],
    metric: 'memory/usage',
  } as const;

  beforeAll(async () => {
    server = await startInfluxDB();
    await writeThroughSink(influxdbSinkFactory, `influxdb:${server.url}?db=k8s`, dataset.batches);
    await writeThroughSink(
      influxdbSinkFactory,
      `influxdb:${server.url}?db=wf&withfields=true`,
      dataset.batches,
    );
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('reads the withfields schema (measurement = family, field = rest)', async () => {
    const source = createHistoricalSource(`influxdb:${server.url}?db=wf&withfields=true`, settings);
    const expected = await reference.aggregate(query, range, {
      ...request,
      aggregations: [...request.aggregations],
    });
    expectResultsClose(
      await source.aggregate(
        query,
        range,
        { ...request, aggregations: [...request.aggregations] },
        { signal },
      ),
      expected,
    );
    expect(
      await source.metricNames({ type: 'pod', namespace: 'ns-a', pods: ['web-0'] }, range, {
        signal,
      }),
    ).toEqual(expect.arrayContaining(['cpu/usage_rate', 'memory/usage']));
    await source.close();
  });

  it('reads through the v2-compatible /query (version=2: token header, bucket as database)', async () => {
    const source = createHistoricalSource(
      `influxdb:${server.url}?version=2&bucket=k8s&org=o&token=secret`,
      settings,
    );
    const aggregations = [...request.aggregations];
    expectResultsClose(
      await source.aggregate(query, range, { ...request, aggregations }, { signal }),
      await reference.aggregate(query, range, { ...request, aggregations }),
    );
    await source.close();
  });

  it('filters on cluster_name only when the URI names one', async () => {
    const other = createHistoricalSource(
      `influxdb:${server.url}?db=k8s&cluster_name=other`,
      settings,
    );
    const [result] = await other.aggregate(
      query,
      range,
      { ...request, aggregations: ['count'] },
      { signal },
    );
    expect(result?.buckets.every(b => b.count === 0)).toBe(true);
    await other.close();
  });

  it('reports a missing database as a backend error, and a down server as retryable', async () => {
    const missing = createHistoricalSource(`influxdb:${server.url}?db=absent`, settings);
    await expect(
      missing.aggregate(query, range, { ...request, aggregations: ['count'] }, { signal }),
    ).rejects.toMatchObject({
      name: 'PermanentError',
    });
    await missing.close();
    const down = createHistoricalSource('influxdb:http://127.0.0.1:1?db=k8s&timeout=2s', settings);
    await expect(down.ping({ signal })).rejects.toMatchObject({ name: 'RetryableError' });
    await down.close();
  });
});
