import { HeapsterError } from '@heapster/runtime';
import { parseQuantity } from '@heapster/model';
import type { ResourceAmounts } from './cluster-records.js';

/** An API object that cannot be read; names the object and the field. */
export class ObjectDecodeError extends HeapsterError {
  constructor(message: string) {
    super('HEAPSTER_ERR_KUBE_OBJECT', message);
  }
}

type Json = Readonly<Record<string, unknown>>;

const EMPTY_OBJECT: Json = Object.freeze({});

/**
 * Shared state of the edge conversion: an intern table so that the strings every pod repeats
 * (namespace, node name, image, label keys and values, phase) exist once, and memos of
 * parsed quantities and resource lists ("100m", "128Mi" repeat across thousands of containers
 * and parsing is exact BigInt arithmetic). All are bounded: when full they start over, losing only sharing.
 */
export class ConversionContext {
  private _strings = new Map<string, string>();
  private _millis = new Map<string, number>();
  private _values = new Map<string, number>();
  private _amounts = new Map<string, ResourceAmounts>();
  private readonly _limit: number;

  constructor(limit = 100_000) {
    this._limit = limit;
  }

  intern(value: string): string {
    const known = this._strings.get(value);
    if (known !== undefined) return known;
    if (this._strings.size >= this._limit) this._strings = new Map();
    this._strings.set(value, value);
    return value;
  }

  /** A resource list converted before, by its text signature (replicas share their lists). */
  knownAmounts(signature: string): ResourceAmounts | undefined {
    return this._amounts.get(signature);
  }

  rememberAmounts(signature: string, amounts: ResourceAmounts): void {
    if (this._amounts.size >= this._limit) this._amounts = new Map();
    this._amounts.set(signature, amounts);
  }

  /** cpu as millicores, rounded up (Kubernetes' MilliValue). */
  millis(text: string, field: string): number {
    return this._memo(this._millis, text, field, quantity => quantity.milliValue());
  }

  /** A whole amount (bytes, pods, devices), rounded up (Kubernetes' Value). */
  value(text: string, field: string): number {
    return this._memo(this._values, text, field, quantity => quantity.value());
  }

  private _memo(
    memo: Map<string, number>,
    text: string,
    field: string,
    read: (quantity: ReturnType<typeof parseQuantity>) => number,
  ): number {
    const known = memo.get(text);
    if (known !== undefined) return known;
    let result: number;
    try {
      result = read(parseQuantity(text));
    } catch (error) {
      throw new ObjectDecodeError(`${field}: ${(error as Error).message}`);
    }
    if (memo.size >= this._limit) memo.clear();
    memo.set(text, result);
    return result;
  }
}

// Field readers: absent (undefined/null) is fine and yields the empty value; a wrong type is
// an ObjectDecodeError naming the field, never a crash further down the pipeline.

export function objectField(value: unknown, field: string): Json {
  if (value === undefined || value === null) return EMPTY_OBJECT;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new ObjectDecodeError(`${field} is not an object`);
  return value as Json;
}

export function arrayField(value: unknown, field: string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ObjectDecodeError(`${field} is not an array`);
  return value;
}

export function stringField(value: unknown, field: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new ObjectDecodeError(`${field} is not a string`);
  return value;
}

export function requiredString(value: unknown, field: string): string {
  const text = stringField(value, field);
  if (text === '') throw new ObjectDecodeError(`${field} is missing`);
  return text;
}

export function numberField(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ObjectDecodeError(`${field} is not a number`);
  return value;
}

/** An RFC 3339 timestamp as epoch ms; NaN when absent. */
export function timeField(value: unknown, field: string): number {
  const text = stringField(value, field);
  if (text === '') return Number.NaN;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new ObjectDecodeError(`${field} is not a timestamp: "${text}"`);
  return ms;
}

const EMPTY_MAP: Readonly<Record<string, string>> = Object.freeze({});

/** A string map (labels), with keys and values interned; the shared empty map when there are none. */
export function stringMap(
  value: unknown,
  field: string,
  context: ConversionContext,
): Readonly<Record<string, string>> {
  const source = objectField(value, field);
  const keys = Object.keys(source);
  if (keys.length === 0) return EMPTY_MAP;
  const result: Record<string, string> = {};
  for (const key of keys) {
    const entry = source[key];
    if (typeof entry !== 'string') throw new ObjectDecodeError(`${field}.${key} is not a string`);
    result[context.intern(key)] = context.intern(entry);
  }
  return Object.freeze(result);
}

/** Only the named keys of a string map (annotations we care about). */
export function pickStrings(
  value: unknown,
  keys: readonly string[],
  field: string,
): Readonly<Record<string, string>> {
  if (keys.length === 0) return EMPTY_MAP;
  const source = objectField(value, field);
  let result: Record<string, string> | undefined;
  for (const key of keys) {
    const entry = source[key];
    if (entry === undefined || entry === null) continue;
    if (typeof entry !== 'string') throw new ObjectDecodeError(`${field}.${key} is not a string`);
    result ??= {};
    result[key] = entry;
  }
  return result === undefined ? EMPTY_MAP : Object.freeze(result);
}
