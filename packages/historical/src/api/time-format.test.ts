import { describe, expect, it } from '@jest/globals';
import { formatRfc3339, parseRfc3339 } from './time-format.js';

describe('RFC 3339 times', () => {
  it.each([
    ['2024-03-01T00:00:00Z', Date.UTC(2024, 2, 1)],
    ['2024-03-01T00:00:00.5Z', Date.UTC(2024, 2, 1) + 500],
    ['2024-03-01T00:00:00.123456789Z', Date.UTC(2024, 2, 1) + 123],
    ['2024-03-01T01:00:00+01:00', Date.UTC(2024, 2, 1)],
    ['2024-03-01T01:00:00 01:00', Date.UTC(2024, 2, 1)],
    ['2024-02-29T23:30:00-00:30', Date.UTC(2024, 2, 1)],
  ])('reads %s', (text, ms) => {
    expect(parseRfc3339(text)).toBe(ms);
  });

  it.each([
    '2024-03-01',
    '2024-02-30T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '1709251200',
    'now',
    '2024-03-01T00:00:00',
  ])('refuses %s', text => {
    expect(parseRfc3339(text)).toBeUndefined();
  });

  it("writes Go's form: UTC, no zero fraction", () => {
    expect(formatRfc3339(Date.UTC(2024, 2, 1))).toBe('2024-03-01T00:00:00Z');
    expect(formatRfc3339(Date.UTC(2024, 2, 1, 0, 0, 10))).toBe('2024-03-01T00:00:10Z');
    expect(formatRfc3339(Date.UTC(2024, 2, 1) + 100)).toBe('2024-03-01T00:00:00.1Z');
    expect(formatRfc3339(Date.UTC(2024, 2, 1) + 7)).toBe('2024-03-01T00:00:00.007Z');
  });

  it('writes whole seconds (the fast path) exactly as Date.toISOString does', () => {
    const reference = (ms: number) => new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z');
    const times = [
      0,
      -1000,
      -86_400_000,
      -62_135_596_800_000, // 0001-01-01T00:00:00Z
      253_402_300_799_000, // 9999-12-31T23:59:59Z
      253_402_300_800_000, // +010000-01-01T00:00:00Z
      Date.UTC(2024, 1, 29, 23, 59, 59),
    ];
    for (let i = 0; i < 5_000; i++) {
      const seed = Math.sin(i + 1) * 10_000;
      times.push(Math.round((seed - Math.floor(seed)) * 4e12 - 1e12) * 1000);
      times.push(Date.UTC(2024, 0, 1) + i * 3_600_000);
    }
    for (const ms of times) expect(formatRfc3339(ms)).toBe(reference(ms));
    expect(() => formatRfc3339(Number.NaN)).toThrow(RangeError);
  });
});
