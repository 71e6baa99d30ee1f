import { describe, expect, it } from '@jest/globals';
import { formatGoTime, GO_ZERO_TIME_MS, parseRfc3339 } from './rfc3339.js';

describe('parseRfc3339', () => {
  it.each([
    ['2024-01-01T00:00:00Z', Date.UTC(2024, 0, 1)],
    ['2024-01-01t00:00:00z', Date.UTC(2024, 0, 1)],
    ['2024-02-29T12:30:15.123456789Z', Date.UTC(2024, 1, 29, 12, 30, 15, 123)],
    ['2024-01-01T01:00:00+01:00', Date.UTC(2024, 0, 1)],
    ['2023-12-31T19:00:00-05:00', Date.UTC(2024, 0, 1)],
    ['2024-01-01T01:00:00 01:00', Date.UTC(2024, 0, 1)],
    ['0001-01-01T00:00:00Z', GO_ZERO_TIME_MS],
  ])('should read %s', (text, ms) => {
    expect(parseRfc3339(text)).toBe(ms);
  });

  it.each([
    '',
    'now',
    '2024-01-01',
    '2024-01-01T00:00:00',
    '2024-01-01 00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T00:00:60Z',
    '2024-01-01T00:00:00+24:00',
    '2024-01-01T00:00:00.Z',
    '1704067200',
  ])('should refuse %j with a reason', text => {
    expect(typeof parseRfc3339(text)).toBe('string');
  });
});

describe('formatGoTime', () => {
  it('should write UTC like Go, trimming a zero fraction', () => {
    expect(formatGoTime(Date.UTC(2024, 0, 1))).toBe('2024-01-01T00:00:00Z');
    expect(formatGoTime(Date.UTC(2024, 0, 1, 0, 0, 0, 500))).toBe('2024-01-01T00:00:00.5Z');
    expect(formatGoTime(Date.UTC(2024, 0, 1, 0, 0, 0, 120))).toBe('2024-01-01T00:00:00.12Z');
    expect(formatGoTime(GO_ZERO_TIME_MS)).toBe('0001-01-01T00:00:00Z');
  });
});
