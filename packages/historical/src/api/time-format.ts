const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * An RFC 3339 time (Heapster's `start` / `end`) as epoch ms, or undefined when it is not one.
 * Sub-millisecond digits are dropped. A `+hh:mm` offset sent unencoded in a query string
 * arrives as a space, which is read back as the `+` it was.
 */
export function parseRfc3339(text: string): number | undefined {
  const normalized = text.trim().replace(/ (\d{2}:\d{2})$/, '+$1');
  const match = RFC3339.exec(normalized);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
  if (new Date(utc).getUTCDate() !== day) return undefined;
  const ms = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  const offset =
    zulu !== undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  if (Number(om) > 59) return undefined;
  return utc + ms - offset;
}

const DAY_MS = 86_400_000;
/** The `YYYY-MM-DDT` of the day last formatted: bucket times come a day's worth at a time. */
let lastDay = Number.NaN;
let lastDayPrefix = '';

const twoDigits = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Epoch ms as Go's RFC 3339 (UTC, trailing zero fraction digits dropped): `2016-01-01T00:00:00Z`. */
export function formatRfc3339(ms: number): string {
  // Whole seconds (every bucket and sample time in practice): the day's prefix is reused and
  // the time of day written from integers, instead of a Date and a regex per value.
  if (Number.isSafeInteger(ms) && ms % 1000 === 0) {
    const day = Math.floor(ms / DAY_MS);
    if (day !== lastDay) {
      const iso = new Date(day * DAY_MS).toISOString();
      if (iso.length !== 24) return isoWithoutZeroFraction(ms); // years outside 0000–9999
      lastDay = day;
      lastDayPrefix = iso.slice(0, 11);
    }
    const seconds = (ms - day * DAY_MS) / 1000;
    const hours = Math.floor(seconds / 3600);
    const minutes = Math.floor(seconds / 60) % 60;
    return `${lastDayPrefix}${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds % 60)}Z`;
  }
  return isoWithoutZeroFraction(ms);
}

function isoWithoutZeroFraction(ms: number): string {
  return new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z');
}

/** Go's zero time, which Heapster reports as latestTimestamp of an empty series. */
export const GO_ZERO_TIME = '0001-01-01T00:00:00Z';
