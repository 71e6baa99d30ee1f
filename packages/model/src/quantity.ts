import {
  binarySuffix,
  decimalSuffix,
  ERR_FORMAT,
  ERR_NUMERIC,
  interpretSuffix,
  QuantityError,
  type QuantityFormat,
  type ScannedQuantity,
  scanQuantity,
  type SuffixMeaning,
} from './quantity-syntax.js';

const NANO = -9;
const MAX_INT64 = (1n << 63n) - 1n;
// A double overflows past 10^309, so a larger decimal exponent needs no exact arithmetic.
const MAX_DOUBLE_EXPONENT = 400;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

function digitCount(n: bigint): number {
  return n === 0n ? 0 : abs(n).toString().length;
}

/** u × 10^exp rounded away from zero to a whole multiple of 10^target (target > exp). */
function roundAway(unscaled: bigint, exp: number, target: number): bigint {
  if (unscaled === 0n) return 0n;
  const shift = target - exp;
  // |u| < 10^shift: the result is one unit, whatever the shift (and 10^shift may be huge).
  if (shift > digitCount(unscaled)) return unscaled < 0n ? -1n : 1n;
  const divisor = pow10(shift);
  const quotient = unscaled / divisor;
  if (unscaled % divisor === 0n) return quotient;
  return unscaled < 0n ? quotient - 1n : quotient + 1n;
}

/**
 * A Kubernetes resource quantity (`k8s.io/apimachinery/pkg/api/resource.Quantity`), exact:
 * the value is `unscaled × 10^exponent` with a BigInt mantissa, never a float. It remembers
 * the format of its suffix and, like apimachinery, the input string when that was already in
 * the form its fast path treats as canonical (so "+1k" and "100.035k" print back as written).
 */
export class Quantity {
  readonly format: QuantityFormat;
  readonly unscaled: bigint;
  readonly exponent: number;
  private _text: string | undefined;

  /** Prefer parseQuantity and quantityFromNumber; `text` is the remembered input, if any. */
  constructor(unscaled: bigint, exponent: number, format: QuantityFormat, text?: string) {
    this.unscaled = unscaled;
    this.exponent = exponent;
    this.format = format;
    this._text = text;
  }

  /** Go's String(): the remembered input, else the canonical form (see canonicalString). */
  toString(): string {
    this._text ??= this.canonicalString();
    return this._text;
  }

  /** JSON as Kubernetes writes it: the string form. */
  toJSON(): string {
    return this.toString();
  }

  /**
   * The canonical form: no fraction digits, the largest suffix that loses nothing, in the
   * quantity's format. BinarySI is used only for whole values of at least 1024 in magnitude;
   * anything else falls back to DecimalSI ("1.5Ki" → "1536", "0.5Ki" → "512").
   */
  canonicalString(): string {
    if (this.unscaled === 0n) return '0';
    if (this.format === 'BinarySI') {
      const whole = this._wholeValue();
      if (whole !== undefined && abs(whole) >= 1024n) {
        let mantissa = whole;
        let power = 0;
        while (power < 6 && mantissa % 1024n === 0n) {
          mantissa /= 1024n;
          power++;
        }
        return `${mantissa}${binarySuffix(power)}`;
      }
    }
    let mantissa = this.unscaled;
    let exp = this.exponent;
    while (mantissa % 10n === 0n) {
      mantissa /= 10n;
      exp++;
    }
    while (exp % 3 !== 0) {
      mantissa *= 10n;
      exp--;
    }
    return `${mantissa}${decimalSuffix(exp, this.format === 'BinarySI' ? 'DecimalSI' : this.format)}`;
  }

  sign(): -1 | 0 | 1 {
    return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1;
  }

  isZero(): boolean {
    return this.unscaled === 0n;
  }

  /** -1, 0 or 1 as this is less than, equal to or greater than `other`, exactly. */
  cmp(other: Quantity): -1 | 0 | 1 {
    const a = this.sign();
    const b = other.sign();
    if (a !== b || a === 0) return a < b ? -1 : a > b ? 1 : 0;
    // Same non-zero sign: compare the position of the leading digit first.
    const orderA = digitCount(this.unscaled) + this.exponent;
    const orderB = digitCount(other.unscaled) + other.exponent;
    if (orderA !== orderB) return orderA > orderB === a > 0 ? 1 : -1;
    const low = Math.min(this.exponent, other.exponent);
    const x = this.unscaled * pow10(this.exponent - low);
    const y = other.unscaled * pow10(other.exponent - low);
    return x === y ? 0 : x > y ? 1 : -1;
  }

  /**
   * ceil(value / 10^scale), rounded away from zero like apimachinery's ScaledValue on an int64
   * quantity (for negative values with more than 18 digits apimachinery's inf.Dec path differs).
   * Exact up to 2^53; beyond that the nearest double, and ±Infinity where Go would overflow.
   */
  scaledValue(scale: number): number {
    const diff = this.exponent - scale;
    if (diff >= 0) {
      if (this.unscaled === 0n) return 0;
      if (diff > MAX_DOUBLE_EXPONENT) return this.unscaled < 0n ? -Infinity : Infinity;
      return Number(this.unscaled * pow10(diff));
    }
    return Number(roundAway(this.unscaled, this.exponent, scale));
  }

  /** Go's Value(): the whole value, rounded up away from zero ("1.1" → 2). */
  value(): number {
    return this.scaledValue(0);
  }

  /** Go's MilliValue(): ceil(value × 1000) ("0.1m" → 1, "1.5" → 1500). */
  milliValue(): number {
    return this.scaledValue(-3);
  }

  /** The value as the nearest double (AsApproximateFloat64, but correctly rounded). */
  asNumber(): number {
    return Number(`${this.unscaled}e${this.exponent}`);
  }

