import { describe, expect, it } from '@jest/globals';
import { metricOfSeries, seriesName, type MetricNaming } from './metric-naming.js';

const naming = (schema: MetricNaming['schema']): MetricNaming => ({
  schema,
  separator: '_',
  prefix: 'heapster_',
});

describe('metric names in a PromQL engine', () => {
  it.each([
    ['influx', 'cpu/usage_rate', 'cpu/usage_rate_value'],
    ['influx', 'ephemeral_storage/usage', 'ephemeral_storage/usage_value'],
    ['withfields', 'cpu/usage_rate', 'cpu_usage_rate'],
    ['withfields', 'ephemeral_storage/usage', 'ephemeral_storage_usage'],
    ['withfields', 'uptime', 'uptime_value'],
    ['plain', 'memory/working_set', 'memory/working_set'],
    ['prometheus', 'cpu/usage_rate', 'heapster_cpu_usage_rate'],
  ] as const)('%s: %s is stored as %s, and read back', (schema, metric, stored) => {
    expect(seriesName(metric, naming(schema))).toBe(stored);
    expect(metricOfSeries(stored, naming(schema))).toBe(metric);
  });

  it('undoes names beyond the catalogue by the schema rule, and skips foreign ones', () => {
    expect(metricOfSeries('custom/qps_value', naming('influx'))).toBe('custom/qps');
    expect(metricOfSeries('up', naming('influx'))).toBeUndefined();
    expect(metricOfSeries('node_load1', naming('prometheus'))).toBeUndefined();
    expect(metricOfSeries('custom_qps', naming('withfields'))).toBe('custom/qps');
  });
});
