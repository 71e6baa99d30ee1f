/**
 * The API server's state: Kubernetes objects by kind, one global resourceVersion counter,
 * and a bounded history of changes for watches. The simulation (src/sim) writes here; the
 * HTTP layer (src/api) reads and watches. Objects are plain JSON exactly as the API server
 * would serialise them (camelCase fields, RFC 3339 timestamps as strings).
 */

export type Kind = 'Namespace' | 'Node' | 'Pod' | 'Event';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  generateName?: string;
  deletionTimestamp?: string;
  ownerReferences?: unknown[];
}

export interface KubeObject {
  apiVersion: string;
  kind: Kind;
  metadata: ObjectMeta;
  // The rest (spec, status, or an Event's top-level fields) as the real API server has it.
  [field: string]: unknown;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreChange {
  readonly type: WatchEventType;
  /** The object as it was after the change (for DELETED: as it was when deleted, with a new RV). */
  readonly object: KubeObject;
  /** Numeric resourceVersion of this change (the same as object.metadata.resourceVersion). */
  readonly resourceVersion: number;
  /**
   * The object as it was before the change (absent for ADDED). Watches with selectors need it:
   * an object that stops matching is sent as DELETED, one that starts matching as ADDED.
   */
  readonly previous?: KubeObject;
}

export type ChangeListener = (change: StoreChange) => void;

export interface ObjectStore {
  /** Current global resourceVersion (the RV of the newest change; starts at 1). */
  readonly resourceVersion: number;
  /** Oldest resourceVersion still in the watch history; a watch from an older RV gets 410 Expired. */
  readonly oldestRetainedResourceVersion: number;

  /** Adds an object; assigns metadata.uid (when empty), resourceVersion and creationTimestamp (when empty). */
  create(
    object: Omit<KubeObject, 'metadata'> & { metadata: Partial<ObjectMeta> & { name: string } },
  ): KubeObject;
  /** Replaces an existing object (matched by kind/namespace/name); bumps its resourceVersion. */
  update(object: KubeObject): KubeObject;
  /** Removes an object; returns it (with the deletion's resourceVersion) or undefined when absent. */
  delete(kind: Kind, namespace: string | undefined, name: string): KubeObject | undefined;

  get(kind: Kind, namespace: string | undefined, name: string): KubeObject | undefined;
  /** All objects of a kind (optionally in one namespace), in a stable order (namespace, name). */
  list(kind: Kind, namespace?: string): KubeObject[];

  /** Changes with resourceVersion > fromResourceVersion still in history, oldest first; undefined when too old. */
  changesSince(kind: Kind, fromResourceVersion: number): StoreChange[] | undefined;
  /** Live changes of a kind; returns an unsubscribe function. */
  subscribe(kind: Kind, listener: ChangeListener): () => void;

  /** Number of objects of a kind (optionally in one namespace). */
  count(kind: Kind, namespace?: string): number;
  /**
   * Objects of a kind in list order whose key (see objectKey) is >= fromKey, optionally in one
   * namespace. Lazy, so a paginated list touches only the page it returns.
   */
  scan(
    kind: Kind,
    options?: { namespace?: string; fromKey?: string },
  ): IterableIterator<KubeObject>;
  /** Per-kind history horizon: a watch of this kind from an older resourceVersion gets 410 Expired. */
  oldestResumableResourceVersion(kind: Kind): number;
}

/**
 * The key an object sorts by, as etcd keys do under /registry/<resource>/: `namespace/name`
 * for namespaced objects, `name` for cluster-scoped ones.
 */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace === undefined || namespace === '' ? name : `${namespace}/${name}`;
}
