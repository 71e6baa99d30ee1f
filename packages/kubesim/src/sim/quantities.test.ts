import { describe, expect, it } from '@jest/globals';
import { Prng } from './prng.js';
import { cpuQuantity, kibibytes, memoryQuantity, millicores } from './quantities.js';

// A minimal Kubernetes quantity parser, to check each text means the value reported beside it.
function parse(text: string): number {
  // An exponent and a suffix never come together ("1e3m" is not a quantity).
  const match = /^([0-9.]+)(?:(e-?[0-9]+)|(m|Ki|Mi|Gi|k|M|G))?$/.exec(text);
  if (match === null) throw new Error(`not a quantity: ${text}`);
  const scale: Record<string, number> = { m: 1e-3, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, k: 1e3, M: 1e6, G: 1e9 };
  return Number(match[1]) * 10 ** Number((match[2] ?? 'e0').slice(1)) * (scale[match[3] ?? ''] ?? 1);
}

describe('quantities', () => {
  it('writes CPU and memory in varied notations whose value matches', () => {
    const r = new Prng(5);
    const cpuTexts = new Set<string>();
    const memoryTexts = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const cpu = cpuQuantity(r);
      expect(parse(cpu.text) * 1000).toBeCloseTo(cpu.value, 6);
      cpuTexts.add(cpu.text.replace(/[0-9.]+/g, '#'));
      const memory = memoryQuantity(r);
      expect(parse(memory.text)).toBeCloseTo(memory.value, 0);
      memoryTexts.add(memory.text.replace(/[0-9.]+/g, '#'));
    }
    // millicores, plain cores, exponent form; Mi, Gi, bytes, exponent, M
    expect([...cpuTexts].sort()).toEqual(expect.arrayContaining(['#', '#m', '#e-#']));
    expect([...memoryTexts].sort()).toEqual(expect.arrayContaining(['#', '#Gi', '#Mi', '#M', '#e#']));
  });

  it('formats node capacity as the kubelet does', () => {
    expect(kibibytes(16 * 1024 ** 3 + 5).text).toBe('16777216Ki');
    expect(millicores(8000).text).toBe('8');
    expect(millicores(7910).text).toBe('7910m');
  });
});
