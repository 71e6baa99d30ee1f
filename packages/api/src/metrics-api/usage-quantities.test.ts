import { describe, expect, it } from '@jest/globals';
import { formatBytes, formatCpuNanoCores, parseQuantity } from '@heapster/model';
import { cpuQuantity, memoryQuantity } from './usage-quantities.js';

// A deterministic generator: the property runs on the same values every time.
function* values(seed: number, count: number): Generator<number> {
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const magnitude = 10 ** (x % 16);
    yield Math.min(
      Math.floor((x / 2147483648) * magnitude) * (x % 3 === 0 ? 1000 : 1),
      2 ** 53 - 1,
    );
  }
}

describe('usage quantities', () => {
  it('prints what the model (apimachinery) prints, on the fast path and off it', () => {
    // Safe integers only: the model formats a number through its shortest decimal spelling.
    for (const n of [...values(7, 4000), 0, 1, 999, 1000, 1023, 1024, 1536, 2 ** 40, 2 ** 52]) {
      expect(cpuQuantity(n / 1e6)).toBe(formatCpuNanoCores(Math.round(n)));
      expect(memoryQuantity(n)).toBe(formatBytes(n, 'BinarySI'));
    }
  });

  it('uses nanocores and BinarySI like metrics-server', () => {
    expect(cpuQuantity(182.413227)).toBe('182413227n');
    expect(cpuQuantity(250)).toBe('250m');
    expect(cpuQuantity(2000)).toBe('2');
    expect(cpuQuantity(12.5)).toBe('12500u');
    expect(cpuQuantity(3_000_000)).toBe('3k');
    expect(memoryQuantity(4620 * 1024)).toBe('4620Ki');
    expect(memoryQuantity(2 ** 30)).toBe('1Gi');
    expect(memoryQuantity(1000)).toBe('1k');
    expect(memoryQuantity(123456789.4)).toBe('123456789');
    // kubectl top reads them back exactly.
    expect(parseQuantity(cpuQuantity(182.413227)).milliValue()).toBe(183);
  });

  it('takes the exact path for values outside the fast range', () => {
    expect(cpuQuantity(-5)).toBe(formatCpuNanoCores(-5_000_000));
    expect(memoryQuantity(2 ** 60)).toBe('1Ei');
    expect(memoryQuantity(-2048)).toBe(formatBytes(-2048));
    expect(cpuQuantity(2 ** 45)).toBe(`${2 ** 45}m`);
  });
});
