/**
 * InfluxQL duration literals as retention policies take them (`7d`, `168h`, `1h30m`, `INF`).
 * Heapster passed `retention` through unchecked; we validate it at start-up, because InfluxDB
 * rejects a policy shorter than one hour only when the first write comes.
 */
const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  u: 1e-3,
  µ: 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const PART = /(\d+)(ns|u|µ|ms|s|m|h|d|w)/gy;

export const MIN_RETENTION_MS = 3_600_000;

/** A retention for InfluxQL (`INF` or the literal as given) and its length (0 = infinite). */
export interface Retention {
  readonly literal: string;
  readonly ms: number;
}

/** Parses `0`, `inf`, `INF` or an InfluxQL duration; throws an Error saying what is wrong. */
export function parseRetention(value: string): Retention {
  const trimmed = value.trim();
  if (trimmed === '0' || trimmed.toLowerCase() === 'inf') return { literal: 'INF', ms: 0 };
  let ms = 0;
  let at = 0;
  PART.lastIndex = 0;
  for (let match = PART.exec(trimmed); match !== null; match = PART.exec(trimmed)) {
    ms += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
    at = PART.lastIndex;
  }
  if (trimmed === '' || at !== trimmed.length) {
    throw new Error(`"${value}" is not an InfluxQL duration (e.g. 0 for infinite, 7d, 168h, 2w)`);
  }
  if (ms === 0) return { literal: 'INF', ms: 0 };
  if (ms < MIN_RETENTION_MS) {
    throw new Error(`"${value}" is shorter than InfluxDB's minimum retention of 1h`);
  }
  return { literal: trimmed, ms };
}

/** The length of a duration as SHOW RETENTION POLICIES prints it (Go style: `168h0m0s`, `0s`). */
export function goDurationMs(value: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(value);
  if (match === null || value === '') return Number.NaN;
  return (
    Number(match[1] ?? 0) * 3_600_000 +
    Number(match[2] ?? 0) * 60_000 +
    Number(match[3] ?? 0) * 1000
  );
}