  private _wholeValue(): bigint | undefined {
    if (this.exponent >= 0) return this.unscaled * pow10(this.exponent);
    if (-this.exponent > digitCount(this.unscaled)) return undefined;
    const divisor = pow10(-this.exponent);
    return this.unscaled % divisor === 0n ? this.unscaled / divisor : undefined;
  }
}

// apimachinery's int64 fast path: small enough inputs are kept exactly as written and, when
// they already look canonical, their text is remembered.
function parseSmall(
  str: string,
  scanned: ScannedQuantity,
  meaning: SuffixMeaning,
): Quantity | undefined {
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (meaning.format === 'BinarySI') {
    if (scanned.denom.length !== 0) return undefined;
    mantissa = 1n << BigInt(meaning.exponent);
    // 1Mi (2^20) has about 6 decimal digits, so exponent*3/10 approximates the digits used.
    precision = 15 - scanned.num.length - Math.trunc((meaning.exponent * 3) / 10) - 1;
  } else {
    scale = meaning.exponent;
    precision = 18 - (scanned.num.length + scanned.denom.length);
  }
  if (precision < 0) return undefined;
  scale -= scanned.denom.length;
  if (scale < NANO) return undefined;
  const shifted = scanned.num + scanned.denom;
  const value = BigInt(shifted);
  let result = value * mantissa;
  if (result > MAX_INT64) return undefined;
  if (!scanned.positive) result = -result;
  const looksCanonical =
    meaning.format === 'BinarySI'
      ? meaning.exponent % 10 === 0 && (value & 7n) !== 0n
      : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
  return new Quantity(result, scale, meaning.format, looksCanonical ? str : undefined);
}

// apimachinery's inf.Dec path: arbitrary size, rounded up to nano, BinarySI capped at 2^63-1.
function parseLarge(str: string, scanned: ScannedQuantity, meaning: SuffixMeaning): Quantity {
  const negative = scanned.value.startsWith('-');
  const body = scanned.value.replace(/^[+-]/, '');
  if (!/[0-9]/.test(body)) throw new QuantityError(str, ERR_NUMERIC);
  const [whole = '', fraction = ''] = body.split('.');
  let magnitude = BigInt(`${whole}${fraction}` || '0');
  let exp = -fraction.length;
  if (meaning.base === 10) exp += meaning.exponent;
  else magnitude *= 1n << BigInt(meaning.exponent);
  if (exp < NANO) {
    // If you ask for some resource you get some: round away from zero, never to zero.
    magnitude = roundAway(magnitude, exp, NANO);
    exp = NANO;
  }
  let format = meaning.format;
  if (format === 'BinarySI') {
    const probe = new Quantity(magnitude, exp, format);
    if (probe.cmp(new Quantity(MAX_INT64, 0, format)) > 0) {
      magnitude = MAX_INT64;
      exp = 0;
    } else if (magnitude !== 0n && probe.cmp(new Quantity(1n, 0, format)) < 0) {
      format = 'DecimalSI';
    }
  }
  return new Quantity(negative ? -magnitude : magnitude, exp, format);
}

/**
 * Parses a quantity exactly as apimachinery's ParseQuantity does: `<sign><number><suffix>`
 * with suffixes n u m "" k M G T P E (DecimalSI), Ki..Ei (BinarySI) or e/E<int>
 * (DecimalExponent). Throws QuantityError naming the input.
 */
export function parseQuantity(str: string): Quantity {
  if (str.length === 0) throw new QuantityError(str, ERR_FORMAT);
  if (str === '0') return new Quantity(0n, 0, 'DecimalSI', '0');
  const scanned = scanQuantity(str);
  const meaning = interpretSuffix(str, scanned.suffix);
  return parseSmall(str, scanned, meaning) ?? parseLarge(str, scanned, meaning);
}

/**
 * A quantity of `value × 10^scale` (Go's NewQuantity / NewMilliQuantity / NewScaledQuantity).
 * A fractional number is taken at its shortest decimal spelling (0.1 is one tenth) and, like
 * parsed input, rounded away from zero to nano.
 */
export function quantityFromNumber(
  value: number | bigint,
  format: QuantityFormat = 'DecimalSI',
  scale = 0,
): Quantity {
  if (!Number.isInteger(scale)) throw new RangeError(`quantity scale ${scale} is not an integer`);
  if (typeof value === 'bigint') return new Quantity(value, scale, format);
  if (!Number.isFinite(value))
    throw new RangeError(`quantity value ${value} is not a finite number`);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (match === null) throw new RangeError(`quantity value ${value} has no decimal form`);
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  let unscaled = BigInt(`${sign}${whole}${fraction}`);
  let exp = Number(exponent) - fraction.length + scale;
  if (exp < NANO) {
    unscaled = roundAway(unscaled, exp, NANO);
    exp = NANO;
  }
  return new Quantity(unscaled, exp, format);
}

/** CPU in millicores as Heapster's metrics API printed it (NewMilliQuantity, DecimalSI): "250m", "2". */
export function formatMilliCPU(millicores: number): string {
  return quantityFromNumber(millicores, 'DecimalSI', -3).toString();
}

/** CPU in nanocores as metrics-server prints it (NewScaledQuantity(n, -9)): "1500m", "123456789n". */
export function formatCpuNanoCores(nanocores: number): string {
  return quantityFromNumber(nanocores, 'DecimalSI', NANO).toString();
}

/** Bytes as a quantity string; memory is BinarySI in the metrics API: "46080Ki", "1Gi". */
export function formatBytes(bytes: number, format: 'BinarySI' | 'DecimalSI' = 'BinarySI'): string {
  return quantityFromNumber(bytes, format).toString();
}
