import { describe, expect, it } from '@jest/globals';
import { STATIC_METRICS } from '@heapster/model';
import { findRepoRoot } from '@heapster/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prometheusMetricName, prometheusType } from './prometheus-names.js';

describe('docs/prometheus.md', () => {
  it('should list every built-in metric with its Prometheus name and type, and nothing else', () => {
    const doc = readFileSync(join(findRepoRoot(), 'docs', 'prometheus.md'), 'utf8');
    const rows = [
      ...doc.matchAll(/^\| `([^`]+)` +\| `(heapster_[a-z0-9_]+)` +\| (counter|gauge) +\|/gm),
    ];
    const documented = rows.map(([, name, prom, type]) => `${name} ${prom} ${type}`);
    const expected = STATIC_METRICS.map(
      m => `${m.name} ${prometheusMetricName(m)} ${prometheusType(m)}`,
    );
    expect(documented).toEqual(expected);
  });
});
