/**
 * Parses the JSON form of a Go metav1.Time (RFC 3339: `2024-05-01T12:00:00Z`, optionally with a
 * fraction and a ±hh:mm offset) into epoch milliseconds; NaN when the text is not one. Written
 * by hand because a summary carries a few thousand timestamps and Date.parse is several times
 * slower and accepts formats the API never sends.
 */
export function parseRfc3339(text: string): number {
  if (text.length < 20) return Number.NaN;
  if (
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    (text.charCodeAt(10) | 0x20) !== LOWER_T ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  ) {
    return Number.NaN;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return Number.NaN;
  if (!(hour <= 23 && minute <= 59 && second <= 60)) return Number.NaN;

  let i = 19;
  let fraction = 0;
  if (text.charCodeAt(i) === DOT) {
    i++;
    let scale = 100;
    const start = i;
    while (i < text.length) {
      const d = text.charCodeAt(i) - ZERO;
      if (d < 0 || d > 9) break;
      fraction += d * scale;
      scale /= 10;
      i++;
    }
    if (i === start) return Number.NaN;
  }

  let offsetMinutes = 0;
  const zone = text.charCodeAt(i);
  if ((zone | 0x20) === LOWER_Z) {
    if (i + 1 !== text.length) return Number.NaN;
  } else if (zone === PLUS || zone === DASH) {
    if (i + 6 !== text.length || text.charCodeAt(i + 3) !== COLON) return Number.NaN;
    const zoneHours = digits(text, i + 1, 2);
    const zoneMinutes = digits(text, i + 4, 2);
    if (!(zoneHours <= 23 && zoneMinutes <= 59)) return Number.NaN;
    offsetMinutes = (zone === PLUS ? 1 : -1) * (zoneHours * 60 + zoneMinutes);
  } else {
    return Number.NaN;
  }
  return utc(year, month, day, hour, minute, second) + fraction - offsetMinutes * 60_000;
}

/**
 * Epoch ms of a UTC civil time without Date (which dominated decoding): days from the civil
 * date by Howard Hinnant's days_from_civil, valid for every year including Go's zero time.
 */
function utc(year: number, month: number, day: number, h: number, m: number, s: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146_097 + dayOfEra - 719_468;
  return ((days * 24 + h) * 60 + m) * 60_000 + s * 1000;
}

const ZERO = 48;
const DASH = 45;
const PLUS = 43;
const DOT = 46;
const COLON = 58;
const LOWER_T = 116;
const LOWER_Z = 122;

/** The decimal number in text[start, start+count), or NaN when a character is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

/**
 * parseRfc3339 with a memory of the last two texts: within a summary the same instants repeat
 * (a container's cpu and memory `time`, its `startTime` next to them), and the validator and the
 * writer read each one in turn.
 */
export class TimeParser {
  private _text0 = '';
  private _ms0 = Number.NaN;
  private _text1 = '';
  private _ms1 = Number.NaN;

  parse(text: string): number {
    if (text === this._text0) return this._ms0;
    if (text === this._text1) return this._ms1;
    const ms = parseRfc3339(text);
    this._text1 = this._text0;
    this._ms1 = this._ms0;
    this._text0 = text;
    this._ms0 = ms;
    return ms;
  }
}
