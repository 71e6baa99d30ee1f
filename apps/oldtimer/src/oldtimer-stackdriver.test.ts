import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { noopLogger } from '@heapster/runtime';
import { FakeMonitoringServer, timestampMs } from '@heapster/sink-stackdriver/testing';
import { startOldtimer, type RunningOldtimer } from './oldtimer.js';
import { parseOldtimerArgs, type OldtimerConfig } from './parse-oldtimer-args.js';

// No developer credentials or metadata server may leak into these tests.
process.env.METADATA_SERVER_DETECTION = 'none';

const T0 = Date.UTC(2024, 2, 1);

function config(argv: string[]): OldtimerConfig {
  const parsed = parseOldtimerArgs(['--listen-ip=127.0.0.1', '--port=0', ...argv], '0.1.0', {});
  if (parsed.kind !== 'run') throw new Error('expected a run');
  return parsed.config;
}

describe('oldtimer over Cloud Monitoring (a local MetricService)', () => {
  const server = new FakeMonitoringServer();
  let oldtimer: RunningOldtimer;
  let base: string;
  beforeAll(async () => {
    await server.start();
    // Hourly means as Cloud Monitoring returns them: one point per period, stamped at its end.
    server.listAnswer = request => {
      const end = timestampMs(request.interval?.endTime);
      const start = timestampMs(request.interval?.startTime);
      const period = Number(request.aggregation?.alignmentPeriod?.seconds) * 1000;
      const points = [];
      for (let at = end; at > start; at -= period) {
        points.push({
          interval: {
            endTime: { seconds: String(Math.floor(at / 1000)), nanos: (at % 1000) * 1e6 },
          },
          value: { doubleValue: 0.25 },
        });
      }
      return {
        timeSeries: [
          {
            metric: { type: 'kubernetes.io/node/cpu/allocatable_cores', labels: {} },
            resource: { type: 'k8s_node', labels: { node_name: 'node-1' } },
            metricKind: 'GAUGE',
            valueType: 'DOUBLE',
            points,
          },
        ],
      };
    };
    oldtimer = await startOldtimer(
      config([`--source=stackdriver:?project=p&endpoint=${server.endpoint}&insecure=true`]),
      { logger: noopLogger },
    );
    base = `http://127.0.0.1:${oldtimer.port}`;
  });
  afterAll(async () => {
    await oldtimer?.stop();
    await server.stop();
  });

  it('answers an aggregated route from ListTimeSeries and is ready', async () => {
    const response = await fetch(
      `${base}/api/v1/historical/nodes/node-1/metrics-aggregated/average/cpu/node_allocatable` +
        `?start=2024-03-01T00:00:00Z&end=2024-03-01T01:59:59.999Z&bucket=1h`,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      bucketSize: 3_600_000_000_000,
      buckets: [0, 1].map(h => ({
        timestamp: `2024-03-01T0${h}:00:00Z`,
        average: { floatValue: 250 },
      })),
    });
    const request = server.listRequests.find(r => r.aggregation !== undefined);
    expect(request).toMatchObject({
      name: 'projects/p',
      filter:
        'metric.type = "kubernetes.io/node/cpu/allocatable_cores" AND resource.type = "k8s_node" AND resource.labels.node_name = "node-1"',
      aggregation: { perSeriesAligner: 'ALIGN_MEAN', alignmentPeriod: { seconds: '3600' } },
    });
    expect(timestampMs(request?.interval?.startTime)).toBe(T0 - 1);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
