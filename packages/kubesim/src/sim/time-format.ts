/** Timestamps as the API server and kubelet write them, formatted without Date objects (hot path). */

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "YYYY-MM-DDTHH:MM:SS" of whole seconds since the epoch (proleptic Gregorian, UTC). */
function dateTime(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const rest = seconds - days * 86_400;
  // Days to civil date (H. Hinnant's algorithm).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hh = Math.floor(rest / 3600);
  const mm = Math.floor((rest - hh * 3600) / 60);
  const ss = rest - hh * 3600 - mm * 60;
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}`;
}

/** metav1.Time: RFC 3339 with whole seconds ("2024-05-01T10:00:00Z"). */
export function rfc3339(ms: number): string {
  return `${dateTime(Math.floor(ms / 1000))}Z`;
}

/** metav1.MicroTime: RFC 3339 with six fractional digits ("2024-05-01T10:00:00.123000Z"). */
export function rfc3339Micro(ms: number): string {
  const whole = Math.floor(ms);
  const seconds = Math.floor(whole / 1000);
  return `${dateTime(seconds)}.${String(whole - seconds * 1000).padStart(3, '0')}000Z`;
}
