// Writes docs/metrics.md from the built catalogue: `npm run build && npm run docs` in this
// package. A test (src/catalogue/markdown.test.ts) fails when the committed file differs.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderMetricsMarkdown } from '../dist/index.js';

const target = fileURLToPath(new URL('../../../docs/metrics.md', import.meta.url));
writeFileSync(target, renderMetricsMarkdown());
process.stdout.write(`wrote ${target}\n`);
