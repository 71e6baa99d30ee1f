import { describe, expect, it } from '@jest/globals';
import { DEPRECATED_METRIC_ALIASES, resolveMetricAlias } from './aliases.js';
import { MetricCatalogue, MetricCatalogueError } from './metric-catalogue.js';
import { MetricId } from './metric-id.js';
import { cumulativeOfRate, RATE_MAPPINGS, rateMappingOf } from './rates.js';
import { SEED_METRIC_NAMES, STATIC_METRICS } from './static-metrics.js';

function pascal(name: string): string {
  return name
    .split(/[/_]/)
    .map(word => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');
}

describe('static metric ids', () => {
  it('MetricId names every static metric with its id, and nothing else', () => {
    const expected = Object.fromEntries(
      STATIC_METRICS.map(metric => [pascal(metric.name), metric.id]),
    );
    expect(MetricId).toEqual(expected);
  });

  it('gives Heapster’s original metric table ids 0-9', () => {
    expect(STATIC_METRICS.slice(0, 10).map(metric => metric.name)).toEqual([
      'uptime',
      'cpu/usage',
      'memory/usage',
      'memory/page_faults',
      'memory/working_set',
      'network/rx',
      'network/rx_errors',
      'network/tx',
      'network/tx_errors',
      'filesystem/usage',
    ]);
    expect(SEED_METRIC_NAMES).toHaveLength(10);
  });

  it('holds 53 metrics with unique names, ids equal to their index', () => {
    expect(STATIC_METRICS).toHaveLength(53);
    expect(new Set(STATIC_METRICS.map(metric => metric.name)).size).toBe(53);
    STATIC_METRICS.forEach((metric, index) => expect(metric.id).toBe(index));
  });
});

describe('MetricCatalogue', () => {
  it('looks metrics up by name and id', () => {
    const catalogue = new MetricCatalogue();
    expect(catalogue.byName('cpu/usage_rate')?.id).toBe(MetricId.CpuUsageRate);
    expect(catalogue.byId(MetricId.MemoryWorkingSet)?.name).toBe('memory/working_set');
    expect(catalogue.has('filesystem/usage')).toBe(true);
    expect(catalogue.has('cpu-usage')).toBe(false);
    expect(catalogue.byName('nope')).toBeUndefined();
    expect(catalogue.byId(9999)).toBeUndefined();
    expect(() => catalogue.get('nope')).toThrow('metric "nope": unknown metric');
  });

  it('lists every metric in id order, as a snapshot', () => {
    const catalogue = new MetricCatalogue();
    const before = catalogue.all();
    catalogue.ensure('nvidia.com/gpu/request');
    expect(before).toHaveLength(STATIC_METRICS.length);
    expect(catalogue.all().map(metric => metric.id)).toEqual([
      ...Array(STATIC_METRICS.length + 1).keys(),
    ]);
  });

  it('refuses names that are neither Heapster’s nor a dynamic pattern, naming them', () => {
    const catalogue = new MetricCatalogue();
    expect(() => catalogue.ensure('cpu/usage_bytes_gauge')).toThrow(MetricCatalogueError);
    expect(() => catalogue.ensure('cpu/usage_bytes_gauge')).toThrow(
      'metric "cpu/usage_bytes_gauge": unknown metric',
    );
    expect(catalogue.size).toBe(STATIC_METRICS.length);
  });

  it('stays within its bound, however many dynamic names turn up', () => {
    const catalogue = new MetricCatalogue(STATIC_METRICS, {
      maxMetrics: STATIC_METRICS.length + 2,
    });
    catalogue.ensure('custom/a');
    catalogue.ensure('custom/b');
    expect(() => catalogue.ensure('custom/c')).toThrow(
      `the catalogue is full (${STATIC_METRICS.length + 2} metrics)`,
    );
    expect(() => new MetricCatalogue(STATIC_METRICS, { maxMetrics: 70000 })).toThrow(
      'maxMetrics 70000',
    );
  });

  it('keeps dynamic registrations per catalogue', () => {
    const one = new MetricCatalogue();
    const two = new MetricCatalogue();
    one.ensure('custom/only_here');
    expect(two.has('custom/only_here')).toBe(false);
  });
});

describe('rates', () => {
  it('maps the nine cumulative metrics with a rate twin, both ways', () => {
    expect(RATE_MAPPINGS.map(m => m.cumulative)).toEqual([
      'cpu/usage',
      'memory/page_faults',
      'memory/major_page_faults',
      'network/rx',
      'network/rx_errors',
      'network/tx',
      'network/tx_errors',
      'disk/io_read_bytes',
      'disk/io_write_bytes',
    ]);
    expect(rateMappingOf('cpu/usage')).toMatchObject({
      rate: 'cpu/usage_rate',
      scale: 1000,
      integer: true,
    });
    expect(rateMappingOf('network/rx')).toMatchObject({
      rate: 'network/rx_rate',
      scale: 1e9,
      integer: false,
    });
    expect(rateMappingOf('disk/io_read_bytes')?.labeled).toBe(true);
    expect(cumulativeOfRate('memory/page_faults_rate')).toBe('memory/page_faults');
    expect(rateMappingOf('memory/usage')).toBeUndefined();
  });

  it('agrees with the descriptors’ rate and rateOf fields', () => {
    const fromDescriptors = STATIC_METRICS.filter(metric => metric.rate !== undefined).map(
      metric => [metric.name, metric.rate],
    );
    expect(fromDescriptors).toEqual(
      expect.arrayContaining(RATE_MAPPINGS.map(m => [m.cumulative, m.rate])),
    );
    expect(fromDescriptors).toHaveLength(RATE_MAPPINGS.length);
    for (const metric of STATIC_METRICS.filter(m => m.rateOf !== undefined)) {
      expect(cumulativeOfRate(metric.name)).toBe(metric.rateOf);
      expect(metric.type).toBe('gauge');
    }
  });
});

describe('deprecated model-API names', () => {
  it('translates the five aliases to metrics that exist', () => {
    expect([...DEPRECATED_METRIC_ALIASES]).toEqual([
      ['cpu-usage', 'cpu/usage_rate'],
      ['cpu-limit', 'cpu/limit'],
      ['memory-limit', 'memory/limit'],
      ['memory-usage', 'memory/usage'],
      ['memory-working', 'memory/working_set'],
    ]);
    const catalogue = new MetricCatalogue();
    for (const name of DEPRECATED_METRIC_ALIASES.values()) expect(catalogue.has(name)).toBe(true);
  });

  it('leaves any other name alone', () => {
    expect(resolveMetricAlias('cpu-usage')).toBe('cpu/usage_rate');
    expect(resolveMetricAlias('cpu/usage')).toBe('cpu/usage');
  });
});
