import { describe, expect, it } from '@jest/globals';
import { factsOf } from '../testing/metric-facts.js';
import { MetricCatalogue, MetricCatalogueError } from './metric-catalogue.js';
import { resourceNameProblem } from './resources.js';
import { STATIC_METRICS } from './static-metrics.js';

describe('<resource>/request (dynamic, heapster.md §1)', () => {
  it('registers an extended resource on first sight with the next id, and returns the same one after', () => {
    const catalogue = new MetricCatalogue();
    const gpu = catalogue.ensure('nvidia.com/gpu/request');
    expect(gpu.id).toBe(STATIC_METRICS.length);
    expect(gpu.family).toBe('resource');
    expect(gpu.dynamic).toBe(true);
    expect(factsOf(gpu)).toEqual({
      type: 'gauge',
      valueType: 'int64',
      units: 'devices',
      levels: 'C P',
      summed: 'pod',
    });
    expect(catalogue.ensure('nvidia.com/gpu/request')).toBe(gpu);
    expect(catalogue.ensure('example.com/foo/request').id).toBe(STATIC_METRICS.length + 1);
    expect(catalogue.byId(gpu.id)).toBe(gpu);
  });

  it('counts hugepages in bytes', () => {
    expect(new MetricCatalogue().ensure('hugepages-2Mi/request').units).toBe('bytes');
  });

  it('returns the static metrics for cpu and memory requests', () => {
    const catalogue = new MetricCatalogue();
    expect(catalogue.ensure('cpu/request').dynamic).toBeUndefined();
    expect(catalogue.ensure('memory/request').family).toBe('memory');
    expect(catalogue.size).toBe(STATIC_METRICS.length);
  });

  it.each([
    ['ephemeral-storage/request', /ephemeral_storage\/request/],
    ['Example.com/gpu/request', /DNS subdomain/],
    ['a/b/c/request', /at most one "\/"/],
    ['nvidia.com/-gpu/request', /name part/],
    ['network/request', /metric family/],
    [`nvidia.com/${'g'.repeat(64)}/request`, /name part/],
    ['/request', /unknown metric/],
  ])('rejects %s with an error naming it', (name, reason) => {
    const attempt = () => new MetricCatalogue().ensure(name);
    expect(attempt).toThrow(MetricCatalogueError);
    expect(attempt).toThrow(JSON.stringify(name));
    expect(attempt).toThrow(reason);
  });

  it('accepts qualified names with dots, dashes and underscores', () => {
    expect(resourceNameProblem('vendor-x.example.io/fpga_v2.large')).toBeUndefined();
    expect(resourceNameProblem('hugepages-1Gi')).toBeUndefined();
  });
});
