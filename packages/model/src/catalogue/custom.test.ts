import { describe, expect, it } from '@jest/globals';
import { factsOf } from '../testing/metric-facts.js';
import { MetricCatalogue, MetricCatalogueError } from './metric-catalogue.js';
import { STATIC_METRICS } from './static-metrics.js';

describe('custom/<name> (dynamic, heapster.md §1)', () => {
  it('registers an application metric with the type the caller reports', () => {
    const catalogue = new MetricCatalogue();
    const requests = catalogue.ensure('custom/http_requests_total', { type: 'cumulative' });
    expect(requests.id).toBe(STATIC_METRICS.length);
    expect(requests.family).toBe('custom');
    // Summed into the pod whatever its type: only standard kubelet counters are exempt.
    expect(factsOf(requests)).toEqual({
      type: 'cumulative',
      valueType: 'double',
      units: 'count',
      levels: 'C P S',
      summed: 'pod',
    });
    expect(catalogue.byName('custom/http_requests_total')).toBe(requests);
  });

  it('defaults to a gauge and keeps the first registration', () => {
    const catalogue = new MetricCatalogue();
    const queue = catalogue.ensure('custom/queue_depth');
    expect(queue.type).toBe('gauge');
    expect(catalogue.ensure('custom/queue_depth', { type: 'gauge' })).toBe(queue);
    expect(catalogue.ensure('custom/queue_depth')).toBe(queue);
  });

  it('refuses a later report of a different type, naming the metric', () => {
    const catalogue = new MetricCatalogue();
    catalogue.ensure('custom/jobs', { type: 'delta' });
    expect(() => catalogue.ensure('custom/jobs', { type: 'gauge' })).toThrow(
      'metric "custom/jobs": was registered as delta, now reported as gauge',
    );
  });

  it.each([
    ['custom/', /empty/],
    ['custom/has space', /may hold/],
    ['custom/-dash-first', /may hold/],
    [`custom/${'x'.repeat(201)}`, /longer than 200/],
  ])('rejects %j', (name, reason) => {
    const attempt = () => new MetricCatalogue().ensure(name);
    expect(attempt).toThrow(MetricCatalogueError);
    expect(attempt).toThrow(reason);
  });

  it('rejects a type outside gauge, cumulative and delta', () => {
    const attempt = () => new MetricCatalogue().ensure('custom/x', { type: 'counter' as never });
    expect(attempt).toThrow(
      'metric "custom/x": type "counter" is not one of cumulative, gauge, delta',
    );
  });
});
