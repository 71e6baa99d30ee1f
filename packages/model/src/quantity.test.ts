import { describe, expect, it } from '@jest/globals';
import {
  formatBytes,
  formatCpuNanoCores,
  formatMilliCPU,
  parseQuantity,
  quantityFromNumber,
} from './quantity.js';
import { QuantityError } from './quantity-syntax.js';

// [input, String(), format]: from apimachinery quantity_test.go (TestQuantityParse,
// TestQuantityString alternates, TestQuantityParseEmit) and its ParseQuantity code paths.
const CANONICAL: readonly (readonly [string, string, string])[] = [
  ['0', '0', 'DecimalSI'],
  ['0n', '0', 'DecimalSI'],
  ['0Ki', '0', 'BinarySI'],
  ['00', '0', 'DecimalSI'],
  ['1', '1', 'DecimalSI'],
  ['1Ki', '1Ki', 'BinarySI'],
  ['8Ki', '8Ki', 'BinarySI'],
  ['100Mi', '100Mi', 'BinarySI'],
  ['1024Mi', '1Gi', 'BinarySI'],
  ['307200Ki', '300Mi', 'BinarySI'],
  ['1025024Mi', '1001Gi', 'BinarySI'],
  ['1024Gi', '1Ti', 'BinarySI'],
  ['3Ei', '3Ei', 'BinarySI'],
  // Parsing caps BinarySI at 2^63-1, which is no multiple of 1024.
  ['9Ei', '9223372036854775807', 'BinarySI'],
  ['1.5Gi', '1536Mi', 'BinarySI'],
  ['0.5Mi', '512Ki', 'BinarySI'],
  // BinarySI prints whole values of at least 1024 only; anything else falls back to decimal.
  ['1.5Ki', '1536', 'BinarySI'],
  ['100.035Ki', '102435840m', 'BinarySI'],
  ['0.05Gi', '53687091200m', 'BinarySI'],
  ['.001Ki', '1024m', 'BinarySI'], // 1.024 is at least 1, so the format stays
  ['.000001Ki', '1024u', 'DecimalSI'],
  ['.000000001Ki', '1024n', 'DecimalSI'],
  ['.000000000001Ki', '2n', 'DecimalSI'],
  ['5000m', '5', 'DecimalSI'],
  ['0.5', '500m', 'DecimalSI'],
  ['1000M', '1G', 'DecimalSI'],
  ['0.001T', '1G', 'DecimalSI'],
  ['1000u', '1m', 'DecimalSI'],
  ['1.08', '1080m', 'DecimalSI'],
  ['1080000000n', '1080m', 'DecimalSI'],
  ['9.01', '9010m', 'DecimalSI'],
  ['-9.01', '-9010m', 'DecimalSI'],
  ['8.1k', '8100', 'DecimalSI'],
  ['.001', '1m', 'DecimalSI'],
  ['.0001k', '100m', 'DecimalSI'],
  ['0.0005k', '500m', 'DecimalSI'],
  ['0.1m', '100u', 'DecimalSI'],
  ['250n', '250n', 'DecimalSI'],
  ['128974848', '128974848', 'DecimalSI'],
  ['12E', '12E', 'DecimalSI'],
  // DecimalSI has no suffix above E: apimachinery falls back to an exponent.
  ['1000E', '1e21', 'DecimalSI'],
  // Values below nano round away from zero, never to zero.
  ['3.001n', '4n', 'DecimalSI'],
  ['0.0000000001', '1n', 'DecimalSI'],
  ['0.00000012345', '124n', 'DecimalSI'],
  ['-0.0000000001', '-1n', 'DecimalSI'],
  ['1e3', '1e3', 'DecimalExponent'],
  ['12e-3', '12e-3', 'DecimalExponent'],
  ['.001e12', '1e9', 'DecimalExponent'],
  ['0.001e0', '1e-3', 'DecimalExponent'],
  ['1000e-12', '1e-9', 'DecimalExponent'],
  ['1e14', '100e12', 'DecimalExponent'],
  ['1.2e3', '1200', 'DecimalExponent'],
  ['1.3E+6', '1300e3', 'DecimalExponent'],
  ['1.1E-9', '2e-9', 'DecimalExponent'],
  ['0.5e-9', '1e-9', 'DecimalExponent'],
  // apimachinery's fast path remembers input that already looks canonical, verbatim.
  ['+1k', '+1k', 'DecimalSI'],
  ['1E6', '1E6', 'DecimalExponent'],
  ['100.035k', '100.035k', 'DecimalSI'],
  ['1.G', '1.G', 'DecimalSI'],
  ['-1Ki', '-1Ki', 'BinarySI'],
  // The scanner reads a number without digits as zero (TestParseQuantityString: ".").
  ['.', '0', 'DecimalSI'],
  ['-', '0', 'DecimalSI'],
];

const REJECTED: readonly string[] = [
  '',
  '1.1.1',
  '1.1.M',
  '1+1.0M',
  '1ki',
  '1K',
  '1Gb',
  '1KiB',
  '1Zi',
  ' 1',
  '1 ',
  '1e',
  '1e+',
  '1e3k',
  '1e1.5',
  '--1',
  '++1',
  '0.1mi',
  '0.1am',
  'aoeu',
  '.5i',
  '1i',
  '-3.01i',
  '-3.01e-',
  '0x10',
  '1,5',
  'Inf',
  'NaN',
  // Only the fast path reads a missing number as zero; Pi and Ei take the exact path, which needs digits.
  'Pi',
];

