import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { DataBatch, type EntityTable } from '@heapster/model';
import { DecodeError } from '../decode/decode-error.js';
import { mutateJson } from '../testing/json-mutator.js';
import { seededRandom } from '../testing/prng.js';
import { decodeSummary } from './decode-summary.js';

const fixtures = ['summary-golden.json', 'summary-kubesim.json'].map(name =>
  readFileSync(new URL(`../../testdata/${name}`, import.meta.url), 'utf8'),
);
const context = { nodeName: 'n', hostname: 'n', hostId: '', scrapeStartMs: 1_714_564_800_000 };
const ROUNDS = 1000;

/**
 * Values that break the contract: every stored value must be absent (NaN) or a finite,
 * non-negative number (custom gauges may be negative); every row must have a sample time.
 * Plain loops, not expect() per value: a jest matcher per cell would dominate the run.
 */
function garbage(batch: DataBatch): string[] {
  const found: string[] = [];
  const bad = (metricId: number, value: number): boolean =>
    !Number.isFinite(value) || (value < 0 && batch.metrics.byId(metricId)?.family !== 'custom');
  for (const table of batch.tables()) collectTable(table, bad, found);
  batch.labeled.forEach((type, row, metricId, _set, value) => {
    if (bad(metricId, value)) found.push(`labeled ${type}/${row} metric ${metricId} = ${value}`);
  });
  return found;
}

function collectTable(
  table: EntityTable,
  bad: (metricId: number, value: number) => boolean,
  found: string[],
): void {
  for (const id of table.metricIds()) {
    for (let row = 0; row < table.size; row++) {
      const value = table.value(row, id);
      if (!Number.isNaN(value) && bad(id, value))
        found.push(`${table.key(row)} metric ${id} = ${value}`);
    }
  }
  for (let row = 0; row < table.size; row++) {
    if (!Number.isFinite(table.scrapeTime(row))) found.push(`${table.key(row)} has no sample time`);
  }
}

describe('decodeSummary fuzzing', () => {
  it.each([1, 2])('throws nothing but DecodeError and writes no garbage (seed %i)', seed => {
    const random = seededRandom(seed);
    let decoded = 0;
    let rejected = 0;
    const problems: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let text = fixtures[round % fixtures.length] as string;
      const mutations = 1 + Math.floor(random() * 3);
      for (let m = 0; m < mutations; m++) {
        try {
          text = mutateJson(text, random);
        } catch {
          break; // the text is no longer JSON: later mutations need a tree
        }
      }
      const batch = new DataBatch({ timestamp: 0 });
      try {
        decodeSummary(text, batch, context);
        decoded++;
      } catch (error) {
        if (!(error instanceof DecodeError)) throw error;
        // All or nothing: a rejected body writes no row.
        if (batch.entityCount() + batch.labeled.size > 0)
          problems.push(`half-written: ${error.message}`);
        rejected++;
      }
      problems.push(...garbage(batch));
    }
    expect(problems).toEqual([]);
    // Both outcomes are exercised, so the check above is not vacuous.
    expect(decoded).toBeGreaterThan(ROUNDS / 10);
    expect(rejected).toBeGreaterThan(ROUNDS / 10);
  });
});
