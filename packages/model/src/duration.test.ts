import { describe, expect, it } from '@jest/globals';
import {
  DurationError,
  formatDuration,
  formatDurationNanos,
  parseDuration,
  parseDurationNanos,
} from './duration.js';

describe('parseDuration (Go time.ParseDuration)', () => {
  it.each([
    ['0', 0n],
    ['-0', 0n],
    ['+0', 0n],
    ['15s', 15_000_000_000n],
    ['1m30s', 90_000_000_000n],
    ['2h45m', 9_900_000_000_000n],
    ['300ms', 300_000_000n],
    ['1.5h', 5_400_000_000_000n],
    ['-1s', -1_000_000_000n],
    ['+5m', 300_000_000_000n],
    ['1us', 1000n],
    ['1µs', 1000n],
    ['1μs', 1000n],
    ['7ns', 7n],
    ['.5s', 500_000_000n],
    ['1.s', 1_000_000_000n],
    ['1h1h', 7_200_000_000_000n],
    ['3.000000001s', 3_000_000_001n],
    ['1.000000001s', 1_000_000_001n],
    ['9223372036854775807ns', 9223372036854775807n],
    ['-9223372036854775808ns', -9223372036854775808n],
  ])('%s is %d ns', (input, nanos) => {
    expect(parseDurationNanos(input)).toBe(nanos);
  });

  it('returns milliseconds, fractional below a millisecond', () => {
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('1us')).toBe(0.001);
    expect(parseDuration('1.5s')).toBe(1500);
  });

  it.each([
    ['abc', 'time: invalid duration "abc"'],
    ['', 'time: invalid duration ""'],
    ['-', 'time: invalid duration "-"'],
    ['.s', 'time: invalid duration ".s"'],
    ['1', 'time: missing unit in duration "1"'],
    ['1.5', 'time: missing unit in duration "1.5"'],
    ['1x', 'time: unknown unit "x" in duration "1x"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['1S', 'time: unknown unit "S" in duration "1S"'],
    ['1 s', 'time: unknown unit " s" in duration "1 s"'],
    ['1ñ', 'time: unknown unit "\\xc3\\xb1" in duration "1\\xc3\\xb1"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['3000000h', 'time: invalid duration "3000000h"'],
  ])('rejects %j with Go’s message', (input, message) => {
    expect(() => parseDurationNanos(input)).toThrow(DurationError);
    expect(() => parseDurationNanos(input)).toThrow(message);
  });
});

describe('formatDuration (Go Duration.String)', () => {
  it.each([
    [0, '0s'],
    [60_000, '1m0s'],
    [15_012, '15.012s'],
    [3_723_000, '1h2m3s'],
    [300, '300ms'],
    [1.5, '1.5ms'],
    [0.0015, '1.5µs'],
    [0.000001, '1ns'],
    [-1000, '-1s'],
    [90_061_000, '25h1m1s'],
    [3_600_000, '1h0m0s'],
    [1_000.000001, '1.000000001s'],
  ])('%d ms prints as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('prints the extremes of an int64 nanosecond count', () => {
    expect(formatDurationNanos(9223372036854775807n)).toBe('2562047h47m16.854775807s');
    expect(formatDurationNanos(-9223372036854775808n)).toBe('-2562047h47m16.854775808s');
  });

  it('round-trips through parseDuration', () => {
    for (const text of ['1m0s', '15.012s', '1h2m3s', '300ms', '1.5µs', '-2h0m0.5s']) {
      expect(formatDurationNanos(parseDurationNanos(text))).toBe(text);
    }
  });

  it('refuses a non-finite number of milliseconds', () => {
    expect(() => formatDuration(Number.POSITIVE_INFINITY)).toThrow(
      'duration Infinity ms is not a finite number',
    );
  });
});
