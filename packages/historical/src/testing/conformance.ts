// One suite every backend passes against its real server: the same generated history, written
// through the real sinks, must answer every query exactly as the reference computes it under
// that backend's percentile definition.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  HistoricalAggregationRequest,
  HistoricalMetricQuery,
  HistoricalSource,
  HistoricalTimeRange,
} from '@heapster/sink';
import type { PercentileMethod } from '../sample-statistics.js';
import { buildDataset, HOUR, HOURS, MINUTE, T0, type Dataset } from './dataset.js';
import { expectResultsClose } from './expect-close.js';
import { MemoryHistoricalSource } from './memory-source.js';

export interface BackendUnderTest {
  readonly source: HistoricalSource;
  stop(): Promise<void>;
}

const signal = new AbortController().signal;
const ALL: HistoricalAggregationRequest = {
  aggregations: ['count', 'average', 'max', 'min', 'median'],
  percentiles: [50, 95, 99, 12.5, 99.9],
  bucketMs: HOUR,
};
const WHOLE: HistoricalTimeRange = { start: T0, end: T0 + HOURS * HOUR - 1 };
const web0: HistoricalMetricQuery = {
  type: 'pod',
  namespace: 'ns-a',
  pods: ['web-0'],
  metric: 'cpu/usage_rate',
};

