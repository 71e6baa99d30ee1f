import { ChangeHistory } from './change-history.js';
import { objectKey } from './object-store.js';
import type {
  ChangeListener,
  Kind,
  KubeObject,
  ObjectMeta,
  ObjectStore,
  StoreChange,
  WatchEventType,
} from './object-store.js';
import { SortedKeys } from './sorted-keys.js';
import { UidGenerator } from './uid-generator.js';

export interface InMemoryObjectStoreOptions {
  /** Changes kept per kind for watches to resume from (default 10,000 per kind). */
  historyLimit?: number;
  /** Clock for creationTimestamp, in epoch milliseconds (default Date.now). */
  now?: () => number;
  /** Seed for deterministic UIDs (default a fixed seed, so runs are reproducible). */
  seed?: number | string;
  /** resourceVersion of the empty store (default 1); the first change gets the next one. */
  initialResourceVersion?: number;
}

export type ObjectStoreErrorReason = 'NotFound' | 'AlreadyExists' | 'Invalid';

/** A rejected create/update/delete, with the reason the API server would give. */
export class ObjectStoreError extends Error {
  constructor(
    readonly reason: ObjectStoreErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'ObjectStoreError';
  }
}

const NAMESPACED: Readonly<Record<Kind, boolean>> = {
  Namespace: false,
  Node: false,
  Pod: true,
  Event: true,
};
const KINDS: readonly Kind[] = ['Namespace', 'Node', 'Pod', 'Event'];

interface KindState {
  readonly objects: Map<string, KubeObject>;
  readonly keys: SortedKeys;
  readonly history: ChangeHistory;
  readonly listeners: Set<ChangeListener>;
}

export type NewObject = Omit<KubeObject, 'metadata'> & {
  metadata: Partial<ObjectMeta> & { name: string };
};

/**
 * The API server's state in memory. One global, monotonic resourceVersion counter (as etcd's
 * revision); a bounded change history per kind (`historyLimit` changes each, like the API
 * server's per-resource watch cache). Stored objects are treated as immutable: create and
 * update copy the top level and metadata, and callers must not mutate nested fields of an
 * object after handing it over (watch streams cache each version's JSON).
 */
export class InMemoryObjectStore implements ObjectStore {
  private rv: number;
  private readonly kinds = new Map<Kind, KindState>();
  private readonly now: () => number;
  private readonly uids: UidGenerator;

  constructor(options: InMemoryObjectStoreOptions = {}) {
    const historyLimit = options.historyLimit ?? 10_000;
    if (!Number.isInteger(historyLimit) || historyLimit < 1) {
      throw new Error(
        `InMemoryObjectStore: historyLimit must be a positive integer, got ${historyLimit}`,
      );
    }
    const initial = options.initialResourceVersion ?? 1;
    if (!Number.isInteger(initial) || initial < 1) {
      throw new Error(
        `InMemoryObjectStore: initialResourceVersion must be a positive integer, got ${initial}`,
      );
    }
    this.rv = initial;
    this.now = options.now ?? Date.now;
    this.uids = new UidGenerator(options.seed ?? 'kubesim');
    for (const kind of KINDS) {
      this.kinds.set(kind, {
        objects: new Map(),
        keys: new SortedKeys(),
        history: new ChangeHistory(historyLimit, initial),
        listeners: new Set(),
      });
    }
  }

  get resourceVersion(): number {
    return this.rv;
  }

  get oldestRetainedResourceVersion(): number {
    let oldest = 0;
    for (const state of this.kinds.values()) oldest = Math.max(oldest, state.history.resumableFrom);
    return oldest;
  }

  oldestResumableResourceVersion(kind: Kind): number {
    return this.state(kind).history.resumableFrom;
  }

  create(object: NewObject): KubeObject {
    const kind = object.kind as Kind;
    const state = this.state(kind);
    const namespace = this.namespaceOf(kind, object.metadata.namespace, object.metadata.name);
    const key = objectKey(namespace, object.metadata.name);
    if (state.objects.has(key)) {
      throw new ObjectStoreError('AlreadyExists', `${kind} "${key}" already exists`);
    }
    const rv = this.rv + 1;
    const metadata: ObjectMeta = {
      ...object.metadata,
      uid: nonEmpty(object.metadata.uid) ?? this.uids.next(),
      resourceVersion: String(rv),
      creationTimestamp: nonEmpty(object.metadata.creationTimestamp) ?? rfc3339(this.now()),
    };
    if (namespace === undefined) delete metadata.namespace;
    else metadata.namespace = namespace;
    const stored: KubeObject = { ...object, metadata } as KubeObject;
    state.objects.set(key, stored);
    state.keys.insert(key);
    this.commit(state, 'ADDED', stored, undefined, rv);
    return stored;
  }

