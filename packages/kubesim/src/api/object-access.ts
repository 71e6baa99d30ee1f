/**
 * Reading fields out of stored objects. Objects are the API server's JSON (untyped beyond
 * metadata), so every printer and field selector goes through these null-safe accessors.
 */

export function field(object: unknown, ...path: string[]): unknown {
  let at: unknown = object;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The field as a string: strings as they are, numbers and booleans formatted, otherwise "". */
export function text(object: unknown, ...path: string[]): string {
  const value = field(object, ...path);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

export function num(object: unknown, ...path: string[]): number {
  const value = field(object, ...path);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function list(object: unknown, ...path: string[]): unknown[] {
  const value = field(object, ...path);
  return Array.isArray(value) ? (value as unknown[]) : [];
}

export function record(object: unknown, ...path: string[]): Record<string, unknown> | undefined {
  const value = field(object, ...path);
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
