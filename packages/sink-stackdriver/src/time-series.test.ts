import { describe, expect, it } from '@jest/globals';
import { EntityType, MetricId } from '@heapster/model';
import { readGolden } from './testing/golden.js';
import {
  SAMPLE_SITE,
  SAMPLE_START,
  SAMPLE_TIMESTAMP,
  sampleBatch,
} from './testing/sample-batch.js';
import { timeSeriesOf, timestampOf, type SeriesOptions, type TimeSeries } from './time-series.js';

const NEW: SeriesOptions = {
  site: SAMPLE_SITE,
  newResources: true,
  oldResources: false,
  metrics: 'all',
};
const LEGACY: SeriesOptions = { ...NEW, newResources: false, oldResources: true };
const END = timestampOf(SAMPLE_TIMESTAMP);

function find(
  series: TimeSeries[],
  type: string,
  labels: Record<string, string> = {},
): TimeSeries[] {
  return series.filter(
    s =>
      s.metric.type === type && Object.entries(labels).every(([k, v]) => s.metric.labels[k] === v),
  );
}

function only(series: TimeSeries[], type: string, labels?: Record<string, string>): TimeSeries {
  const found = find(series, type, labels);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const jsonLines = (series: TimeSeries[]): string =>
  series.map(s => JSON.stringify(s)).join('\n') + '\n';

describe('time series of a batch', () => {
  it('should map the new resource model per entity level (golden)', () => {
    const series = [...timeSeriesOf(sampleBatch(), NEW)];
    const text = jsonLines(series);
    expect(text).toBe(readGolden('new-model.jsonl', text));
    expect(new Set(series.map(s => s.resource.type))).toEqual(
      new Set(['k8s_container', 'k8s_pod', 'k8s_node']),
    );
    const container = only(series, 'kubernetes.io/container/cpu/core_usage_time');
    expect(container.resource).toEqual({
      type: 'k8s_container',
      labels: {
        project_id: 'test-proj',
        location: 'us-central1',
        cluster_name: 'prod',
        namespace_name: 'default',
        pod_name: 'web-1',
        container_name: 'app',
      },
    });
    expect(only(series, 'kubernetes.io/pod/network/received_bytes_count').resource).toEqual({
      type: 'k8s_pod',
      labels: {
        project_id: 'test-proj',
        location: 'us-central1',
        cluster_name: 'prod',
        namespace_name: 'default',
        pod_name: 'web-1',
      },
    });
    expect(only(series, 'kubernetes.io/node/cpu/total_cores').resource).toEqual({
      type: 'k8s_node',
      labels: {
        project_id: 'test-proj',
        location: 'us-central1',
        cluster_name: 'prod',
        node_name: 'node-1',
      },
    });
  });

  it('should give cumulatives their collection start and gauges only an end time', () => {
    const series = [...timeSeriesOf(sampleBatch(), NEW)];
    const cpu = only(series, 'kubernetes.io/container/cpu/core_usage_time');
    expect(cpu).toMatchObject({ metricKind: 'CUMULATIVE', valueType: 'DOUBLE' });
    expect(cpu.points[0]).toEqual({
      interval: { startTime: timestampOf(SAMPLE_START), endTime: END },
      value: { doubleValue: 1.5 },
    });
    const restarts = only(series, 'kubernetes.io/container/restart_count');
    expect(restarts.points[0].interval.startTime).toEqual(timestampOf(SAMPLE_START - 60_000));
    const request = only(series, 'kubernetes.io/container/cpu/request_cores');
    expect(request).toMatchObject({ metricKind: 'GAUGE', valueType: 'DOUBLE' });
    expect(request.points[0]).toEqual({ interval: { endTime: END }, value: { doubleValue: 0.1 } });
    expect(only(series, 'kubernetes.io/container/uptime').points[0].value).toEqual({
      doubleValue: 660,
    });
    expect(only(series, 'kubernetes.io/node/memory/allocatable_bytes').points[0].value).toEqual({
      int64Value: 7_516_192_768,
    });
  });

  it("should send Heapster's derived metrics: evictable memory and minor page faults", () => {
    const series = [...timeSeriesOf(sampleBatch(), NEW)];
    const used = 'kubernetes.io/container/memory/used_bytes';
    expect(only(series, used, { memory_type: 'evictable' }).points[0].value).toEqual({
      int64Value: 104_857_600 - 83_886_080,
    });
    expect(only(series, used, { memory_type: 'non-evictable' }).points[0].value).toEqual({
      int64Value: 83_886_080,
    });
    const faults = 'kubernetes.io/container/memory/page_fault_count';
    expect(only(series, faults, { fault_type: 'minor' }).points[0].value).toEqual({
      int64Value: 988,
    });
    expect(only(series, faults, { fault_type: 'major' }).points[0].value).toEqual({
      int64Value: 12,
    });
    expect(find(series, 'kubernetes.io/node/memory/used_bytes')).toHaveLength(2);
  });

  it('should label node daemons, volumes, accelerators and GPU requests', () => {
    const series = [...timeSeriesOf(sampleBatch(), NEW)];
    const daemon = only(series, 'kubernetes.io/node_daemon/cpu/core_usage_time');
    expect(daemon.metric.labels).toEqual({ component: 'kubelet' });
    expect(daemon.resource.type).toBe('k8s_node');
    expect(
      find(series, 'kubernetes.io/node_daemon/memory/used_bytes', { component: 'kubelet' }),
    ).toHaveLength(2);
    expect(only(series, 'kubernetes.io/pod/volume/used_bytes').metric.labels).toEqual({
      volume_name: 'data',
    });
    expect(only(series, 'kubernetes.io/pod/volume/total_bytes').points[0].value).toEqual({
      int64Value: 1_048_576,
    });
    expect(only(series, 'kubernetes.io/container/accelerator/duty_cycle').metric.labels).toEqual({
      make: 'nvidia',
      model: 'tesla-t4',
      accelerator_id: 'GPU-1',
    });
    expect(only(series, 'kubernetes.io/container/accelerator/request').metric.labels).toEqual({
      resource_name: 'nvidia.com/gpu',
    });
  });

  it('should leave out namespaces, the cluster, rates and unmapped values', () => {
    const series = [...timeSeriesOf(sampleBatch(), NEW)];
    expect(series.every(s => s.metric.type.startsWith('kubernetes.io/'))).toBe(true);
    // One pod/container/node each: no series may come from the namespace or cluster rows.
    const podSeries = series.filter(s => s.resource.type === 'k8s_pod');
    expect(podSeries.map(s => s.metric.type).sort()).toEqual([
      'kubernetes.io/pod/network/received_bytes_count',
      'kubernetes.io/pod/network/sent_bytes_count',
      'kubernetes.io/pod/volume/total_bytes',
      'kubernetes.io/pod/volume/used_bytes',
    ]);
    expect(series.filter(s => s.metric.type.includes('filesystem'))).toEqual([]);
  });

  it('should leave out a cumulative whose start is not strictly before the batch time, keeping gauges', () => {
    const batch = sampleBatch();
    const containers = batch.table(EntityType.PodContainer);
    containers.setCollectionStartTime(0, SAMPLE_TIMESTAMP);
    containers.setCreateTime(0, Number.NaN);
    const stats = { skippedCumulatives: 0 };
    const series = [...timeSeriesOf(batch, NEW, stats)];
    expect(find(series, 'kubernetes.io/container/cpu/core_usage_time')).toEqual([]);
    expect(find(series, 'kubernetes.io/container/restart_count')).toEqual([]);
    expect(find(series, 'kubernetes.io/container/memory/page_fault_count')).toEqual([]);
    expect(stats.skippedCumulatives).toBe(4);
    expect(find(series, 'kubernetes.io/container/memory/used_bytes')).toHaveLength(2);
    for (const s of series.filter(s => s.metricKind === 'CUMULATIVE')) {
      const { startTime, endTime } = s.points[0].interval;
      expect(startTime!.seconds * 1e9 + startTime!.nanos).toBeLessThan(
        endTime.seconds * 1e9 + endTime.nanos,
      );
    }
  });

  it('should map the legacy gke_container model (golden)', () => {
    const series = [...timeSeriesOf(sampleBatch(), LEGACY)];
    const text = jsonLines(series);
    expect(text).toBe(readGolden('legacy-model.jsonl', text));
    expect(series.every(s => s.resource.type === 'gke_container')).toBe(true);
    const cpu = find(series, 'container.googleapis.com/container/cpu/usage_time');
    expect(cpu.map(s => [s.resource.labels.container_name, s.points[0].value])).toEqual([
      ['app', { doubleValue: 1.5 }],
      ['machine', { doubleValue: 9000 }],
      ['kubelet', { doubleValue: 120 }],
    ]);
    const bytesTotal = find(series, 'container.googleapis.com/container/memory/bytes_total');
    expect(bytesTotal.map(s => [s.resource.labels.container_name, s.points[0].value])).toEqual([
      ['app', { int64Value: 134_217_728 }],
      ['machine', { int64Value: 7_516_192_768 }],
    ]);
    const network = find(series, 'container.googleapis.com/container/network/received_bytes_count');
    expect(network.map(s => s.resource.labels.container_name).sort()).toEqual(['', 'machine']);
    expect(network[0]!.resource.labels).toMatchObject({
      zone: 'us-central1-a',
      instance_id: 'i-0abc',
    });
    const disk = find(series, 'container.googleapis.com/container/disk/bytes_used');
    expect(disk.map(s => [s.resource.labels.container_name, s.metric.labels.device_name])).toEqual([
      ['machine', '/'],
      ['', 'Volume:data'],
    ]);
  });

  it('should keep only node series under metrics=autoscaling and send both models when asked', () => {
    const autoscaling = [...timeSeriesOf(sampleBatch(), { ...NEW, metrics: 'autoscaling' })];
    expect(autoscaling.length).toBeGreaterThan(0);
    expect(autoscaling.every(s => s.metric.type.startsWith('kubernetes.io/node/'))).toBe(true);
    const both = [...timeSeriesOf(sampleBatch(), { ...NEW, oldResources: true })];
    expect(both).toHaveLength(
      [...timeSeriesOf(sampleBatch(), NEW)].length +
        [...timeSeriesOf(sampleBatch(), LEGACY)].length,
    );
  });

  it('should skip values that are not finite', () => {
    const batch = sampleBatch();
    batch.table(EntityType.Node).setValue(0, MetricId.CpuNodeCapacity, Number.POSITIVE_INFINITY);
    const series = [...timeSeriesOf(batch, NEW)];
    expect(find(series, 'kubernetes.io/node/cpu/total_cores')).toEqual([]);
  });

  it('should convert fractional milliseconds to seconds and nanos', () => {
    expect(timestampOf(1_704_067_260_123.456)).toEqual({
      seconds: 1_704_067_260,
      nanos: 123_456_000,
    });
  });
});