describe('parseQuantity', () => {
  it.each(CANONICAL)('parses %j and prints %j (%s)', (input, printed, format) => {
    const quantity = parseQuantity(input);
    expect(quantity.toString()).toBe(printed);
    expect(quantity.format).toBe(format);
    expect(JSON.stringify({ q: quantity })).toBe(`{"q":${JSON.stringify(printed)}}`);
  });

  it.each(REJECTED.map(input => [input]))('rejects %j with a QuantityError naming it', input => {
    expect(() => parseQuantity(input)).toThrow(QuantityError);
    expect(() => parseQuantity(input)).toThrow(`quantity ${JSON.stringify(input)}: `);
  });

  it('explains why, in apimachinery’s words', () => {
    expect(() => parseQuantity('1Gb')).toThrow('quantities must match the regular expression');
    expect(() => parseQuantity('1ki')).toThrow("unable to parse quantity's suffix");
    expect(() => parseQuantity('Pi')).toThrow('unable to parse numeric part of quantity');
  });

  it('keeps values exact beyond 2^63 for decimal quantities', () => {
    const big = parseQuantity('18446744073709551616');
    expect(big.unscaled).toBe(18446744073709551616n);
    expect(big.toString()).toBe('18446744073709551616');
    expect(parseQuantity('1.2345').toString()).toBe('1234500u');
  });
});

describe('Quantity values', () => {
  it.each([
    ['1.5', 2, 1500],
    ['100m', 1, 100],
    ['0.1m', 1, 1],
    ['1Ki', 1024, 1024000],
    ['1.5Gi', 1610612736, 1610612736000],
    ['-9.01', -10, -9010],
    ['0', 0, 0],
    ['250n', 1, 1],
  ])(
    '%s has Value() %d and MilliValue() %d (rounded up, away from zero)',
    (input, value, milli) => {
      const quantity = parseQuantity(input as string);
      expect(quantity.value()).toBe(value);
      expect(quantity.milliValue()).toBe(milli);
    },
  );

  it('converts to a double', () => {
    expect(parseQuantity('1.1Ki').asNumber()).toBe(1126.4);
    expect(parseQuantity('2Gi').asNumber()).toBe(2147483648);
    expect(parseQuantity('12e500').asNumber()).toBe(Infinity);
  });

  it('compares exactly across formats and scales', () => {
    expect(parseQuantity('10000T').cmp(parseQuantity('100Gi'))).toBe(1);
    expect(parseQuantity('1Ki').cmp(parseQuantity('1024'))).toBe(0);
    expect(parseQuantity('50m').cmp(parseQuantity('100m'))).toBe(-1);
    expect(parseQuantity('-1').cmp(parseQuantity('1n'))).toBe(-1);
    expect(parseQuantity('1e2000000000').cmp(parseQuantity('9Ei'))).toBe(1);
  });
});

describe('formatting numbers', () => {
  it('formats CPU the way Heapster (millicores) and metrics-server (nanocores) did', () => {
    expect(formatMilliCPU(250)).toBe('250m');
    expect(formatMilliCPU(2000)).toBe('2');
    expect(formatMilliCPU(0)).toBe('0');
    expect(formatMilliCPU(12.5)).toBe('12500u');
    expect(formatCpuNanoCores(1_500_000_000)).toBe('1500m');
    expect(formatCpuNanoCores(123_456_789)).toBe('123456789n');
  });

  it('formats memory as BinarySI unless asked for decimal', () => {
    expect(formatBytes(47_185_920)).toBe('45Mi');
    expect(formatBytes(1000)).toBe('1k'); // below 1024 BinarySI prints as DecimalSI
    expect(formatBytes(1023)).toBe('1023');
    expect(formatBytes(1024 * 1024 * 1024)).toBe('1Gi');
    expect(formatBytes(1_500_000, 'DecimalSI')).toBe('1500k');
  });

  it('follows NewMilliQuantity for BinarySI below 1024 (TestMilliNewSet)', () => {
    expect(quantityFromNumber(1024, 'BinarySI', -3).toString()).toBe('1024m');
    expect(quantityFromNumber(1024 * 1024, 'BinarySI', -3).toString()).toBe('1048576m');
    expect(quantityFromNumber(1_000_000, 'DecimalExponent', -3).toString()).toBe('1e3');
    expect(quantityFromNumber(1234000n, 'DecimalSI').toString()).toBe('1234k');
  });

  it('refuses numbers that are not finite, naming them', () => {
    expect(() => quantityFromNumber(Number.NaN)).toThrow(
      'quantity value NaN is not a finite number',
    );
  });
});

// mulberry32: a small seeded generator, so that a failure reproduces.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUFFIXES = [
  '',
  'n',
  'u',
  'm',
  'k',
  'M',
  'G',
  'T',
  'P',
  'E',
  'Ki',
  'Mi',
  'Gi',
  'Ti',
  'Pi',
  'Ei',
  'e3',
  'e-7',
  'E12',
];

describe('round trip', () => {
  it('prints parsed quantities in a form that parses back to the same value and the same text', () => {
    const next = random(20240601);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const digits = (max: number) =>
      Array.from({ length: 1 + Math.floor(next() * max) }, () =>
        String(Math.floor(next() * 10)),
      ).join('');
    for (let i = 0; i < 2000; i++) {
      const sign = pick(['', '', '-', '+']);
      const fraction = next() < 0.4 ? `.${digits(12)}` : '';
      const input = `${sign}${digits(20)}${fraction}${pick(SUFFIXES)}`;
      const first = parseQuantity(input);
      const printed = first.toString();
      const again = parseQuantity(printed);
      expect({ input, value: again.cmp(first) }).toEqual({ input, value: 0 });
      expect({ input, text: again.toString() }).toEqual({ input, text: printed });
      expect(parseQuantity(first.canonicalString()).cmp(first)).toBe(0);
    }
  });
});
