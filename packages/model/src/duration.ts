/**
 * Go's time.Duration text format, for flags (`--metric_resolution=30s`) and the metrics.k8s.io
 * `window` field ("1m0s", "15.012s"). Parsing and printing follow Go's time package step for
 * step, with BigInt nanoseconds where Go uses (u)int64.
 */

const NANOSECOND = 1n;
const MICROSECOND = 1000n * NANOSECOND;
const MILLISECOND = 1000n * MICROSECOND;
const SECOND = 1000n * MILLISECOND;
const MINUTE = 60n * SECOND;
const HOUR = 60n * MINUTE;

const UNITS = new Map<string, bigint>([
  ['ns', NANOSECOND],
  ['us', MICROSECOND],
  ['µs', MICROSECOND], // U+00B5 micro sign
  ['μs', MICROSECOND], // U+03BC Greek mu
  ['ms', MILLISECOND],
  ['s', SECOND],
  ['m', MINUTE],
  ['h', HOUR],
]);

const LIMIT = 1n << 63n;

/** A string Go's time.ParseDuration would reject; the message is Go's, naming the input. */
export class DurationError extends Error {
  readonly input: string;

  constructor(input: string, message: string) {
    super(message);
    this.name = 'DurationError';
    this.input = input;
  }
}

// Go's time.quote: printable ASCII as is (with " and \ escaped), other bytes as \xNN.
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || cp >= 0x80) {
      for (const byte of new TextEncoder().encode(ch))
        out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
    }
  }
  return `${out}"`;
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/**
 * Go's time.ParseDuration, in nanoseconds: a possibly signed sequence of decimal numbers,
 * each with an optional fraction and a unit (ns, us, µs, ms, s, m, h), such as "300ms",
 * "-1.5h" or "2h45m"; "0" needs no unit. Throws DurationError (`time: invalid duration "abc"`).
 */
export function parseDurationNanos(input: string): bigint {
  const invalid = (): DurationError =>
    new DurationError(input, `time: invalid duration ${quote(input)}`);
  let s = input;
  let negative = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) throw invalid();
    // Integer part; Go's leadingInt fails once the value passes 2^63.
    let i = 0;
    let whole = 0n;
    while (isDigit(s[i])) {
      whole = whole * 10n + BigInt(s.charCodeAt(i) - 48);
      if (whole > LIMIT) throw invalid();
      i++;
    }
    const hadWhole = i > 0;
    s = s.slice(i);
    // Fraction; Go's leadingFraction stops gathering precision instead of failing.
    let fraction = 0n;
    let scale = 1;
    let hadFraction = false;
    if (s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      for (; isDigit(s[j]); j++) {
        if (overflow) continue;
        const next = fraction * 10n + BigInt(s.charCodeAt(j) - 48);
        if (fraction > (LIMIT - 1n) / 10n || next > LIMIT) {
          overflow = true;
          continue;
        }
        fraction = next;
        scale *= 10;
      }
      hadFraction = j > 0;
      s = s.slice(j);
    }
    if (!hadWhole && !hadFraction) throw invalid();
    let k = 0;
    while (k < s.length && s[k] !== '.' && !isDigit(s[k])) k++;
    if (k === 0) throw new DurationError(input, `time: missing unit in duration ${quote(input)}`);
    const unitName = s.slice(0, k);
    s = s.slice(k);
    const unit = UNITS.get(unitName);
    if (unit === undefined) {
      throw new DurationError(
        input,
        `time: unknown unit ${quote(unitName)} in duration ${quote(input)}`,
      );
    }
    if (whole > LIMIT / unit) throw invalid();
    let v = whole * unit;
    if (fraction > 0n) {
      // Go computes the fraction in float64: nanosecond-accurate for fractions of an hour.
      v += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (v > LIMIT) throw invalid();
    }
    total += v;
    if (total > LIMIT) throw invalid();
  }
  if (negative) return -total;
  if (total > LIMIT - 1n) throw invalid();
  return total;
}

/** parseDurationNanos in milliseconds (fractional below a millisecond: "1us" → 0.001). */
export function parseDuration(input: string): number {
  const nanos = parseDurationNanos(input);
  const whole = nanos / MILLISECOND;
  return Number(whole) + Number(nanos - whole * MILLISECOND) / 1e6;
}

// Go's fmtFrac: the fraction of v / 10^precision without trailing zeros ("" when zero).
function fraction(v: bigint, precision: number): { text: string; rest: bigint } {
  let digits = '';
  let rest = v;
  let printing = false;
  for (let i = 0; i < precision; i++) {
    const digit = rest % 10n;
    printing ||= digit !== 0n;
    if (printing) digits = `${digit}${digits}`;
    rest /= 10n;
  }
  return { text: printing ? `.${digits}` : '', rest };
}

/** Go's Duration.String() of a nanosecond count: "1h2m3s", "1m0s", "15.012s", "300ms", "1.5µs", "0s". */
export function formatDurationNanos(nanos: bigint): string {
  const sign = nanos < 0n ? '-' : '';
  let u = nanos < 0n ? -nanos : nanos;
  if (u < SECOND) {
    if (u === 0n) return '0s';
    const [unit, precision] = u < MICROSECOND ? ['ns', 0] : u < MILLISECOND ? ['µs', 3] : ['ms', 6];
    const { text, rest } = fraction(u, precision as number);
    return `${sign}${rest}${text}${unit as string}`;
  }
  const { text, rest } = fraction(u, 9);
  u = rest;
  let out = `${u % 60n}${text}s`;
  u /= 60n;
  if (u > 0n) {
    out = `${u % 60n}m${out}`;
    u /= 60n;
    if (u > 0n) out = `${u}h${out}`;
  }
  return `${sign}${out}`;
}

/**
 * Go's Duration.String() of a duration in milliseconds (rounded to the nanosecond):
 * 60000 → "1m0s", 15012 → "15.012s".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`duration ${ms} ms is not a finite number`);
  const whole = Math.trunc(ms);
  const nanos = BigInt(whole) * MILLISECOND + BigInt(Math.round((ms - whole) * 1e6));
  return formatDurationNanos(nanos);
}
