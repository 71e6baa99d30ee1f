import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { GrpcCode } from '@heapster/gcp';
import { noopLogger, systemClock } from '@heapster/runtime';
import { answerFromCanned, parseFilter, timestampMs } from '@heapster/sink-stackdriver/testing';
import { createHistoricalSource } from '../../create-historical-source.js';
import {
  CONTAINER,
  HOUR,
  iso,
  MINUTE,
  series,
  startStackdriverApi,
  T0,
  type StackdriverApi,
} from '../../testing/stackdriver-api.js';

let api: StackdriverApi;
const get = (path: string) => api.get(path);

beforeAll(async () => {
  api = await startStackdriverApi();
});
afterAll(() => api.close());
beforeEach(() => api.reset());

describe('stackdriver historical source: listings, paging, limits and failures', () => {
  it('lists entities from series headers (view HEADERS) and metric names by probing each type', async () => {
    api.server.cannedSeries = ['web-1', 'web-2'].flatMap(pod => [
      series(
        'kubernetes.io/container/uptime',
        {
          type: 'k8s_container',
          labels: { ...CONTAINER, pod_name: pod, cluster_name: 'prod' },
        },
        [[T0, 60]],
      ),
    ]);
    api.server.cannedSeries.push(
      series(
        'kubernetes.io/node/memory/used_bytes',
        {
          type: 'k8s_node',
          labels: { node_name: 'node-1', cluster_name: 'prod' },
        },
        [[T0, 1]],
        { memory_type: 'non-evictable' },
      ),
    );
    api.server.listAnswer = request => answerFromCanned(api.server.cannedSeries, request);
    expect((await get(`/namespaces/default/pods?start=${iso(T0)}`)).body).toEqual([
      'web-1',
      'web-2',
    ]);
    expect((await get('/namespaces/')).body).toEqual(['default']);
    expect((await get('/nodes')).body).toEqual(['node-1']);
    expect(api.server.listRequests.map(r => r.view)).toEqual(['HEADERS', 'HEADERS', 'HEADERS']);
    expect(api.server.listRequests[0]?.filter).toBe(
      'metric.type = "kubernetes.io/container/uptime" AND resource.type = "k8s_container" AND ' +
        'resource.labels.cluster_name = "prod" AND resource.labels.namespace_name = "default"',
    );
    // Without start, a listing reaches back as far as Cloud Monitoring keeps data (24 months).
    expect(timestampMs(api.server.listRequests[1]?.interval?.startTime)).toBe(
      T0 + 24 * HOUR - 732 * 24 * HOUR,
    );

    api.server.listRequests.length = 0;
    const names = await get(`/nodes/node-1/metrics?start=${iso(T0)}`);
    // memory/usage (both memory types) is readable wherever a used_bytes series is.
    expect(names.body).toEqual(['memory/usage', 'memory/working_set']);
    const probes = api.server.listRequests;
    expect(probes.every(r => r.view === 'HEADERS' && r.pageSize === 1)).toBe(true);
    // One probe per distinct series selector (cpu/usage and cpu/usage_rate share one).
    expect(new Set(probes.map(r => r.filter)).size).toBe(probes.length);
    expect(probes.filter(r => r.filter.includes('node/cpu/core_usage_time'))).toHaveLength(1);
  });

  it('follows nextPageToken, and refuses an answer longer than max_pages', async () => {
    const points = [0, 1, 2, 3].map(m => [T0 + m * MINUTE, m] as const);
    api.server.listAnswer = request => {
      const page = Number(request.pageToken || '0');
      const [point] = points.slice(page, page + 1);
      return {
        timeSeries:
          point === undefined
            ? []
            : [
                series(
                  'kubernetes.io/container/uptime',
                  { type: 'k8s_container', labels: CONTAINER },
                  [point],
                ),
              ],
        ...(page + 1 < pages ? { nextPageToken: String(page + 1) } : {}),
      };
    };
    let pages = 3;
    const path = `/namespaces/default/pods/web-1/containers/app/metrics/uptime?start=${iso(T0)}&end=${iso(T0 + HOUR)}`;
    const read = await get(path);
    expect(read.body.metrics.map((m: { value: number }) => m.value)).toEqual([0, 1000, 2000]);
    expect(api.server.listRequests.map(r => [r.pageToken, r.pageSize])).toEqual([
      [undefined, 100_000],
      ['1', 100_000],
      ['2', 100_000],
    ]);
    pages = 4;
    const tooLong = await get(path);
    expect(tooLong).toMatchObject({ status: 400, body: { parameter: 'start' } });
    expect(tooLong.body.error).toMatch(/longer than 3 pages \(max_pages\)/);
  });

  it('refuses what Cloud Monitoring cannot answer, naming the parameter, before any call', async () => {
    const container = `/namespaces/default/pods/web-1/containers/app/metrics-aggregated`;
    const range = `start=${iso(T0)}&end=${iso(T0 + HOUR)}`;
    const cases: [string, string, RegExp][] = [
      [
        `${container}/99.9-perc,average/memory/working_set?${range}`,
        'aggregations',
        /99\.9-perc: .*5-perc, 50-perc, 95-perc and 99-perc only/,
      ],
      [`${container}/max/memory/working_set?${range}&bucket=30s`, 'bucket', /at least 60 s/],
      [
        `/namespaces/default/metrics-aggregated/max/cpu/usage_rate?${range}&bucket=90s`,
        'bucket',
        /multiple of it/,
      ],
      [
        `/namespaces/default/metrics-aggregated/max/cpu/usage?${range}`,
        'metric',
        /ask cpu\/usage_rate/,
      ],
      [
        `/pod-id/uid-1/metrics-aggregated/max/cpu/usage_rate?${range}`,
        'pod-id',
        /use_old_resources=true/,
      ],
      [
        `/namespaces/default/pods/web-1/metrics-aggregated/median/filesystem/usage?${range}`,
        'labels',
        /labels=/,
      ],
    ];
    for (const [path, parameter, message] of cases) {
      const { status, body } = await get(path);
      expect({ path, status, parameter: body.parameter }).toEqual({ path, status: 400, parameter });
      expect(body.error).toMatch(message);
    }
    expect(api.server.listRequests).toEqual([]);
  });

  it('answers 503 for UNAVAILABLE and a call past request_timeout, 502 for a refusal; readiness fails', async () => {
    const path = `/nodes/node-1/metrics-aggregated/max/memory/working_set?start=${iso(T0)}`;
    api.server.replyList({
      kind: 'error',
      code: GrpcCode.Unavailable,
      message: 'backend restarting',
    });
    const unavailable = await get(path);
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.error).toBe(
      'historical backend: Cloud Monitoring ListTimeSeries: UNAVAILABLE: backend restarting',
    );
    api.server.replyList({
      kind: 'error',
      code: 7,
      message: 'caller lacks monitoring.timeSeries.list',
    });
    expect(await get(path)).toMatchObject({
      status: 502,
      body: { error: expect.stringMatching(/PERMISSION_DENIED/) },
    });

    api.server.replyList({ kind: 'error', code: GrpcCode.Unavailable, message: 'down' });
    const signal = new AbortController().signal;
    await expect(api.source.ping({ signal })).rejects.toMatchObject({ name: 'RetryableError' });
    await expect(api.source.ping({ signal })).resolves.toBeUndefined();
    expect(api.server.listRequests.at(-1)).toMatchObject({ view: 'HEADERS', pageSize: 1 });

    api.server.listDelayMs = 3000;
    const late = await get(path);
    expect(late.status).toBe(503);
    expect(late.body.error).toMatch(/DEADLINE_EXCEEDED/);
  });

  it('reads a long pod list in chunks of 100 pods and answers in the order asked', async () => {
    const pods = Array.from({ length: 150 }, (_, i) => `p${i}`);
    api.server.listAnswer = request => {
      const asked = parseFilter(request.filter).find(c => c.path === 'resource.labels.pod_name');
      return {
        timeSeries: (asked?.values ?? []).map(pod =>
          series(
            'kubernetes.io/container/cpu/core_usage_time',
            {
              type: 'k8s_container',
              labels: { pod_name: pod },
            },
            [[T0 + MINUTE - 1, Number(pod.slice(1)) / 1000]],
          ),
        ),
      };
    };
    const { status, body } = await get(
      `/namespaces/default/pod-list/${[...pods].reverse().join(',')}/metrics/cpu/usage_rate?start=${iso(T0)}&end=${iso(T0)}`,
    );
    expect(status).toBe(200);
    expect(body.items.map((item: any) => item.metrics[0].value)).toEqual(
      [...pods].reverse().map(pod => Number(pod.slice(1))),
    );
    expect(api.server.listRequests.map(r => parseFilter(r.filter).at(-1)?.values.length)).toEqual([
      100, 50,
    ]);
  });

  it('checks readiness in the legacy model when only use_old_resources is on', async () => {
    const legacy = createHistoricalSource(
      `stackdriver:?project=test-proj&endpoint=${api.server.endpoint}&insecure=true` +
        '&use_new_resources=false&use_old_resources=true&zone=z',
      { logger: noopLogger, clock: systemClock },
    );
    await legacy.ping({ signal: new AbortController().signal });
    expect(api.server.listRequests[0]?.filter).toBe(
      'metric.type = "container.googleapis.com/container/uptime" AND ' +
        'resource.type = "gke_container" AND resource.labels.zone = "z"',
    );
    const names = await legacy
      .metricNames(
        { type: 'node', node: 'n' },
        { start: T0, end: T0 },
        {
          signal: new AbortController().signal,
        },
      )
      .catch((error: unknown) => error);
    expect(names).toMatchObject({ name: 'HistoricalQueryError', parameter: 'source' });
    await legacy.close();
  });
});
