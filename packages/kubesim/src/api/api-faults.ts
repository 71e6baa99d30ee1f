import type { Kind } from './object-store.js';

/** '*' applies to every kind; a setting for one kind wins over '*'. */
export type FaultScope = Kind | '*';

export interface ListFailure {
  /** HTTP status of the injected failure (400–599), e.g. 500, 503, 429. */
  readonly status: number;
  /** Share of lists that fail, 0–100 (default 100). */
  readonly percent?: number;
}

/** How a dropped watch ends: a clean end of the chunked stream, or a reset connection. */
export type WatchDropMode = 'end' | 'reset';

export interface ApiFaultsSnapshot {
  readonly watchDropAfterMs: Partial<Record<FaultScope, number>>;
  readonly watchDropMode: WatchDropMode;
  readonly forcedExpiredWatches: Partial<Record<FaultScope, number>>;
  readonly expireWatchesOlderThan: Partial<Record<FaultScope, number>>;
  readonly listDelayMs: Partial<Record<FaultScope, number>>;
  readonly listFailure: Partial<Record<FaultScope, ListFailure>>;
}

export type DropListener = (scope: FaultScope) => void;

/**
 * API-server faults, switchable at runtime with plain setters. The simulation wires them to its
 * fault endpoint and CLI flags; the API server consults them on every list and watch.
 */
export class ApiFaults {
  private dropAfter = new Map<FaultScope, number>();
  private dropMode: WatchDropMode = 'end';
  private forcedExpired = new Map<FaultScope, number>();
  private expireBefore = new Map<FaultScope, number>();
  private listDelay = new Map<FaultScope, number>();
  private listFail = new Map<FaultScope, ListFailure>();
  private readonly dropListeners = new Set<DropListener>();
  private readonly random: () => number;

  /** `random` decides which lists fail under a percentage (default: seeded, reproducible). */
  constructor(options: { random?: () => number; seed?: number } = {}) {
    this.random = options.random ?? mulberry32(options.seed ?? 0x5eed);
  }

  /** Every watch stream (of a kind) ends this long after it started; undefined switches it off. */
  setWatchDropAfter(ms: number | undefined, scope: FaultScope = '*'): void {
    setOrClear(
      this.dropAfter,
      scope,
      ms === undefined ? undefined : nonNegative('watchDropAfterMs', ms),
    );
  }

  setWatchDropMode(mode: WatchDropMode): void {
    if (mode !== 'end' && mode !== 'reset')
      throw new Error(`ApiFaults: watchDropMode must be "end" or "reset", got "${String(mode)}"`);
    this.dropMode = mode;
  }

  /** Ends every open watch stream (of a kind) now. */
  dropWatchesNow(scope: FaultScope = '*'): void {
    for (const listener of [...this.dropListeners]) listener(scope);
  }

  /** The next `count` watches (of a kind) get a 410 Expired ERROR event whatever their resourceVersion. */
  forceExpiredOnNextWatch(scope: FaultScope = '*', count = 1): void {
    if (!Number.isInteger(count) || count < 0)
      throw new Error(`ApiFaults: count must be a non-negative integer, got ${count}`);
    setOrClear(this.forcedExpired, scope, count === 0 ? undefined : count);
  }

  /** Watches (of a kind) from a resourceVersion older than `rv` get 410 Expired; undefined switches it off. */
  setExpireWatchesOlderThan(rv: number | undefined, scope: FaultScope = '*'): void {
    setOrClear(
      this.expireBefore,
      scope,
      rv === undefined ? undefined : nonNegative('expireWatchesOlderThan', rv),
    );
  }

  /** Lists (of a kind) answer this much later; undefined or 0 switches it off. */
  setListDelay(ms: number | undefined, scope: FaultScope = '*'): void {
    setOrClear(
      this.listDelay,
      scope,
      ms === undefined || ms === 0 ? undefined : nonNegative('listDelayMs', ms),
    );
  }

  /** Lists (of a kind) fail with this status (for `percent` % of them); undefined switches it off. */
  setListFailure(failure: ListFailure | undefined, scope: FaultScope = '*'): void {
    if (failure !== undefined) {
      if (!Number.isInteger(failure.status) || failure.status < 400 || failure.status > 599) {
        throw new Error(
          `ApiFaults: listFailure.status must be an HTTP error status 400-599, got ${failure.status}`,
        );
      }
      const percent = failure.percent ?? 100;
      if (!(percent >= 0 && percent <= 100)) {
        throw new Error(`ApiFaults: listFailure.percent must be within 0-100, got ${percent}`);
      }
    }
    setOrClear(this.listFail, scope, failure);
  }

  /** Switches every fault off (open watches stay open). */
  reset(): void {
    this.dropAfter = new Map();
    this.dropMode = 'end';
    this.forcedExpired = new Map();
    this.expireBefore = new Map();
    this.listDelay = new Map();
    this.listFail = new Map();
  }

  snapshot(): ApiFaultsSnapshot {
    return {
      watchDropAfterMs: Object.fromEntries(this.dropAfter),
      watchDropMode: this.dropMode,
      forcedExpiredWatches: Object.fromEntries(this.forcedExpired),
      expireWatchesOlderThan: Object.fromEntries(this.expireBefore),
      listDelayMs: Object.fromEntries(this.listDelay),
      listFailure: Object.fromEntries(this.listFail),
    };
  }

  // The API server's side.

  onDropWatches(listener: DropListener): () => void {
    this.dropListeners.add(listener);
    return () => {
      this.dropListeners.delete(listener);
    };
  }

  get watchDropMode(): WatchDropMode {
    return this.dropMode;
  }

  watchDropAfterMs(kind: Kind): number | undefined {
    return lookup(this.dropAfter, kind);
  }

  /** True when this new watch must be expired; consumes one forced expiry. */
  shouldExpireWatch(kind: Kind, fromResourceVersion: number): boolean {
    const scope: FaultScope | undefined = this.forcedExpired.has(kind)
      ? kind
      : this.forcedExpired.has('*')
        ? '*'
        : undefined;
    if (scope !== undefined) {
      const left = (this.forcedExpired.get(scope) ?? 1) - 1;
      setOrClear(this.forcedExpired, scope, left > 0 ? left : undefined);
      return true;
    }
    const before = lookup(this.expireBefore, kind);
    return before !== undefined && fromResourceVersion < before;
  }

  listDelayMs(kind: Kind): number {
    return lookup(this.listDelay, kind) ?? 0;
  }

  /** The failure this list must return, if any (rolls the percentage). */
  listFailure(kind: Kind): ListFailure | undefined {
    const failure = lookup(this.listFail, kind);
    if (failure === undefined) return undefined;
    const percent = failure.percent ?? 100;
    return this.random() * 100 < percent ? failure : undefined;
  }
}

function lookup<T>(map: Map<FaultScope, T>, kind: Kind): T | undefined {
  return map.get(kind) ?? map.get('*');
}

function setOrClear<T>(map: Map<FaultScope, T>, scope: FaultScope, value: T | undefined): void {
  if (value === undefined) map.delete(scope);
  else map.set(scope, value);
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`ApiFaults: ${name} must be a non-negative number, got ${value}`);
  return value;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
