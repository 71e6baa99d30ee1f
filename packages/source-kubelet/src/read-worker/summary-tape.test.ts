import { readFileSync } from 'node:fs';
import { isSharedArrayBuffer } from 'node:util/types';
import { describe, expect, it } from '@jest/globals';
import { DataBatch } from '@heapster/model';
import { mutateJson } from '../testing/json-mutator.js';
import { seededRandom } from '../testing/prng.js';
import { dumpBatch } from '../testing/dump-batch.js';
import { decodeSummary, decodeSummaryTape } from '../summary/decode-summary.js';
import { FastSummaryReader } from '../summary/fast-summary-reader.js';
import { NameRanges, SummaryTapeEncoder, type SummaryTape } from './summary-tape.js';

const fixtures = ['summary-golden.json', 'summary-kubesim.json'].map(name =>
  readFileSync(new URL(`../../testdata/${name}`, import.meta.url), 'utf8'),
);
const context = { nodeName: 'n', hostname: 'n', hostId: 'h', scrapeStartMs: 1_714_564_800_000 };

/** What the worker does (read-worker-main.ts), in this thread; the tape cloned as a message is. */
function readOnWorker(body: Uint8Array): SummaryTape | undefined {
  const names = new NameRanges();
  const summary = new FastSummaryReader().read(body, names);
  return summary === undefined
    ? undefined
    : structuredClone(new SummaryTapeEncoder().encode(summary, names));
}

/** The batch (or the error) of a body decoded on this thread, and through a tape. */
function bothWays(text: string, known: readonly string[]): { direct: string[]; taped: string[] } {
  const body = new TextEncoder().encode(text);
  const run = (decode: (batch: DataBatch) => void): string[] => {
    const batch = new DataBatch({ timestamp: 0 });
    for (const name of known) batch.strings.intern(name);
    try {
      decode(batch);
    } catch (error) {
      return [`error: ${(error as Error).message}`];
    }
    return dumpBatch(batch);
  };
  const tape = readOnWorker(body);
  return {
    direct: run(batch => decodeSummary(body, batch, context)),
    taped: run(batch =>
      tape === undefined
        ? decodeSummary(body, batch, context)
        : decodeSummaryTape(tape, body, batch, context),
    ),
  };
}

describe('summary tapes (a body read on a worker, written here)', () => {
  it.each([0, 1])('write the same rows as decoding here (fixture %i)', index => {
    const text = fixtures[index] as string;
    const tape = readOnWorker(new TextEncoder().encode(text));
    expect(tape).toBeDefined();
    // Names cross as byte ranges: the tape carries times and volume names only.
    expect(tape?.strings.some(s => /^(web|coredns|nginx)/.test(s))).toBe(false);
    const fresh = bothWays(text, []);
    expect(fresh.taped.length).toBeGreaterThan(20);
    expect(fresh.taped).toEqual(fresh.direct);
    // Names the batch has already are taken from it, as the fast reader does.
    const names = [...text.matchAll(/"(?:name|namespace|uid)": ?"([^"]+)"/g)].map(m => m[1]);
    const known = bothWays(text, names as string[]);
    expect(known.taped).toEqual(known.direct);
  });

  it('writes into the shared memory it is given, and into more when that is too small', () => {
    const body = new TextEncoder().encode(fixtures[1] as string);
    const names = new NameRanges();
    const summary = new FastSummaryReader().read(body, names)!;
    const encoder = new SummaryTapeEncoder();
    const plain = Array.from(encoder.encode(summary, names).numbers);
    const roomy = new SharedArrayBuffer(plain.length * 8);
    const inPlace = encoder.encode(summary, names, roomy);
    expect(inPlace.numbers.buffer).toBe(roomy);
    expect(Array.from(inPlace.numbers)).toEqual(plain);
    const small = new SharedArrayBuffer(64);
    const grown = encoder.encode(summary, names, small);
    expect(isSharedArrayBuffer(grown.numbers.buffer)).toBe(true);
    expect(grown.numbers.buffer).not.toBe(small);
    expect(Array.from(grown.numbers)).toEqual(plain);
  });

  it('refuses an empty pod name the way decoding here does', () => {
    const summary = JSON.parse(fixtures[0] as string);
    summary.pods[0].podRef.name = '';
    const { direct, taped } = bothWays(JSON.stringify(summary), []);
    expect(direct[0]).toMatch(/^error: .*podRef\.name/);
    expect(taped).toEqual(direct);
  });

  it('agrees with decoding here on mutated bodies (fuzzing)', () => {
    const random = seededRandom(7);
    let same = 0;
    for (let round = 0; round < 400; round++) {
      let text = fixtures[round % fixtures.length] as string;
      try {
        text = mutateJson(text, random);
      } catch {
        continue;
      }
      const { direct, taped } = bothWays(text, round % 2 === 0 ? [] : ['kube-system', 'default']);
      expect(taped).toEqual(direct);
      same++;
    }
    expect(same).toBeGreaterThan(300);
  });
});