  update(object: KubeObject): KubeObject {
    const state = this.state(object.kind);
    const namespace = this.namespaceOf(
      object.kind,
      object.metadata.namespace,
      object.metadata.name,
    );
    const key = objectKey(namespace, object.metadata.name);
    const previous = state.objects.get(key);
    if (previous === undefined)
      throw new ObjectStoreError('NotFound', `${object.kind} "${key}" not found`);
    const rv = this.rv + 1;
    const metadata: ObjectMeta = {
      ...object.metadata,
      uid: nonEmpty(object.metadata.uid) ?? previous.metadata.uid,
      creationTimestamp:
        nonEmpty(object.metadata.creationTimestamp) ?? previous.metadata.creationTimestamp,
      resourceVersion: String(rv),
    };
    const stored: KubeObject = { ...object, metadata };
    state.objects.set(key, stored);
    this.commit(state, 'MODIFIED', stored, previous, rv);
    return stored;
  }

  delete(kind: Kind, namespace: string | undefined, name: string): KubeObject | undefined {
    const state = this.state(kind);
    const key = objectKey(NAMESPACED[kind] ? namespace : undefined, name);
    const previous = state.objects.get(key);
    if (previous === undefined) return undefined;
    const rv = this.rv + 1;
    state.objects.delete(key);
    state.keys.remove(key);
    const gone: KubeObject = {
      ...previous,
      metadata: { ...previous.metadata, resourceVersion: String(rv) },
    };
    this.commit(state, 'DELETED', gone, previous, rv);
    return gone;
  }

  get(kind: Kind, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.state(kind).objects.get(objectKey(NAMESPACED[kind] ? namespace : undefined, name));
  }

  list(kind: Kind, namespace?: string): KubeObject[] {
    return [...this.scan(kind, namespace === undefined ? {} : { namespace })];
  }

  count(kind: Kind, namespace?: string): number {
    const state = this.state(kind);
    if (namespace === undefined || !NAMESPACED[kind]) return state.objects.size;
    // Keys of one namespace are those in ["ns/", "ns0"): '0' sorts right after '/'.
    return state.keys.rank(`${namespace}0`) - state.keys.rank(`${namespace}/`);
  }

  *scan(
    kind: Kind,
    options: { namespace?: string; fromKey?: string } = {},
  ): IterableIterator<KubeObject> {
    const state = this.state(kind);
    const prefix =
      options.namespace !== undefined && NAMESPACED[kind] ? `${options.namespace}/` : '';
    let from = prefix;
    if (options.fromKey !== undefined && options.fromKey > from) from = options.fromKey;
    // Re-seek by key after every yield: the consumer may change the store between items.
    let cursor = from;
    for (;;) {
      const key = state.keys.ceiling(cursor);
      if (key === undefined || !key.startsWith(prefix)) return;
      const object = state.objects.get(key);
      cursor = `${key}\u0000`;
      if (object !== undefined) yield object;
    }
  }

  changesSince(kind: Kind, fromResourceVersion: number): StoreChange[] | undefined {
    return this.state(kind).history.since(fromResourceVersion);
  }

  subscribe(kind: Kind, listener: ChangeListener): () => void {
    const listeners = this.state(kind).listeners;
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }

  private commit(
    state: KindState,
    type: WatchEventType,
    object: KubeObject,
    previous: KubeObject | undefined,
    rv: number,
  ): void {
    this.rv = rv;
    const change: StoreChange =
      previous === undefined
        ? { type, object, resourceVersion: rv }
        : { type, object, resourceVersion: rv, previous };
    state.history.push(change);
    // Every listener hears the change even if one throws; the first error is rethrown after.
    let failure: unknown;
    for (const listener of [...state.listeners]) {
      try {
        listener(change);
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  }

  private namespaceOf(kind: Kind, namespace: string | undefined, name: string): string | undefined {
    if (name === '') throw new ObjectStoreError('Invalid', `${kind}: metadata.name is required`);
    if (!NAMESPACED[kind]) return undefined;
    if (namespace === undefined || namespace === '') {
      throw new ObjectStoreError('Invalid', `${kind} "${name}": metadata.namespace is required`);
    }
    return namespace;
  }

  private state(kind: Kind): KindState {
    const state = this.kinds.get(kind);
    if (state === undefined)
      throw new ObjectStoreError('Invalid', `unknown kind "${String(kind)}"`);
    return state;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** RFC 3339 in UTC with whole seconds, as metav1.Time serialises. */
export function rfc3339(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