export function describeConformance(
  backend: string,
  method: PercentileMethod,
  start: (dataset: Dataset) => Promise<BackendUnderTest>,
): void {
  describe(`${backend} answers like the exact reference (${method} percentiles)`, () => {
    const dataset = buildDataset();
    const reference = new MemoryHistoricalSource(dataset.series, method);
    let backendUnderTest: BackendUnderTest;
    let source: HistoricalSource;
    beforeAll(async () => {
      backendUnderTest = await start(dataset);
      source = backendUnderTest.source;
    }, 180_000);
    afterAll(async () => {
      await backendUnderTest?.stop();
    });

    const same = async (
      query: HistoricalMetricQuery,
      range: HistoricalTimeRange,
      request: HistoricalAggregationRequest,
      where: string,
    ): Promise<void> => {
      const actual = await source.aggregate(query, range, request, { signal });
      const expected = await reference.aggregate(query, range, request);
      expectResultsClose(actual, expected, where);
    };

    it('computes every aggregation per hour for a pod', async () => {
      await same(web0, WHOLE, ALL, 'web-0 hourly');
      const result = await source.aggregate(web0, WHOLE, ALL, { signal });
      expect(result[0]?.buckets.map(b => b.timestamp)).toEqual(
        Array.from({ length: HOURS }, (_, h) => T0 + h * HOUR),
      );
    });

    it('computes one bucket over the whole range (bucket=0)', async () => {
      await same(web0, WHOLE, { ...ALL, bucketMs: 0 }, 'web-0 whole');
    });

    it('clips the first and last bucket to an unaligned range, samples at the edges counted once', async () => {
      const range = { start: T0 + 20 * MINUTE + 7, end: T0 + 4 * HOUR + 1 };
      await same(web0, range, ALL, 'web-0 unaligned');
      await same(web0, range, { ...ALL, bucketMs: 7 * MINUTE }, 'web-0 7m');
    });

    it('answers every entity kind, the double metric and the labeled metric', async () => {
      const queries: [string, HistoricalMetricQuery][] = [
        ['cluster', { type: 'cluster', metric: 'cpu/usage_rate' }],
        ['node', { type: 'node', node: 'node-1', metric: 'cpu/usage_rate' }],
        ['node utilization', { type: 'node', node: 'node-1', metric: 'cpu/node_utilization' }],
        ['namespace', { type: 'ns', namespace: 'ns-a', metric: 'cpu/usage_rate' }],
        ['pod id', { type: 'pod', podIds: ['uid-web-1'], metric: 'cpu/usage_rate' }],
        [
          'container',
          {
            type: 'pod_container',
            namespace: 'ns-a',
            pods: ['web-0'],
            container: 'app',
            metric: 'cpu/usage_rate',
          },
        ],
        [
          'container by pod id',
          {
            type: 'pod_container',
            podIds: ['uid-web-0'],
            container: 'app',
            metric: 'cpu/usage_rate',
          },
        ],
        [
          'free container with /',
          {
            type: 'sys_container',
            node: 'node-1',
            container: 'system.slice/docker.service',
            metric: 'cpu/usage_rate',
          },
        ],
        [
          'labeled, one label set',
          {
            type: 'pod_container',
            namespace: 'ns-a',
            pods: ['web-0'],
            container: 'app',
            metric: 'filesystem/usage',
            labels: { resource_id: 'logs' },
          },
        ],
      ];
      for (const [where, query] of queries) await same(query, WHOLE, ALL, where);
    });

    it('combines several series of one entity (label sets, a restarted pod)', async () => {
      const fs: HistoricalMetricQuery = {
        type: 'pod_container',
        namespace: 'ns-a',
        pods: ['web-0'],
        container: 'app',
        metric: 'filesystem/usage',
      };
      await same(fs, WHOLE, ALL, 'filesystem, both label sets');
      const db0: HistoricalMetricQuery = {
        type: 'pod',
        namespace: 'ns-b',
        pods: ['db-0'],
        metric: 'cpu/usage_rate',
      };
      await same(db0, WHOLE, { ...ALL, bucketMs: 0 }, 'db-0 across its restart');
      await same(db0, WHOLE, { ...ALL, bucketMs: 2 * HOUR }, 'db-0 2h');
    });

    it('answers pod lists in the order asked, a missing pod with empty buckets', async () => {
      const list: HistoricalMetricQuery = {
        type: 'pod',
        namespace: 'ns-a',
        pods: ['web-1', 'nope', 'web-0'],
        metric: 'cpu/usage_rate',
        groupBy: 'pod',
      };
      await same(list, WHOLE, ALL, 'pod-list');
      const ids: HistoricalMetricQuery = {
        type: 'pod',
        podIds: ['uid-db-0b', 'uid-web-0'],
        metric: 'cpu/usage_rate',
        groupBy: 'pod_id',
      };
      await same(ids, WHOLE, ALL, 'pod-id-list');
    });

    it('gives empty buckets, not errors, where nothing was stored', async () => {
      const node = { type: 'node', node: 'node-1', metric: 'cpu/usage_rate' } as const;
      await same(
        node,
        { start: T0 + 2 * HOUR, end: T0 + 3 * HOUR - 1 },
        { ...ALL, bucketMs: 15 * MINUTE },
        'node gap',
      );
      const future = await source.aggregate(
        web0,
        { start: T0 + 30 * HOUR, end: T0 + 32 * HOUR },
        ALL,
        { signal },
      );
      expect(future[0]?.buckets).toEqual([
        { timestamp: T0 + 30 * HOUR, count: 0 },
        { timestamp: T0 + 31 * HOUR, count: 0 },
        { timestamp: T0 + 32 * HOUR, count: 0 },
      ]);
      const unknown = await source.aggregate(
        { ...web0, metric: 'no/such_metric' },
        WHOLE,
        { ...ALL, aggregations: ['average'] },
        { signal },
      );
      expect(unknown[0]?.buckets).toHaveLength(HOURS);
      expect(unknown[0]?.buckets.every(b => Object.keys(b).join() === 'timestamp')).toBe(true);
    });

    it('reads raw points, merging the series of one entity in time order', async () => {
      const range = { start: T0 + HOUR - 5, end: T0 + HOUR + 30_000 };
      for (const query of [
        web0,
        {
          type: 'pod_container',
          namespace: 'ns-a',
          pods: ['web-0'],
          container: 'app',
          metric: 'filesystem/usage',
          labels: { resource_id: '/' },
        },
        {
          type: 'pod',
          podIds: ['uid-web-0', 'uid-web-1'],
          metric: 'cpu/usage_rate',
          groupBy: 'pod_id',
        },
      ] as HistoricalMetricQuery[]) {
        const actual = await source.points(query, range, { signal, maxPoints: 1000 });
        const expected = await reference.points(query, range, { signal, maxPoints: 1000 });
        expect(actual).toEqual(expected);
      }
      await expect(source.points(web0, WHOLE, { signal, maxPoints: 10 })).rejects.toThrow(
        /more than 10 points/,
      );
    });

    it('lists metrics and entities', async () => {
      const all = { start: T0, end: T0 + HOURS * HOUR };
      expect(await source.entities('node', { type: 'node' }, all, { signal })).toEqual(['node-1']);
      expect(await source.entities('namespace', { type: 'pod' }, all, { signal })).toEqual([
        'ns-a',
        'ns-b',
      ]);
      expect(
        await source.entities('pod', { type: 'pod', namespace: 'ns-a' }, all, { signal }),
      ).toEqual(['web-0', 'web-1']);
      expect(
        await source.entities('pod_id', { type: 'pod', namespace: 'ns-b' }, all, { signal }),
      ).toEqual(['uid-db-0a', 'uid-db-0b']);
      expect(
        await source.entities('container', { type: 'sys_container', node: 'node-1' }, all, {
          signal,
        }),
      ).toEqual(['kubelet', 'system.slice/docker.service']);
      expect(
        await source.metricNames(
          { type: 'pod_container', podIds: ['uid-web-0'], container: 'app' },
          all,
          { signal },
        ),
      ).toEqual(['cpu/usage_rate', 'filesystem/usage']);
      expect(await source.metricNames({ type: 'node', node: 'node-1' }, all, { signal })).toEqual([
        'cpu/node_utilization',
        'cpu/usage_rate',
      ]);
    });

    it('treats quotes and backslashes in names as data, never as query syntax', async () => {
      for (const name of [`x' OR '1'='1`, 'x" or "1"="1', 'a\\', "web-0'", 'web-0\n', '.*']) {
        const result = await source.aggregate({ ...web0, pods: [name] }, WHOLE, ALL, { signal });
        expect(result[0]?.buckets.every(b => b.count === 0)).toBe(true);
        expect(
          await source.entities('pod', { type: 'pod', namespace: name }, WHOLE, { signal }),
        ).toEqual([]);
      }
    });

    it('answers ping', async () => {
      await expect(source.ping({ signal })).resolves.toBeUndefined();
    });
  });
}
