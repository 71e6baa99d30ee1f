/**
 * InfluxDB line protocol escaping and number formatting
 * (https://docs.influxdata.com/influxdb/v1/write_protocols/line_protocol_reference/).
 * Hot path: a 100k-pod batch is ~3 million lines, so the common case (nothing to escape) is a
 * single regex test.
 */

const TAG_SPECIAL = /[,= \\\n\r]/;
const MEASUREMENT_SPECIAL = /[, \\\n\r]/;
// Line protocol cannot carry a newline in a name or tag, and InfluxDB 1.x keeps backslashes
// literally except before , = and space; a backslash there (or at the end) would escape our
// delimiter, so such backslashes are dropped rather than corrupting the line.
const NEWLINES = /\r\n|\r|\n/g;
const TAG_DANGLING_BACKSLASH = /\\+(?=[,= ]|$)/g;
const MEASUREMENT_DANGLING_BACKSLASH = /\\+(?=[, ]|$)/g;

/** Escapes a tag key, tag value or field key: commas, equals signs and spaces. */
export function escapeTag(value: string): string {
  if (!TAG_SPECIAL.test(value)) return value;
  return value.replace(NEWLINES, ' ').replace(TAG_DANGLING_BACKSLASH, '').replace(/[,= ]/g, '\\$&');
}

/** Escapes a measurement name: commas and spaces (`cpu/usage_rate` needs nothing). */
export function escapeMeasurement(value: string): string {
  if (!MEASUREMENT_SPECIAL.test(value)) return value;
  return value
    .replace(NEWLINES, ' ')
    .replace(MEASUREMENT_DANGLING_BACKSLASH, '')
    .replace(/[, ]/g, '\\$&');
}

/** A string field value, quoted; backslashes and double quotes escaped (newlines are allowed). */
export function quoteString(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

// Beyond this an int64 field would overflow (and JavaScript prints 1e21 with an exponent).
const INT64_LIMIT = 9_223_372_036_854_775_000;

/**
 * An int64 metric's value as an integer field (`5i`), rounding provisional fractional values;
 * undefined when the value cannot be an int64 (NaN, infinite, out of range).
 */
export function formatInteger(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const rounded = Math.round(value);
  if (rounded > INT64_LIMIT || rounded < -INT64_LIMIT) return undefined;
  return `${rounded === 0 ? 0 : rounded}i`;
}

/** A double metric's value as a float field (`0.5`, `5`, `1e-7`); undefined for NaN/infinite. */
export function formatFloat(value: number): string | undefined {
  return Number.isFinite(value) ? String(value) : undefined;
}
