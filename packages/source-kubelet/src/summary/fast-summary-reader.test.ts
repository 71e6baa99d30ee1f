import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { asciiHash, DataBatch } from '@heapster/model';
import { dumpBatch } from '../testing/dump-batch.js';
import { mutateJson } from '../testing/json-mutator.js';
import { seededRandom } from '../testing/prng.js';
import { decodeSummary, decodeSummaryGeneral } from './decode-summary.js';
import { FastSummaryReader } from './fast-summary-reader.js';

const testdata = (name: string): string =>
  readFileSync(new URL(`../../testdata/${name}`, import.meta.url), 'utf8');
const golden = testdata('summary-golden.json');
// Compact, as a kubelet sends it (the fixture file is indented for reading).
const kubesim = JSON.stringify(JSON.parse(testdata('summary-kubesim.json')));
const context = { nodeName: 'n', hostname: 'h', hostId: 'i-1', scrapeStartMs: 1_714_564_800_000 };
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

type Outcome = { rows: string[]; result: unknown } | { error: string };

function outcome(decode: (batch: DataBatch) => unknown): Outcome {
  const batch = new DataBatch({ timestamp: 0 });
  try {
    const result = decode(batch);
    // Row order matters too (row numbers are identities downstream), not only the sorted dump.
    const order = batch.tables().map(t => Array.from({ length: t.size }, (_, r) => t.key(r)));
    return { rows: [...dumpBatch(batch), JSON.stringify(order)], result };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Decoding the bytes (fast path when it can) equals the general path on the text. */
function expectSameAsGeneral(text: string): void {
  const general = outcome(batch => decodeSummaryGeneral(text, batch, context));
  const fast = outcome(batch => decodeSummary(bytes(text), batch, context));
  expect(fast).toEqual(general);
}

describe('FastSummaryReader', () => {
  it('reads a kubesim summary without falling back', () => {
    expect(new FastSummaryReader().read(bytes(kubesim))).toBeDefined();
    expectSameAsGeneral(kubesim);
  });

  it('reads user-defined metrics and accelerators as the general path does', () => {
    expect(new FastSummaryReader().read(bytes(golden))).toBeDefined();
    expectSameAsGeneral(golden);
  });

  it('reads whitespace, nulls, empty lists, number forms and non-ASCII names as JSON.parse does', () => {
    const summary = JSON.parse(kubesim);
    const pod = summary.pods[0];
    pod.podRef.name = 'pöd-ünïcode';
    pod.containers[0].cpu.usageCoreNanoSeconds = 1e3;
    pod.cpu = null;
    pod.network.interfaces = [];
    pod.volume = null;
    summary.pods[1].containers = null;
    summary.node.fs = null;
    const spaced = JSON.stringify(summary, null, 2)
      .replace('"usageCoreNanoSeconds": 1000', '"usageCoreNanoSeconds" :\t1.0e3')
      .replace(/"majorPageFaults": (\d+)/, '"majorPageFaults": -0');
    expect(new FastSummaryReader().read(bytes(spaced))).toBeDefined();
    expectSameAsGeneral(spaced);
  });

  it('reads start times repeated from the last one, and still refuses a bad one after it', () => {
    const summary = JSON.parse(kubesim);
    const [first, second] = summary.pods;
    for (const container of first.containers) container.startTime = first.startTime;
    expectSameAsGeneral(JSON.stringify(summary));
    second.startTime = '';
    expectSameAsGeneral(JSON.stringify(summary));
    second.startTime = first.startTime.replace('T', 't');
    expectSameAsGeneral(JSON.stringify(summary));
    // An empty first start time is not "the same as the last" of a fresh reader.
    const empty = kubesim.replace(/"startTime":"[^"]*"/g, '"startTime":""');
    expect(empty).not.toBe(kubesim);
    expect(new FastSummaryReader().read(bytes(empty))).toBeUndefined();
  });

  it('reads sample times repeated from the last two, and refuses an empty one from the first', () => {
    const summary = JSON.parse(kubesim);
    const [first, second] = summary.pods;
    first.cpu.time = second.memory.time = '2024-05-01T12:00:01Z';
    first.memory.time = '2024-05-01T12:00:02Z';
    second.cpu.time = '2024-05-01T12:00:02.5Z';
    expectSameAsGeneral(JSON.stringify(summary));
    // A fresh reader holds no time yet: `""` must not pass for one (the validator refuses it).
    const empty = kubesim.replace(/"time":"[^"]*"/g, '"time":""');
    expect(empty).not.toBe(kubesim);
    expect(new FastSummaryReader().read(bytes(empty))).toBeUndefined();
    expectSameAsGeneral(empty);
  });

  it('finds the default interface among more interface names than it keeps', () => {
    const summary = JSON.parse(kubesim);
    const network = summary.pods[0].network;
    const template = network.interfaces[0];
    network.interfaces = Array.from({ length: 150 }, (_, i) => ({
      ...template,
      name: `veth${i}`,
      rxBytes: 1000 + i,
    }));
    network.name = 'veth120';
    for (let round = 0; round < 3; round++) expectSameAsGeneral(JSON.stringify(summary));
  });

  it('uses the last of duplicate keys, as JSON.parse does', () => {
    const text = kubesim.replace(
      '"podRef":{',
      '"cpu":{"usageCoreNanoSeconds":1},"containers":[{"name":"ghost"}],"podRef":{"name":"x","namespace":"y"},"podRef":{',
    );
    expect(text).not.toBe(kubesim);
    expectSameAsGeneral(text);
  });

  it.each([
    [
      'a number with a leading zero',
      (t: string) => t.replace(/"usageBytes":(\d)/, '"usageBytes":0$1'),
    ],
    ['a trailing comma', (t: string) => t.replace('}]', '},]')],
    ['garbage after the document', (t: string) => `${t} x`],
    ['a truncated body', (t: string) => t.slice(0, t.length / 2)],
    ['an escaped key', (t: string) => t.replace('"cpu"', '"c\\u0070u"')],
    ['an escaped name', (t: string) => t.replace(/"name":"([a-z])/, '"name":"\\u0041$1')],
    ['a negative counter', (t: string) => t.replace(/"rxBytes":(\d)/, '"rxBytes":-$1')],
    ['a fractional counter', (t: string) => t.replace(/"rxBytes":(\d+)/, '"rxBytes":$1.5')],
    [
      'a huge counter',
      (t: string) => t.replace(/"rxBytes":(\d+)/, '"rxBytes":1$1000000000000000000'),
    ],
    ['a bad time', (t: string) => t.replace(/"time":"[^"]+"/, '"time":"yesterday"')],
    [
      'an empty pod name',
      (t: string) => t.replace(/"podRef":\{"name":"[^"]+"/, '"podRef":{"name":""'),
    ],
    ['a control character', (t: string) => t.replace(/"name":"([a-z])/, '"name":"\u0001$1')],
    [
      'true in an ignored field',
      (t: string) => t.replace('"process_stats":{', '"process_stats":{"x":true,"y":tru,'),
    ],
  ])('agrees with the general path on %s', (_what, change) => {
    const text = change(kubesim);
    expect(text).not.toBe(kubesim);
    expectSameAsGeneral(text);
  });

  it.each([
    ['a __proto__ label', (t: string) => t.replace(/"labels": *\{/, '"labels":{"__proto__":"x",')],
    ['a null label', (t: string) => t.replace(/"labels": *\{/, '"labels":{"a":null,')],
    ['an array of labels', (t: string) => t.replace(/"labels": *\{/, '"labels":[],"x":{')],
    ['an infinite custom value', (t: string) => t.replace(/"value": *[0-9.]+/, '"value":1e999')],
    [
      'a custom metric without a name',
      (t: string) =>
        t.replace(/"userDefinedMetrics": *\[\s*\{/, '"userDefinedMetrics":[{"name":null},{'),
    ],
  ])('agrees with the general path on user-defined metrics with %s', (_what, change) => {
    const text = change(golden);
    expect(text).not.toBe(golden);
    expectSameAsGeneral(text);
  });

  it('agrees with the general path on 1,500 fuzzed bodies', () => {
    const random = seededRandom(7);
    let fastAccepted = 0;
    for (let round = 0; round < 1500; round++) {
      let text = round % 3 === 0 ? golden : kubesim;
      const mutations = 1 + Math.floor(random() * 3);
      for (let m = 0; m < mutations; m++) {
        try {
          text = mutateJson(text, random);
        } catch {
          break;
        }
      }
      if (new FastSummaryReader().read(bytes(text)) !== undefined) fastAccepted++;
      expectSameAsGeneral(text);
    }
    // The fast path really ran on a good share of them, so the agreement is not vacuous.
    expect(fastAccepted).toBeGreaterThan(200);
  });

  it('agrees with the general path on 1,500 bodies with random byte edits', () => {
    // Edits below the JSON tree: broken syntax, stray escapes, odd number forms, whitespace.
    const random = seededRandom(11);
    const alphabet = '{}[],:"\\ \t\n0123456789-+.eEnulltruefalse\u00e9';
    let fastAccepted = 0;
    for (let round = 0; round < 1500; round++) {
      let text = kubesim;
      const edits = 1 + Math.floor(random() * 2);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * text.length);
        const char = alphabet[Math.floor(random() * alphabet.length)] as string;
        const kind = Math.floor(random() * 3);
        text =
          kind === 0
            ? text.slice(0, at) + text.slice(at + 1)
            : kind === 1
              ? text.slice(0, at) + char + text.slice(at)
              : text.slice(0, at) + char + text.slice(at + 1);
      }
      if (new FastSummaryReader().read(bytes(text)) !== undefined) fastAccepted++;
      expectSameAsGeneral(text);
    }
    expect(fastAccepted).toBeGreaterThan(100);
  });

  it('recycles its objects between bodies without mixing them up', () => {
    const small = JSON.parse(kubesim);
    small.pods = small.pods.slice(0, 2);
    const first = outcome(batch => {
      decodeSummary(bytes(kubesim), batch, context);
      return decodeSummary(bytes(JSON.stringify(small)), batch, context);
    });
    const second = outcome(batch => {
      decodeSummaryGeneral(kubesim, batch, context);
      return decodeSummaryGeneral(JSON.stringify(small), batch, context);
    });
    expect(first).toEqual(second);
  });

  it('writes the same rows when the batch already holds the names (found by their bytes)', () => {
    // Consecutive batches share the string and label-set tables, as the core's do.
    const first = new DataBatch({ timestamp: 0 });
    const { strings, labelSets } = first;
    decodeSummary(bytes(kubesim), first, context);
    const names = strings.size;
    const sets = labelSets.size;
    const again = new DataBatch({ timestamp: 0, strings, labelSets });
    decodeSummary(bytes(kubesim), again, context);
    expect(strings.size).toBe(names); // nothing new to intern the second time
    expect(labelSets.size).toBe(sets);
    const general = new DataBatch({ timestamp: 0 });
    decodeSummaryGeneral(kubesim, general, context);
    expect(dumpBatch(again)).toEqual(dumpBatch(general));
  });

  it('asks the known strings with the bytes and their hash, and uses what they return', () => {
    const asked: string[] = [];
    const answers: string[] = [];
    const known = {
      findAsciiId(body: Uint8Array, start: number, end: number, hash: number): number {
        const text = Buffer.from(body.subarray(start, end)).toString('latin1');
        expect(hash).toBe(asciiHash(body, start, end));
        asked.push(text);
        if (!text.startsWith('kube-')) return -1;
        answers.push(`known:${text}`);
        return answers.length - 1;
      },
      get: (id: number): string => answers[id] as string,
    };
    const summary = new FastSummaryReader().read(bytes(kubesim), known);
    const parsed = JSON.parse(kubesim) as { pods: { podRef: { namespace: string } }[] };
    expect(asked).toContain(parsed.pods[0]?.podRef.namespace);
    const namespaces = summary?.pods?.map(pod => pod.podRef.namespace) ?? [];
    expect(namespaces.length).toBe(parsed.pods.length);
    for (const [i, pod] of parsed.pods.entries()) {
      const expected = pod.podRef.namespace;
      const ref = summary?.pods?.[i]?.podRef;
      expect(namespaces[i]).toBe(expected.startsWith('kube-') ? `known:${expected}` : expected);
      // The id it was found under travels with it, for the writer; -1 when not found.
      const id = ref?.namespaceId ?? -2;
      expect(id >= 0 ? answers[id] : -1).toBe(expected.startsWith('kube-') ? namespaces[i] : -1);
    }
  });
});
