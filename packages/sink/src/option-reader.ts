import { parseDuration } from '@heapster/model';
import type { FieldProblem } from '@heapster/runtime';
import { sinkConfigError, type SinkUri } from './sink-uri.js';

/**
 * Reads a sink URI's options with types and defaults, collecting every problem (bad value,
 * unknown key) so that `done()` reports them all at once, each naming its option.
 *
 *   const options = new OptionReader(uri);
 *   const db = options.string('db', 'k8s');
 *   const concurrency = options.integer('concurrency', 1, { min: 1 });
 *   options.done(); // throws ConfigError listing every problem
 */
export class OptionReader {
  private readonly _uri: SinkUri;
  private readonly _read = new Set<string>();
  private readonly _problems: FieldProblem[] = [];

  constructor(uri: SinkUri) {
    this._uri = uri;
  }

  /** Adds a problem found by the caller (e.g. two options that exclude each other). */
  problem(field: string, message: string): void {
    this._problems.push({ field, message });
  }

  has(key: string): boolean {
    this._read.add(key);
    return this._uri.options.has(key);
  }

  string(key: string, fallback: string): string {
    this._read.add(key);
    return this._uri.options.get(key) ?? fallback;
  }

  optionalString(key: string): string | undefined {
    this._read.add(key);
    return this._uri.options.get(key) ?? undefined;
  }

  /** Every value of a repeatable key, also accepting comma-separated lists. */
  list(key: string): string[] {
    this._read.add(key);
    return this._uri.options
      .getAll(key)
      .flatMap(value => value.split(','))
      .map(value => value.trim())
      .filter(value => value !== '');
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this._raw(key);
    if (value === undefined) return fallback;
    if (value === '' || value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    this.problem(key, `"${value}" is not a boolean (true or false)`);
    return fallback;
  }

  integer(key: string, fallback: number, range: { min?: number; max?: number } = {}): number {
    const value = this._raw(key);
    if (value === undefined) return fallback;
    const parsed = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed)) {
      this.problem(key, `"${value}" is not an integer`);
      return fallback;
    }
    if (range.min !== undefined && parsed < range.min)
      this.problem(key, `${parsed} is below the minimum ${range.min}`);
    if (range.max !== undefined && parsed > range.max)
      this.problem(key, `${parsed} is above the maximum ${range.max}`);
    return parsed;
  }

  /** A Go-style duration ("30s", "1m30s") or a plain number of `plainUnitMs` (seconds by default). */
  duration(
    key: string,
    fallbackMs: number,
    options: { minMs?: number; plainUnitMs?: number } = {},
  ): number {
    const value = this._raw(key);
    if (value === undefined) return fallbackMs;
    let ms: number;
    try {
      ms = /^\d+(\.\d+)?$/.test(value)
        ? Number(value) * (options.plainUnitMs ?? 1000)
        : parseDuration(value);
    } catch {
      this.problem(key, `"${value}" is not a duration (e.g. 30s, 1m30s, 2h)`);
      return fallbackMs;
    }
    if (options.minMs !== undefined && ms < options.minMs) {
      this.problem(key, `${value} is below the minimum of ${options.minMs} ms`);
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

  /** Throws a ConfigError naming every problem and every unknown option; returns when clean. */
  done(): void {
    for (const key of new Set(this._uri.options.keys())) {
      if (!this._read.has(key)) {
        const known = [...this._read].sort().join(', ');
        this._problems.push({ field: key, message: `unknown option (known: ${known || 'none'})` });
      }
    }
    if (this._problems.length > 0) throw sinkConfigError(this._uri, this._problems);
  }

  private _raw(key: string): string | undefined {
    this._read.add(key);
    const value = this._uri.options.get(key);
    return value === null ? undefined : value.trim();
  }
}
