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
});
