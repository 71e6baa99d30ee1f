/**
 * The lexical half of Kubernetes quantities, following apimachinery's
 * `pkg/api/resource/quantity.go` (parseQuantityString) and `suffix.go` step for step, quirks
 * included: the scanner is permissive ("." and "-" read as zero) and the suffix check is strict.
 */

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

/** A string that is not a Kubernetes quantity; the message names it. */
export class QuantityError extends Error {
  readonly input: string;

  constructor(input: string, reason: string) {
    super(`quantity ${JSON.stringify(input)}: ${reason}`);
    this.name = 'QuantityError';
    this.input = input;
  }
}

// apimachinery's error texts, so that messages match what kubectl users have seen.
export const ERR_FORMAT =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

/** The pieces of a quantity string, as apimachinery's scanner splits them. */
export interface ScannedQuantity {
  readonly positive: boolean;
  /** Sign and number as written (without the suffix); "0" when only zeros were read. */
  readonly value: string;
  /** Integer digits without leading zeros ("0" when none). */
  readonly num: string;
  /** Fraction digits as written. */
  readonly denom: string;
  readonly suffix: string;
}

const SUFFIX_CHARS = 'eEinumkKMGTP';

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** Splits `str` into sign, digits and suffix, or throws the format error. */
export function scanQuantity(str: string): ScannedQuantity {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') {
      pos++;
    }
  }
  // Leading zeros: running out of input here means the number is zero.
  for (;;) {
    if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[pos] !== '0') break;
    pos++;
  }
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
  const num = i === pos ? '0' : str.slice(pos, i);
  pos = i;
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    let j = pos;
    while (j < end && isDigit(str[j])) j++;
    denom = str.slice(pos, j);
    if (j >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = j;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos] as string)) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityError(str, ERR_FORMAT);
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

/** What a suffix means: value = number × base^exponent, printed back in `format`. */
export interface SuffixMeaning {
  readonly base: 2 | 10;
  readonly exponent: number;
  readonly format: QuantityFormat;
}

const DECIMAL_SUFFIXES = new Map<string, number>([
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['', 0],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
]);
const BINARY_SUFFIXES = new Map<string, number>([
  ['Ki', 10],
  ['Mi', 20],
  ['Gi', 30],
  ['Ti', 40],
  ['Pi', 50],
  ['Ei', 60],
]);
const DECIMAL_BY_EXPONENT = new Map([...DECIMAL_SUFFIXES].map(([suffix, exp]) => [exp, suffix]));
const BINARY_BY_EXPONENT = new Map([...BINARY_SUFFIXES].map(([suffix, exp]) => [exp, suffix]));

// apimachinery reads the exponent with strconv.ParseInt and then truncates it to int32; we
// refuse what does not fit int32 instead of wrapping it around.
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The meaning of a suffix, or the suffix error. */
export function interpretSuffix(input: string, suffix: string): SuffixMeaning {
  const decimal = DECIMAL_SUFFIXES.get(suffix);
  if (decimal !== undefined) return { base: 10, exponent: decimal, format: 'DecimalSI' };
  const binary = BINARY_SUFFIXES.get(suffix);
  if (binary !== undefined) return { base: 2, exponent: binary, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const digits = suffix.slice(1);
    if (/^[+-]?[0-9]+$/.test(digits)) {
      const exponent = Number(digits) || 0; // "-0" is 0
      if (exponent < INT32_MIN || exponent > INT32_MAX) {
        throw new QuantityError(input, `exponent ${digits} is out of range`);
      }
      return { base: 10, exponent, format: 'DecimalExponent' };
    }
  }
  throw new QuantityError(input, ERR_SUFFIX);
}

/** The suffix for a base-10 exponent in `format`; DecimalSI past "E" falls back to "e<exp>". */
export function decimalSuffix(exponent: number, format: QuantityFormat): string {
  if (format === 'DecimalSI') {
    const suffix = DECIMAL_BY_EXPONENT.get(exponent);
    if (suffix !== undefined) return suffix;
  }
  return exponent === 0 ? '' : `e${exponent}`;
}

/** The suffix for a power of 1024 (0 to 6). */
export function binarySuffix(power: number): string {
  return BINARY_BY_EXPONENT.get(power * 10) ?? '';
}
