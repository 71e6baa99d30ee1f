/**
 * Ordering of Kubernetes resourceVersions.
 *
 * Kubernetes calls resourceVersions opaque, but every API server in practice (etcd3 storage,
 * and kubesim) hands out the etcd revision: an unsigned 64-bit integer written in decimal.
 * The eventer's checkpoint depends on comparing them, so this module makes the assumption
 * explicit: a resourceVersion is a decimal integer without leading zeros, compared by value
 * (length first, then digits, so values beyond 2^53 compare correctly). Anything else is
 * rejected with an error naming the value, rather than compared wrongly.
 */

const DECIMAL = /^(0|[1-9][0-9]*)$/;

export function isComparableResourceVersion(value: string): boolean {
  return DECIMAL.test(value);
}

/** Negative when a < b, 0 when equal, positive when a > b. Throws on a non-decimal value. */
export function compareResourceVersions(a: string, b: string): number {
  if (!DECIMAL.test(a)) throw new Error(`resourceVersion "${a}" is not a decimal integer`);
  if (!DECIMAL.test(b)) throw new Error(`resourceVersion "${b}" is not a decimal integer`);
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two optional resourceVersions (undefined means "none yet"). */
export function laterResourceVersion(
  a: string | undefined,
  b: string | undefined,
): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareResourceVersions(a, b) >= 0 ? a : b;
}

/** The earlier of two optional resourceVersions, where undefined ("nothing exported") is earliest. */
export function earlierResourceVersion(
  a: string | undefined,
  b: string | undefined,
): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  return compareResourceVersions(a, b) <= 0 ? a : b;
}
