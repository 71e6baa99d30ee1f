import { describe, expect, it } from '@jest/globals';
import {
  escapeMeasurement,
  escapeTag,
  formatFloat,
  formatInteger,
  quoteString,
} from './line-protocol.js';

describe('line protocol', () => {
  it.each([
    ['plain', 'plain'],
    ['a b', 'a\\ b'],
    ['k:v,k2:v2', 'k:v\\,k2:v2'],
    ['a=b', 'a\\=b'],
    ['line\nbreak', 'line\\ break'],
    ['ends\\', 'ends'],
    ['mid\\dle', 'mid\\dle'],
    ['before\\,comma', 'before\\,comma'],
  ])('should escape tag %j as %j', (value, escaped) => {
    expect(escapeTag(value)).toBe(escaped);
  });

  it('should escape measurements but keep slashes and equals signs', () => {
    expect(escapeMeasurement('cpu/usage_rate')).toBe('cpu/usage_rate');
    expect(escapeMeasurement('custom/a b,c=d')).toBe('custom/a\\ b\\,c=d');
  });

  it('should quote string fields, escaping backslashes and double quotes', () => {
    expect(quoteString('say "hi" \\o/\nbye')).toBe('"say \\"hi\\" \\\\o/\nbye"');
  });

  it('should format integers and floats so that InfluxDB never sees two types', () => {
    expect(formatInteger(12.6)).toBe('13i');
    expect(formatInteger(-0.2)).toBe('0i');
    expect(formatInteger(2 ** 50)).toBe('1125899906842624i');
    expect(formatInteger(1e19)).toBeUndefined();
    expect(formatInteger(Number.NaN)).toBeUndefined();
    expect(formatFloat(5)).toBe('5');
    expect(formatFloat(0.1)).toBe('0.1');
    expect(formatFloat(Number.NEGATIVE_INFINITY)).toBeUndefined();
  });
});
