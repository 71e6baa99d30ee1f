import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { renderMetricsMarkdown } from './markdown.js';
import { STATIC_METRICS } from './static-metrics.js';

const DOC = fileURLToPath(new URL('../../../../docs/metrics.md', import.meta.url));

describe('docs/metrics.md', () => {
  it('is exactly what the catalogue renders', () => {
    const rendered = renderMetricsMarkdown();
    let committed = '';
    try {
      committed = readFileSync(DOC, 'utf8');
    } catch {
      committed = '(missing)';
    }
    if (committed !== rendered) {
      throw new Error(
        `${DOC} is out of date with the catalogue. Regenerate it with ` +
          '`npm run build -w @heapster/model && npm run docs -w @heapster/model` and commit the result.',
      );
    }
  });

  it('lists every static metric and the dynamic patterns', () => {
    const rendered = renderMetricsMarkdown();
    for (const metric of STATIC_METRICS) expect(rendered).toContain(`| \`${metric.name}\` |`);
    expect(rendered).toContain('`nvidia.com/gpu/request`');
    expect(rendered).toContain('`custom/<name>`');
    expect(rendered).toContain('| `memory-working` | `memory/working_set` |');
  });
});
