import { DecodeError, describeValue } from './decode-error.js';
import { TimeParser } from './rfc3339.js';

/** 2^64: the first value a Go uint64 cannot hold. */
const UINT64_LIMIT = 18_446_744_073_709_551_616;

/**
 * Where a validator is inside a JSON document, kept as a stack of keys and indices so that the
 * path string is only built when something is wrong (a summary has thousands of fields; building
 * `pods[3].containers[0].cpu` eagerly for each would cost more than checking them).
 */
export class FieldPath {
  private readonly _parts: (string | number)[] = [];
  private readonly _times = new TimeParser();

  key(name: string): void {
    this._parts.push(name);
  }

  index(i: number): void {
    this._parts.push(i);
  }

  leave(): void {
    this._parts.pop();
  }

  /** The current path, with `field` appended when given: `pods[3].cpu.time`. */
  describe(field?: string): string {
    let out = '';
    for (const part of this._parts) {
      out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
    }
    if (field !== undefined) out += out === '' ? field : `.${field}`;
    return out === '' ? '(root)' : out;
  }

  fail(field: string | undefined, problem: string): never {
    throw new DecodeError(this.describe(field), problem);
  }

  /** `value` as an object (not an array, not null); fails at the current path otherwise. */
  object(value: unknown): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(undefined, `expected an object, got ${describeValue(value)}`);
    }
    return value as Record<string, unknown>;
  }

  /** An optional array (`null` and absent read as empty, as Go decodes a nil slice). */
  array(value: unknown, field: string): readonly unknown[] {
    if (value == null) return EMPTY;
    if (!Array.isArray(value)) this.fail(field, `expected an array, got ${describeValue(value)}`);
    return value;
  }

  /** An optional Go uint64: absent or null, or a whole number in [0, 2^64). */
  uint(value: unknown, field: string): void {
    if (value == null) return;
    if (typeof value !== 'number')
      this.fail(field, `expected a number, got ${describeValue(value)}`);
    if (!(value >= 0 && value < UINT64_LIMIT && Number.isInteger(value))) {
      this.fail(field, `expected a whole number from 0 to 2^64-1, got ${describeValue(value)}`);
    }
  }

  /** An optional float64 (finite: JSON has no NaN, and 1e999 parses to Infinity). */
  float(value: unknown, field: string): void {
    if (value == null) return;
    if (typeof value !== 'number')
      this.fail(field, `expected a number, got ${describeValue(value)}`);
    if (!Number.isFinite(value)) this.fail(field, `expected a finite number, got ${value}`);
  }

  /** An optional string. */
  string(value: unknown, field: string): void {
    if (value == null) return;
    if (typeof value !== 'string')
      this.fail(field, `expected a string, got ${describeValue(value)}`);
  }

  /** An optional RFC 3339 time (Go's zero time is null). */
  time(value: unknown, field: string): void {
    if (value == null) return;
    if (typeof value !== 'string' || Number.isNaN(this._times.parse(value))) {
      this.fail(field, `expected an RFC 3339 time, got ${describeValue(value)}`);
    }
  }

  /** A string that names something (a pod, a container): present and not empty. */
  name(value: unknown, field: string): void {
    if (typeof value !== 'string' || value === '') {
      this.fail(field, `expected a non-empty string, got ${describeValue(value)}`);
    }
  }
}

const EMPTY: readonly unknown[] = Object.freeze([]);
