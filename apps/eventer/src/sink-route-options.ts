import type { KubeEvent } from '@heapster/model';
import { expandEnv, type FieldProblem } from '@heapster/runtime';

/**
 * The eventer's own per-sink options, given in the --sink URI next to the sink's options and
 * removed before the URI reaches the sink's factory (whose parseConfig rejects unknown keys):
 *
 *   influxdb:http://h:8086?db=k8s&namespaces=prod,staging&exclude_kinds=Lease&types=Warning&reasons=BackOff,Failed*
 *
 * Each list is comma-separated (or the key repeated); `*` matches any run of characters.
 * An include list keeps only matching events; an exclude list drops matching ones; all given
 * conditions must hold. Namespace is the event's own (metadata.namespace), kind the involved
 * object's, type Normal or Warning, reason the event's reason.
 */
const FILTER_KEYS = {
  namespaces: 'namespaces',
  exclude_namespaces: 'excludeNamespaces',
  kinds: 'kinds',
  exclude_kinds: 'excludeKinds',
  types: 'types',
  exclude_types: 'excludeTypes',
  reasons: 'reasons',
  exclude_reasons: 'excludeReasons',
} as const;
const SIZE_KEYS = { eventer_batch_size: 'batchSize', eventer_buffer_size: 'bufferSize' } as const;
export const EVENTER_SINK_OPTIONS: readonly string[] = [
  ...Object.keys(FILTER_KEYS),
  ...Object.keys(SIZE_KEYS),
];
const EVENT_TYPES = ['Normal', 'Warning'];

type FilterField = (typeof FILTER_KEYS)[keyof typeof FILTER_KEYS];
export type EventFilterSpec = Partial<Record<FilterField, readonly string[]>>;

export interface SinkRouteOptions {
  /** The --sink value without the eventer's options: what the sink factory parses. */
  readonly sinkValue: string;
  readonly filter: EventFilterSpec;
  readonly batchSize?: number;
  readonly bufferSize?: number;
}

/** Splits the eventer's options off a --sink value; problems name the sink and the option. */
export function splitSinkRouteOptions(
  raw: string,
  env: Readonly<Record<string, string | undefined>>,
  problems: FieldProblem[],
): SinkRouteOptions {
  const question = raw.indexOf('?');
  if (question < 0) return { sinkValue: raw, filter: {} };
  const kept: string[] = [];
  const filter: Record<string, string[]> = {};
  const sizes: { batchSize?: number; bufferSize?: number } = {};
  const type = raw.slice(0, Math.min(...[raw.indexOf(':'), question].filter(i => i >= 0)));
  const field = (key: string) => `${type} sink option ${key}`;
  for (const part of raw.slice(question + 1).split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decode(equals < 0 ? part : part.slice(0, equals));
      value = equals < 0 ? '' : decode(part.slice(equals + 1));
    } catch {
      kept.push(part);
      continue;
    }
    if (key in FILTER_KEYS) {
      const items = expandEnv(value, env)
        .split(',')
        .map(item => item.trim())
        .filter(item => item !== '');
      if (items.length === 0)
        problems.push({ field: field(key), message: 'needs at least one value' });
      if (key.endsWith('types')) {
        for (const item of items.filter(i => !EVENT_TYPES.includes(i)))
          problems.push({
            field: field(key),
            message: `"${item}" is not an event type (Normal or Warning)`,
          });
      }
      const target = FILTER_KEYS[key as keyof typeof FILTER_KEYS];
      filter[target] = [...(filter[target] ?? []), ...items];
    } else if (key in SIZE_KEYS) {
      const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!(n >= 1 && n <= 10_000_000))
        problems.push({ field: field(key), message: `"${value}" is not a positive integer` });
      else sizes[SIZE_KEYS[key as keyof typeof SIZE_KEYS]] = n;
    } else kept.push(part);
  }
  if (
    sizes.batchSize !== undefined &&
    sizes.bufferSize !== undefined &&
    sizes.batchSize > sizes.bufferSize
  )
    problems.push({ field: field('eventer_batch_size'), message: 'exceeds eventer_buffer_size' });
  const base = raw.slice(0, question);
  return {
    sinkValue: kept.length > 0 ? `${base}?${kept.join('&')}` : base,
    filter,
    ...sizes,
  };
}

/** A predicate for the filter, or undefined when it lets everything through. */
export function compileEventFilter(
  spec: EventFilterSpec,
): ((event: KubeEvent) => boolean) | undefined {
  const checks: ((event: KubeEvent) => boolean)[] = [];
  const add = (
    include: readonly string[] | undefined,
    exclude: readonly string[] | undefined,
    read: (event: KubeEvent) => string | undefined,
  ): void => {
    if (include !== undefined && include.length > 0) {
      const matches = globMatcher(include);
      checks.push(event => matches(read(event) ?? ''));
    }
    if (exclude !== undefined && exclude.length > 0) {
      const matches = globMatcher(exclude);
      checks.push(event => !matches(read(event) ?? ''));
    }
  };
  add(spec.namespaces, spec.excludeNamespaces, event => event.metadata.namespace);
  add(spec.kinds, spec.excludeKinds, event => event.involvedObject.kind);
  add(spec.types, spec.excludeTypes, event => event.type);
  add(spec.reasons, spec.excludeReasons, event => event.reason);
  if (checks.length === 0) return undefined;
  return event => checks.every(check => check(event));
}

/** Exact names through a Set; patterns with `*` through one anchored regular expression. */
export function globMatcher(patterns: readonly string[]): (value: string) => boolean {
  const exact = new Set(patterns.filter(p => !p.includes('*')));
  const globs = patterns.filter(p => p.includes('*'));
  if (globs.length === 0) return value => exact.has(value);
  const source = globs.map(glob => glob.split('*').map(escapeRegExp).join('.*')).join('|');
  const regex = new RegExp(`^(?:${source})$`, 's');
  return value => exact.has(value) || regex.test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function decode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}
