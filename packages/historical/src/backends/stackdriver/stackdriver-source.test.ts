import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { answerFromCanned, timestampMs } from '@heapster/sink-stackdriver/testing';
import {
  alignedStamps,
  CONTAINER,
  HOUR,
  intervalOf as interval,
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

describe('stackdriver historical source: stored gauges with per-bucket aligners', () => {
  it('asks one aligner per statistic, alignment period = bucket, and shapes the buckets', async () => {
    const values: Record<string, number> = {
      ALIGN_MEAN: 100.5,
      ALIGN_MAX: 200,
      ALIGN_COUNT: 60,
      ALIGN_PERCENTILE_50: 150,
      ALIGN_PERCENTILE_95: 190.5,
    };
    api.server.listAnswer = request => {
      const value = values[request.aggregation?.perSeriesAligner ?? ''] ?? -1;
      const points = alignedStamps(request).map(at => [at, value] as const);
      return {
        timeSeries: [
          series(
            'kubernetes.io/container/memory/used_bytes',
            { type: 'k8s_container', labels: { ...CONTAINER, cluster_name: 'prod' } },
            points,
            { memory_type: 'non-evictable' },
          ),
        ],
      };
    };
    const { status, body } = await get(
      '/namespaces/default/pods/web-1/containers/app/metrics-aggregated/average,max,count,median,50-perc,95-perc/memory/working_set' +
        `?start=${iso(T0 + 30 * MINUTE)}&end=${iso(T0 + 2 * HOUR + 10 * MINUTE)}&bucket=1h`,
    );
    expect(status).toBe(200);
    const bucket = (hour: number) => ({
      timestamp: iso(T0 + hour * HOUR),
      count: 60,
      average: { floatValue: 100.5 },
      maximum: { intValue: 200 },
      median: { floatValue: 150 },
      percentiles: { '50': { floatValue: 150 }, '95': { floatValue: 190.5 } },
    });
    expect(body).toEqual({ bucketSize: HOUR * 1e6, buckets: [bucket(0), bucket(1), bucket(2)] });

    const filter =
      'metric.type = "kubernetes.io/container/memory/used_bytes" AND resource.type = "k8s_container"' +
      ' AND resource.labels.cluster_name = "prod" AND resource.labels.namespace_name = "default"' +
      ' AND resource.labels.pod_name = "web-1" AND resource.labels.container_name = "app"' +
      ' AND metric.labels.memory_type = "non-evictable"';
    const calls = api.server.listRequests.map(request => ({
      name: request.name,
      filter: request.filter,
      view: request.view,
      aligner: request.aggregation?.perSeriesAligner,
      period: request.aggregation?.alignmentPeriod?.seconds,
      reducer: request.aggregation?.crossSeriesReducer,
      interval: interval(request),
    }));
    // Buckets before the last in one interval ending 1 ms before it; the cut last one alone.
    const windows = [
      [iso(T0 + 30 * MINUTE), '2024-03-01T01:59:59.999Z'],
      [iso(T0 + 2 * HOUR), iso(T0 + 2 * HOUR + 10 * MINUTE)],
    ];
    const aligners = [
      'ALIGN_MEAN',
      'ALIGN_MAX',
      'ALIGN_COUNT',
      'ALIGN_PERCENTILE_50',
      'ALIGN_PERCENTILE_95',
    ];
    expect(calls).toHaveLength(aligners.length * windows.length);
    expect(calls).toEqual(
      expect.arrayContaining(
        aligners.flatMap(aligner =>
          windows.map(window => ({
            name: 'projects/test-proj',
            filter,
            view: 'FULL',
            aligner,
            period: '3600',
            reducer: undefined,
            interval: window,
          })),
        ),
      ),
    );
  });

  it('one bucket over the range is one period of the whole range, at least 60 s', async () => {
    api.server.listAnswer = request => ({
      timeSeries: [
        series(
          'kubernetes.io/node/cpu/total_cores',
          { type: 'k8s_node', labels: { node_name: 'node-1' } },
          [[timestampMs(request.interval?.endTime), 4]],
        ),
      ],
    });
    const { body } = await get(
      `/nodes/node-1/metrics-aggregated/max/cpu/node_capacity?start=${iso(T0)}&end=${iso(T0 + 20_000)}`,
    );
    expect(body).toEqual({
      bucketSize: 20_000 * 1e6,
      buckets: [{ timestamp: iso(T0), maximum: { floatValue: 4000 } }],
    });
    expect(
      api.server.listRequests.map(r => [r.aggregation?.alignmentPeriod?.seconds, interval(r)]),
    ).toEqual([['60', [iso(T0), iso(T0 + 20_000)]]]);
  });

  it('reduces the label sets of a labeled metric read together, grouped by pod for lists', async () => {
    api.server.listAnswer = request => ({
      timeSeries: ['a', 'b'].map((pod, i) =>
        series(
          'kubernetes.io/pod/volume/used_bytes',
          { type: 'k8s_pod', labels: { pod_name: pod } },
          alignedStamps(request).map(at => [at, 1000 * (i + 1)] as const),
        ),
      ),
    });
    const { status, body } = await get(
      `/namespaces/default/pod-list/a,b/metrics-aggregated/max/filesystem/usage?start=${iso(T0)}&end=${iso(T0 + HOUR - 1)}&bucket=1h`,
    );
    expect(status).toBe(200);
    expect(body.items.map((item: any) => item.buckets[0].maximum)).toEqual([
      { intValue: 1000 },
      { intValue: 2000 },
    ]);
    const [request] = api.server.listRequests;
    expect(request?.filter).toBe(
      'metric.type = "kubernetes.io/pod/volume/used_bytes" AND resource.type = "k8s_pod" AND ' +
        'resource.labels.cluster_name = "prod" AND resource.labels.namespace_name = "default" AND ' +
        'resource.labels.pod_name = one_of("a", "b")',
    );
    expect(request?.aggregation).toEqual({
      alignmentPeriod: { seconds: '3600' },
      perSeriesAligner: 'ALIGN_MAX',
      crossSeriesReducer: 'REDUCE_MAX',
      groupByFields: ['resource.labels.pod_name'],
    });
    // Two series answering one pod's percentile cannot be combined: a 400 naming labels.
    const several = await get(
      `/namespaces/default/pods/a/metrics-aggregated/95-perc/filesystem/usage?start=${iso(T0)}&labels=resource_id:Volume:data`,
    );
    expect(several).toMatchObject({ status: 400, body: { parameter: 'labels' } });
    api.server.listRequests.length = 0;
    api.server.listAnswer = request => ({
      timeSeries: [
        series(
          'kubernetes.io/pod/volume/used_bytes',
          { type: 'k8s_pod', labels: { pod_name: 'a' } },
          alignedStamps(request).map(at => [at, 10] as const),
        ),
      ],
    });
    const volume = await get(
      `/namespaces/default/pods/a/metrics-aggregated/95-perc/filesystem/usage?start=${iso(T0)}&labels=resource_id:Volume:data`,
    );
    expect(volume.status).toBe(200);
    expect(api.server.listRequests[0]?.filter).toContain('metric.labels.volume_name = "data"');
    expect(api.server.listRequests[0]?.aggregation?.crossSeriesReducer).toBeUndefined();
  });
});

describe('stackdriver historical source: sums and rates', () => {
  it('sums a pod list from its containers with ALIGN_RATE + REDUCE_SUM by pod, statistics per bucket', async () => {
    api.server.listAnswer = request => ({
      timeSeries: ['a', 'b'].map((pod, i) =>
        series(
          'kubernetes.io/container/cpu/core_usage_time',
          { type: 'k8s_container', labels: { pod_name: pod } },
          // One aligned rate a minute (cores), stamped 1 ms before the next minute.
          alignedStamps(request).map(
            at => [at, (i + 1) * (((at + 1) / MINUTE) % 2 === 0 ? 0.5 : 0.25)] as const,
          ),
        ),
      ),
    });
    const { status, body } = await get(
      `/namespaces/default/pod-list/a,b/metrics-aggregated/max,min,average,count/cpu/usage_rate?start=${iso(T0)}&end=${iso(T0 + 10 * MINUTE)}&bucket=5m`,
    );
    expect(status).toBe(200);
    const buckets = (scale: number, lastCount: number) => [
      {
        timestamp: iso(T0),
        count: 5,
        maximum: { intValue: 500 * scale },
        minimum: { intValue: 250 * scale },
        average: { floatValue: 350 * scale },
      },
      {
        timestamp: iso(T0 + 5 * MINUTE),
        count: 5,
        maximum: { intValue: 500 * scale },
        minimum: { intValue: 250 * scale },
        average: { floatValue: 400 * scale },
      },
      {
        timestamp: iso(T0 + 10 * MINUTE),
        count: lastCount,
        maximum: { intValue: 250 * scale },
        minimum: { intValue: 250 * scale },
        average: { floatValue: 250 * scale },
      },
    ];
    expect(body.items.map((item: any) => item.buckets)).toEqual([buckets(1, 1), buckets(2, 1)]);
    expect(api.server.listRequests).toHaveLength(1);
    const [request] = api.server.listRequests;
    expect(request?.aggregation).toEqual({
      alignmentPeriod: { seconds: '60' },
      perSeriesAligner: 'ALIGN_RATE',
      crossSeriesReducer: 'REDUCE_SUM',
      groupByFields: ['resource.labels.pod_name'],
    });
    // Whole minutes [m, m + 60 s) for every minute m in the range.
    expect(interval(request!)).toEqual([iso(T0), '2024-03-01T00:10:59.999Z']);
    expect(request?.filter).toContain(
      'metric.type = "kubernetes.io/container/cpu/core_usage_time"',
    );
  });

  it('adds both memory types and every pod of a namespace: ALIGN_MEAN + REDUCE_SUM, ungrouped', async () => {
    api.server.listAnswer = request => ({
      timeSeries: [
        series(
          'kubernetes.io/container/memory/used_bytes',
          { type: 'k8s_container', labels: {} },
          alignedStamps(request).map(at => [at, 1024] as const),
        ),
      ],
    });
    const { body } = await get(
      `/namespaces/default/metrics/memory/usage?start=${iso(T0)}&end=${iso(T0 + 2 * MINUTE)}`,
    );
    expect(body.metrics).toEqual(
      [0, 1, 2].map(m => ({ timestamp: iso(T0 + m * MINUTE), value: 1024 })),
    );
    const [request] = api.server.listRequests;
    expect(request?.filter).toBe(
      'metric.type = "kubernetes.io/container/memory/used_bytes" AND resource.type = "k8s_container"' +
        ' AND resource.labels.cluster_name = "prod" AND resource.labels.namespace_name = "default"',
    );
    expect(request?.aggregation).toEqual({
      alignmentPeriod: { seconds: '60' },
      perSeriesAligner: 'ALIGN_MEAN',
      crossSeriesReducer: 'REDUCE_SUM',
      // No group-by fields: the fake decodes an empty list as absent.
    });
  });

  it('reads counters raw (ALIGN_NONE), in the metric unit and time order', async () => {
    api.server.cannedSeries = [
      series(
        'kubernetes.io/container/cpu/core_usage_time',
        { type: 'k8s_container', labels: { ...CONTAINER, cluster_name: 'prod' } },
        [
          [T0 + MINUTE, 2.5],
          [T0, 1.5],
        ],
      ),
    ];
    api.server.listAnswer = request => answerFromCanned(api.server.cannedSeries, request);
    const { body } = await get(
      `/namespaces/default/pods/web-1/containers/app/metrics/cpu/usage?start=${iso(T0)}&end=${iso(T0 + MINUTE)}`,
    );
    expect(body.metrics).toEqual([
      { timestamp: iso(T0), value: 1_500_000_000 },
      { timestamp: iso(T0 + MINUTE), value: 2_500_000_000 },
    ]);
    expect(api.server.listRequests[0]?.aggregation).toBeUndefined();
  });
});
