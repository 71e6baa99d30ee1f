import { describe, expect, it } from '@jest/globals';
import { DataBatch, EntityType, LabelId, MetricId } from '@heapster/model';
import { sampleBatch, SAMPLE_TIMESTAMP } from '@heapster/sink/testing';
import { DEFAULT_TAG_BLACKLIST } from './config.js';
import { metricChunks, serializeMetrics, type MetricSchema } from './serializer.js';
import { readGolden } from './testing/golden.js';

const HEAPSTER: MetricSchema = {
  withFields: false,
  clusterName: 'default',
  tagBlacklist: DEFAULT_TAG_BLACKLIST,
  disableCounterMetrics: false,
};

describe('InfluxDB metric serializer', () => {
  it("should write Heapster's default schema: measurement = metric, field value (golden)", () => {
    const text = serializeMetrics(sampleBatch(), HEAPSTER);
    expect(text).toBe(readGolden('metrics-default.lp', text));
    expect(text).toContain(
      'cpu/usage_rate,cluster_name=default,container_base_image=nginx:1.25,container_name=app,' +
        'namespace_name=default,nodename=node-1,pod_id=uid-web-1,pod_name=web\\ 1,type=pod_container' +
        ` value=13i ${SAMPLE_TIMESTAMP}\n`,
    );
  });

  it('should split measurement and field at the first slash under withfields (golden)', () => {
    const text = serializeMetrics(sampleBatch(), { ...HEAPSTER, withFields: true });
    expect(text).toBe(readGolden('metrics-withfields.lp', text));
    expect(text).toMatch(
      /^cpu,cluster_name=default,.*type=node usage=9000000000000i,usage_rate=1250i,node_utilization=0\.3125 \d+$/m,
    );
    expect(text).toMatch(
      /^filesystem,.*resource_id=\/,type=node usage=1000000i,limit=10000000i \d+$/m,
    );
    expect(text).toMatch(/^restart_count,.* value=0i \d+$/m);
  });

  it('should drop blacklisted and empty labels, and keep pod_id by default', () => {
    const text = serializeMetrics(sampleBatch(), HEAPSTER);
    expect(text).not.toMatch(/namespace_id=|hostname=|host_id=/);
    expect(text).toContain('pod_id=uid-web-1');
    const custom = serializeMetrics(sampleBatch(), {
      ...HEAPSTER,
      tagBlacklist: ['pod_id', 'labels'],
    });
    expect(custom).toContain('hostname=node-1.example');
    expect(custom).not.toMatch(/pod_id=|labels=/);
  });

  it('should escape commas, equals signs and spaces in tag values', () => {
    const text = serializeMetrics(sampleBatch(), HEAPSTER);
    expect(text).toContain('labels=app:web\\,tier\\=front');
    expect(text).toContain('labels=zone:a\\,role:worker');
  });

  it('should leave out the nine counters with a rate twin when disable_counter_metrics is set', () => {
    const text = serializeMetrics(sampleBatch(), { ...HEAPSTER, disableCounterMetrics: true });
    expect(text).not.toMatch(/^cpu\/usage,/m);
    expect(text).toMatch(/^cpu\/usage_rate,/m);
  });

  it('should write int64 metrics as integers and doubles as floats, skipping non-finite values', () => {
    const batch = new DataBatch({ timestamp: SAMPLE_TIMESTAMP });
    const nodes = batch.table(EntityType.Node);
    const row = nodes.addRow({ node: 'n' });
    nodes.setValue(row, MetricId.CpuUsageRate, 0.4);
    nodes.setValue(row, MetricId.CpuNodeUtilization, 1e-7);
    nodes.setValue(row, MetricId.MemoryNodeUtilization, Number.POSITIVE_INFINITY);
    nodes.setValue(row, MetricId.MemoryUsage, 5);
    expect(serializeMetrics(batch, { ...HEAPSTER, clusterName: '' }).split('\n')).toEqual([
      `memory/usage,nodename=n,type=node value=5i ${SAMPLE_TIMESTAMP}`,
      `cpu/usage_rate,nodename=n,type=node value=0i ${SAMPLE_TIMESTAMP}`,
      `cpu/node_utilization,nodename=n,type=node value=1e-7 ${SAMPLE_TIMESTAMP}`,
      '',
    ]);
  });

  it('should cut the batch into chunks of at most batch_size lines that add up to the whole', () => {
    const whole = serializeMetrics(sampleBatch(), HEAPSTER);
    const chunks = [...metricChunks(sampleBatch(), HEAPSTER, 4)];
    expect(chunks.map(c => c.lines)).toEqual([4, 4, 4, 4]);
    expect(Buffer.concat(chunks.map(c => c.body)).toString()).toBe(whole);
    for (const chunk of chunks) {
      expect(Buffer.from(chunk.body).toString().split('\n')).toHaveLength(chunk.lines + 1);
    }
  });

  it('should let a labeled series label win over a metric-set label with the same key', () => {
    const batch = new DataBatch({ timestamp: SAMPLE_TIMESTAMP });
    const row = batch.table(EntityType.Node).addRow({ node: 'n' });
    batch.setLabel(EntityType.Node, row, LabelId.ResourceId, 'row-level');
    const set = batch.labelSets.internPair('resource_id', '/');
    batch.labeled.add(EntityType.Node, row, MetricId.FilesystemUsage, set, 1);
    const text = serializeMetrics(batch, { ...HEAPSTER, clusterName: '' });
    expect(text).toBe(
      `filesystem/usage,nodename=n,resource_id=/,type=node value=1i ${SAMPLE_TIMESTAMP}\n`,
    );
  });
});
