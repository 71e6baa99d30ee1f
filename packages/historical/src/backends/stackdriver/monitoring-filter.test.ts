import { describe, expect, it } from '@jest/globals';
import { chunkedFilters, filterText, MAX_VALUES_PER_CLAUSE } from './monitoring-filter.js';

describe('monitoring filters', () => {
  it('quotes every value, so names cannot change the filter', () => {
    expect(
      filterText([
        { path: 'resource.labels.pod_name', values: ['a"b\\c'] },
        { path: 'resource.labels.namespace_name', values: ['x', 'y'] },
      ]),
    ).toBe(
      'resource.labels.pod_name = "a\\"b\\\\c" AND resource.labels.namespace_name = one_of("x", "y")',
    );
  });

  it('splits a long pod list into filters of at most MAX_VALUES_PER_CLAUSE names', () => {
    const pods = Array.from({ length: 250 }, (_, i) => `p${i}`);
    const filters = chunkedFilters([
      { path: 'metric.type', values: ['t'] },
      { path: 'resource.labels.pod_name', values: pods },
    ]);
    expect(filters).toHaveLength(Math.ceil(250 / MAX_VALUES_PER_CLAUSE));
    expect(filters.map(filter => filter.split('", "').length)).toEqual([100, 100, 50]);
    expect(filters[2]).toMatch(
      /^metric\.type = "t" AND resource\.labels\.pod_name = one_of\("p200"/,
    );
  });
});
