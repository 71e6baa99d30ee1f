import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { noopLogger, systemClock } from '@heapster/runtime';
import { influxdbSinkFactory } from '@heapster/sink-influxdb';
import { startVictoriaMetrics } from '@heapster/testing';
import { createHistoricalSource } from '../../create-historical-source.js';
import { describeConformance } from '../../testing/conformance.js';
import { writeThroughSink } from '../../testing/write-through-sink.js';

const settings = { logger: noopLogger, clock: systemClock };

describeConformance('VictoriaMetrics (PromQL)', 'linear', async dataset => {
  const server = await startVictoriaMetrics();
  // What the influxdb sink stores in VictoriaMetrics through the v2 write API.
  await writeThroughSink(
    influxdbSinkFactory,
    `influxdb:${server.url}?version=2&bucket=k8s&org=o`,
    dataset.batches,
  );
  await server.forceFlush();
  const source = createHistoricalSource(`prometheus:${server.url}`, settings);
  return {
    source,
    stop: async () => {
      await source.close();
      await server.stop();
    },
  };
});

describe('PromQL engine failures', () => {
  const signal = new AbortController().signal;

  it('reports a down engine as retryable', async () => {
    const down = createHistoricalSource('prometheus:http://127.0.0.1:1?timeout=2s', settings);
    await expect(down.ping({ signal })).rejects.toMatchObject({ name: 'RetryableError' });
    await down.close();
  });

  it('reports error answers: 4xx as backend errors, 5xx as retryable, bad label keys as bad requests', async () => {
    let status = 400;
    const server = createServer((_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 3' }),
      );
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const source = createHistoricalSource(`prometheus:http://127.0.0.1:${port}`, settings);
    const query = { type: 'node', node: 'n', metric: 'cpu/usage_rate' } as const;
    const request = { aggregations: ['max' as const], percentiles: [], bucketMs: 0 };
    const range = { start: 0, end: 1000 };
    await expect(source.aggregate(query, range, request, { signal })).rejects.toMatchObject({
      name: 'PermanentError',
      message: expect.stringContaining('parse error at char 3'),
    });
    status = 503;
    await expect(source.aggregate(query, range, request, { signal })).rejects.toMatchObject({
      name: 'RetryableError',
    });
    await expect(
      source.aggregate({ ...query, labels: { 'bad-key': 'x' } }, range, request, { signal }),
    ).rejects.toMatchObject({ name: 'HistoricalQueryError', parameter: 'labels' });
    await source.close();
    await new Promise(resolve => server.close(resolve));
  });
});
