import { parseDuration } from '@heapster/model';
import type { FieldProblem } from '@heapster/runtime';

/**
 * Reads the query options of a `--source` URI with types and defaults, collecting every
 * problem (bad value, unknown option) instead of stopping at the first, each naming its option.
 */
export class SourceOptionReader {
  private readonly _options: URLSearchParams;
  private readonly _read = new Set<string>();
  readonly problems: FieldProblem[] = [];

  constructor(options: URLSearchParams) {
    this._options = options;
  }

  problem(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  /** Whether the option was given at all (an explicit value, even a default one, counts). */
  has(key: string): boolean {
    this._read.add(key);
    return this._options.has(key);
  }

  string(key: string): string | undefined {
    const value = this._raw(key);
    return value === undefined || value === '' ? undefined : value;
  }

  /** Go's strconv.ParseBool spellings, as Heapster accepted them; a bare `?insecure` means true. */
  boolean(key: string, fallback: boolean): boolean {
    const value = this._raw(key);
    if (value === undefined) return fallback;
    if (['', '1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
    if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
    this.problem(key, `"${value}" is not a boolean (true or false)`);
    return fallback;
  }

  port(key: string, fallback: number): number {
    const value = this._raw(key);
    if (value === undefined) return fallback;
    const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) {
      this.problem(key, `"${value}" is not a port number (1-65535)`);
      return fallback;
    }
    return parsed;
  }

  /** A Go duration ("10s", "1m30s", "500ms") or a plain number of seconds. */
  durationMs(key: string, range: { minMs: number; maxMs: number }): number | undefined {
    const value = this._raw(key);
    if (value === undefined) return undefined;
    let ms: number;
    try {
      ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : parseDuration(value);
    } catch {
      this.problem(key, `"${value}" is not a duration (e.g. 10s, 1m30s, 500ms)`);
      return undefined;
    }
    if (ms < range.minMs || ms > range.maxMs) {
      this.problem(key, `${value} is outside ${range.minMs} ms .. ${range.maxMs} ms`);
      return undefined;
    }
    return ms;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const value = this._raw(key);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problem(key, `"${value}" is not one of ${allowed.join(', ')}`);
    return fallback;
  }

  /** A comma-separated list whose items are each one of `allowed`, without repeats; never empty. */
  listOf<T extends string>(
    key: string,
    allowed: readonly T[],
    fallback: readonly T[],
  ): readonly T[] {
    const value = this._raw(key);
    if (value === undefined) return fallback;
    const items = value.split(',').map(item => item.trim());
    const bad = items.filter(item => !(allowed as readonly string[]).includes(item));
    if (items.length === 0 || bad.length > 0) {
      this.problem(key, `"${value}" must be a comma-separated list of ${allowed.join(', ')}`);
      return fallback;
    }
    if (new Set(items).size !== items.length) {
      this.problem(key, `"${value}" names a type twice`);
      return fallback;
    }
    return items as T[];
  }

  /** Adds a problem for every option that no reader asked for (typos must not pass silently). */
  rejectUnknown(): void {
    for (const key of new Set(this._options.keys())) {
      if (!this._read.has(key)) {
        this.problem(key, `unknown option (known: ${[...this._read].sort().join(', ')})`);
      }
    }
  }

  private _raw(key: string): string | undefined {
    this._read.add(key);
    const values = this._options.getAll(key);
    if (values.length > 1) this.problem(key, 'given more than once');
    const value = values[0];
    return value === undefined ? undefined : value.trim();
  }
}
