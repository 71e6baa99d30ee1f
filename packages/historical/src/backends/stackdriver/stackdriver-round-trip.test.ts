import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { noopLogger, systemClock } from '@heapster/runtime';
import { parseSinkUri, type HistoricalSource } from '@heapster/sink';
import { stackdriverSinkFactory } from '@heapster/sink-stackdriver';
import {
  FakeMonitoringServer,
  SAMPLE_TIMESTAMP,
  sampleBatch,
} from '@heapster/sink-stackdriver/testing';
import { Registry } from 'prom-client';
import {
  HISTORICAL_MAX_PARAM_LENGTH,
  historicalApiPlugin,
} from '../../api/historical-api-plugin.js';
import { createHistoricalSource } from '../../create-historical-source.js';

// No developer credentials or metadata server may leak into these tests.
process.env.METADATA_SERVER_DETECTION = 'none';

const MINUTE = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const TIMES = [0, 1, 2].map(m => SAMPLE_TIMESTAMP + m * MINUTE);
const RANGE = `start=${iso(TIMES[0]!)}&end=${iso(TIMES[2]!)}`;

/**
 * What the stackdriver sink writes, read back raw: the fake keeps every CreateTimeSeries series
 * and answers ListTimeSeries with the ones a request's filter selects. Each route's filter must
 * select exactly the sink's series for its entity (resource type, resource labels, metric
 * labels) and the values must come back in Heapster's units.
 */
describe('stackdriver sink → Cloud Monitoring → historical source', () => {
  let server: FakeMonitoringServer;
  let source: HistoricalSource;
  let app: FastifyInstance;
  const get = async (path: string): Promise<any> => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/historical${path}` });
    expect({ path, status: response.statusCode }).toEqual({ path, status: 200 });
    return response.json();
  };

  beforeAll(async () => {
    server = new FakeMonitoringServer();
    await server.start();
    // The core's --sink value, given to the oldtimer as its source (Heapster's rule).
    const uri =
      `stackdriver:?project=test-proj&cluster_name=prod&cluster_location=us-central1` +
      `&zone=us-central1-a&use_old_resources=true&endpoint=${server.endpoint}&insecure=true`;
    const settings = { logger: noopLogger, clock: systemClock, registry: new Registry() };
    const sink = stackdriverSinkFactory.createMetricSink(
      stackdriverSinkFactory.parseConfig(parseSinkUri(uri, {})),
      settings,
    );
    const signal = new AbortController().signal;
    await sink.start({ signal });
    for (const at of TIMES) await sink.write(sampleBatch(at), { signal });
    await sink.shutdown({ signal });
    server.cannedSeries = server.requests.flatMap(request => request.timeSeries);
    source = createHistoricalSource(uri, { logger: noopLogger, clock: systemClock });
    app = Fastify({ routerOptions: { maxParamLength: HISTORICAL_MAX_PARAM_LENGTH } });
    await app.register(historicalApiPlugin, { source });
  });

  afterAll(async () => {
    await app?.close();
    await source?.close();
    await server.stop();
  });

  const values = (body: { metrics: { timestamp: string; value: number; floatValue?: number }[] }) =>
    body.metrics.map(point => [point.timestamp, point.floatValue ?? point.value]);
  const expected = (value: number) => TIMES.map(at => [iso(at), value]);

  it('reads every entity level of the new resource model in Heapster units', async () => {
    const container = '/namespaces/default/pods/web-1/containers/app/metrics';
    expect(values(await get(`${container}/memory/working_set?${RANGE}`))).toEqual(
      expected(83_886_080),
    );
    // Written as seconds of CPU, read back as Heapster's nanoseconds.
    expect(values(await get(`${container}/cpu/usage?${RANGE}`))).toEqual(expected(1_500_000_000));
    expect(values(await get(`${container}/cpu/request?${RANGE}`))).toEqual(expected(100));
    expect(values(await get(`${container}/uptime?${RANGE}`))).toEqual(expected(660_000));
    expect(values(await get(`/nodes/node-1/metrics/memory/working_set?${RANGE}`))).toEqual(
      expected(3_221_225_472),
    );
    expect(values(await get(`/nodes/node-1/metrics/cpu/node_allocatable?${RANGE}`))).toEqual(
      expected(3920),
    );
    expect(
      values(await get(`/nodes/node-1/freecontainers/kubelet/metrics/memory/working_set?${RANGE}`)),
    ).toEqual(expected(52_428_800));
    expect(values(await get(`/namespaces/default/pods/web-1/metrics/network/rx?${RANGE}`))).toEqual(
      expected(2048),
    );
    const volume = `/namespaces/default/pods/web-1/metrics/filesystem/limit?${RANGE}&labels=resource_id:Volume:data`;
    expect(values(await get(volume))).toEqual(expected(1_048_576));
  });

  it('reads the pod-UID routes from the legacy gke_container series', async () => {
    expect(
      values(await get(`/pod-id/uid-web-1/containers/app/metrics/memory/working_set?${RANGE}`)),
    ).toEqual(expected(83_886_080));
    expect(values(await get(`/pod-id/uid-web-1/metrics/network/tx?${RANGE}`))).toEqual(
      expected(4096),
    );
    expect(await get(`/pod-id/uid-web-1/containers?${RANGE}`)).toEqual(['app']);
  });

  it('lists the entities and metric names the sink wrote', async () => {
    expect(await get(`/namespaces?${RANGE}`)).toEqual(['default']);
    expect(await get(`/namespaces/default/pods?${RANGE}`)).toEqual(['web-1']);
    expect(await get(`/namespaces/default/pods/web-1/containers?${RANGE}`)).toEqual(['app']);
    expect(await get(`/nodes?${RANGE}`)).toEqual(['node-1']);
    expect(await get(`/nodes/node-1/freecontainers?${RANGE}`)).toEqual(['kubelet']);
    expect(await get(`/namespaces/default/pods/web-1/containers/app/metrics?${RANGE}`)).toEqual([
      'accelerator/duty_cycle',
      'cpu/limit',
      'cpu/request',
      'cpu/usage',
      'cpu/usage_rate',
      'ephemeral_storage/usage',
      'memory/limit',
      'memory/major_page_faults',
      'memory/major_page_faults_rate',
      'memory/page_faults_rate',
      'memory/request',
      'memory/usage',
      'memory/working_set',
      'nvidia.com/gpu/request',
      'restart_count',
      'uptime',
    ]);
  });
});
