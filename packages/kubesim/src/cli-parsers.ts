import { InvalidArgumentError } from 'commander';
import type { FaultScope } from './api/api-faults.js';
import type { UserInfo } from './api/auth/auth-policy.js';
import type { FaultRequest } from './sim/fault-controller.js';
import { parseFaultSpec } from './sim/faults.js';
import type { KubeletFaultSpec } from './sim/faults.js';

/** Value parsers for the kubesim CLI; each throws InvalidArgumentError so commander names the flag. */

export function integerArg(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) throw new InvalidArgumentError(`must be an integer from ${min} to ${max}.`);
    return n;
  };
}

export function numberArg(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`must be a number from ${min} to ${max}.`);
    return n;
  };
}

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration like "100ms", "60s", "5m", "1h" (a bare number is seconds), in milliseconds. */
export function durationMs(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (match === null) throw new InvalidArgumentError('must be a duration such as 500ms, 60s, 5m or 1h.');
  return Number(match[1]) * (UNITS[match[2] ?? 's'] ?? 1000);
}

/** A duration in whole seconds. */
export function durationSeconds(value: string): number {
  const ms = durationMs(value);
  if (ms % 1000 !== 0 || ms === 0) throw new InvalidArgumentError('must be a positive whole number of seconds (e.g. 60s or 1m).');
  return ms / 1000;
}

export function loopbackArg(value: string): string {
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(value)) throw new InvalidArgumentError('must be an IPv4 address in 127.0.0.0/8.');
  return value;
}

export function collect<T>(parse: (value: string) => T): (value: string, previous: T[] | undefined) => T[] {
  return (value, previous) => [...(previous ?? []), parse(value)];
}

/** "--fault kind[:key=value,…]" (see parseFaultSpec). */
export function faultArg(value: string): KubeletFaultSpec {
  try {
    return parseFaultSpec(value);
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message}.`);
  }
}

/** "--token TOKEN=user[:group+group]". */
export function tokenArg(value: string): [string, UserInfo] {
  const match = /^([^=]+)=([^:]+)(?::(.*))?$/.exec(value);
  if (match === null) throw new InvalidArgumentError('must look like TOKEN=user or TOKEN=user:group1+group2.');
  const groups = (match[3] ?? '').split('+').filter((g) => g !== '');
  return [match[1] as string, { username: match[2] as string, ...(groups.length === 0 ? {} : { groups }) }];
}

const API_FAULT_KEYS = ['watchDropAfterMs', 'watchDropMode', 'forceExpired', 'expireOlderThan', 'listDelayMs', 'listFailure'] as const;
const SCOPES = ['*', 'Namespace', 'Node', 'Pod', 'Event'];

/**
 * "--api-fault key=value[@Kind]": watchDropAfterMs=5000, watchDropMode=reset, forceExpired=3,
 * expireOlderThan=<rv>, listDelayMs=2000, listFailure=503[:percent].
 */
export function apiFaultArg(value: string): NonNullable<FaultRequest['api']> {
  const match = /^([A-Za-z]+)=([^@]+)(?:@(\*|[A-Za-z]+))?$/.exec(value);
  if (match === null) throw new InvalidArgumentError(`must look like key=value[@Kind] with key one of ${API_FAULT_KEYS.join(', ')}.`);
  const [, key = '', raw = '', scope = '*'] = match;
  if (!SCOPES.includes(scope)) throw new InvalidArgumentError(`scope must be one of ${SCOPES.join(', ')}.`);
  const base = { scope: scope as FaultScope };
  const num = (): number => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${key} needs a non-negative number.`);
    return n;
  };
  switch (key) {
    case 'watchDropAfterMs':
      return { ...base, watchDropAfterMs: num() };
    case 'watchDropMode':
      if (raw !== 'end' && raw !== 'reset') throw new InvalidArgumentError('watchDropMode must be end or reset.');
      return { ...base, watchDropMode: raw };
    case 'forceExpired':
      return { ...base, forceExpiredOnNextWatch: num() };
    case 'expireOlderThan':
      return { ...base, expireWatchesOlderThan: num() };
    case 'listDelayMs':
      return { ...base, listDelayMs: num() };
    case 'listFailure': {
      const [status = '', percent] = raw.split(':');
      const s = Number(status);
      const p = percent === undefined ? undefined : Number(percent);
      if (!Number.isInteger(s) || s < 400 || s > 599) throw new InvalidArgumentError('listFailure needs an HTTP error status 400-599.');
      if (p !== undefined && !(p >= 0 && p <= 100)) throw new InvalidArgumentError('listFailure percent must be 0-100.');
      return { ...base, listFailure: { status: s, ...(p === undefined ? {} : { percent: p }) } };
    }
    default:
      throw new InvalidArgumentError(`unknown key ${JSON.stringify(key)}; use one of ${API_FAULT_KEYS.join(', ')}.`);
  }
}
