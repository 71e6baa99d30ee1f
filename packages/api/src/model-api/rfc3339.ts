// RFC 3339 timestamps as Go's time.Parse(time.RFC3339) reads them and as encoding/json writes
// time.Time (RFC3339Nano with trailing zeros trimmed), so clients of Heapster see the same text.

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Go's zero time.Time, `0001-01-01T00:00:00Z`: Heapster's latestTimestamp of an empty result. */
export const GO_ZERO_TIME_MS = -62_135_596_800_000;

/**
 * Epoch ms of an RFC 3339 timestamp, or a reason why it is not one. Fractions below a
 * millisecond are truncated. A space in place of the offset's `+` is read as `+`, because an
 * unencoded `+` in a query string arrives as a space.
 */
export function parseRfc3339(text: string): number | string {
  const match = RFC3339.exec(text.replace(/ (\d{2}:\d{2})$/, '+$1'));
  if (match === null) return 'expected an RFC 3339 timestamp such as 2006-01-02T15:04:05Z';
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12) return `month ${month} is out of range`;
  if (day < 1 || day > daysInMonth(year, month)) return `day ${day} is out of range`;
  if (hour > 23 || minute > 59 || second > 59) return 'time of day is out of range';
  const fraction = match[7] ?? '';
  const millis = fraction === '' ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  let offsetMinutes = 0;
  if (match[8] === undefined) {
    const offsetHours = Number(match[10]);
    const offsetMins = Number(match[11]);
    if (offsetHours > 23 || offsetMins > 59) return 'zone offset is out of range';
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // Date.UTC would map years 0-99 to 1900-1999
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime() - offsetMinutes * 60_000;
}

/** Go's JSON form of a UTC time: `2006-01-02T15:04:05.5Z` (no trailing zeros, no empty fraction). */
export function formatGoTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  if (iso.length !== 24) return iso; // outside years 0000-9999: not representable like Go, keep ISO
  const fraction = iso.slice(19, 23).replace(/\.?0+$/, '');
  return `${iso.slice(0, 19)}${fraction}Z`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
