import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { DataBatch } from '@heapster/model';
import { DecodeError } from '../decode/decode-error.js';
import { pick, seededRandom } from '../testing/prng.js';
import { decodeResourceMetrics } from './decode-resource-metrics.js';

const captured = readFileSync(
  new URL('../../testdata/resource-kubesim.txt', import.meta.url),
  'utf8',
);
const context = { nodeName: 'n', hostname: 'n', hostId: '', scrapeStartMs: 1 };
const NOISE = ['{', '}', '"', '=', ',', ' ', '\n', '-', 'e', 'NaN', '+Inf', '\\', '#', 'x', '9'];

/** One corruption: a cut, an inserted token, or a deleted span. */
function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * text.length);
  const kind = random();
  if (kind < 0.2) return text.slice(0, at);
  if (kind < 0.7) return text.slice(0, at) + pick(random, NOISE) + text.slice(at);
  return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 20));
}

describe('decodeResourceMetrics fuzzing', () => {
  it('throws nothing but DecodeError and never stores a negative or infinite value', () => {
    const random = seededRandom(42);
    const problems: string[] = [];
    let rejected = 0;
    for (let round = 0; round < 2000; round++) {
      let text = captured;
      for (let m = 0, n = 1 + Math.floor(random() * 3); m < n; m++) text = mutate(text, random);
      const batch = new DataBatch({ timestamp: 0 });
      try {
        decodeResourceMetrics(text, batch, context);
      } catch (error) {
        if (!(error instanceof DecodeError)) throw error;
        if (!/^line \d+: /.test(error.message)) problems.push(`no line in: ${error.message}`);
        if (batch.entityCount() > 0) problems.push(`half-written: ${error.message}`);
        rejected++;
        continue;
      }
      for (const table of batch.tables()) {
        for (const id of table.metricIds()) {
          for (let row = 0; row < table.size; row++) {
            const value = table.value(row, id);
            if (!Number.isNaN(value) && !(Number.isFinite(value) && value >= 0)) {
              problems.push(`${table.key(row)} metric ${id} = ${value}`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(rejected).toBeGreaterThan(200);
    expect(rejected).toBeLessThan(2000);
  });
});
