import { toEventsV1 } from './events-v1-conversion.js';
import {
  EVENT_FIELDS,
  EVENT_V1_FIELDS,
  NAMESPACE_FIELDS,
  NODE_FIELDS,
  POD_FIELDS,
} from './object-fields.js';
import type { FieldSet } from './object-fields.js';
import type { Kind, KubeObject } from './object-store.js';
import { EVENT_PRINTER } from './table/event-printer.js';
import { NAMESPACE_PRINTER, NODE_PRINTER } from './table/node-namespace-printers.js';
import { POD_PRINTER } from './table/pod-printer.js';
import type { TablePrinter } from './table/table-types.js';

/** One served resource of one group/version, and how to read, filter and print it. */
export interface ServedResource {
  /** API group ("" for core). */
  readonly group: string;
  readonly version: string;
  /** "v1" or "group/version", as objects carry it. */
  readonly apiVersion: string;
  /** Plural resource name in URLs ("pods"). */
  readonly name: string;
  readonly singularName: string;
  readonly kind: string;
  readonly listKind: string;
  readonly storeKind: Kind;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories?: readonly string[];
  readonly subresources: readonly string[];
  readonly fields: FieldSet;
  readonly printer: TablePrinter;
  /**
   * JSON of a stored object in this resource's version, serialised once per stored version and
   * shared by every list and watch that sends it.
   */
  serialise(object: KubeObject): string;
}

function core(
  name: string,
  singularName: string,
  storeKind: Kind,
  namespaced: boolean,
  extra: Pick<ServedResource, 'shortNames' | 'fields' | 'printer' | 'subresources'> & {
    categories?: readonly string[];
  },
): ServedResource {
  const cache = new WeakMap<KubeObject, string>();
  return {
    group: '',
    version: 'v1',
    apiVersion: 'v1',
    name,
    singularName,
    kind: storeKind,
    listKind: `${storeKind}List`,
    storeKind,
    namespaced,
    ...extra,
    serialise: object => cached(cache, object, () => object),
  };
}

/**
 * Serialise once per stored version: stored objects are immutable, so a WeakMap keyed by the
 * object holds a version's JSON for as long as the store or the change history holds that
 * version (about the size of the cluster as JSON: ~90 MB for 100,000 small pods).
 */
function cached(
  cache: WeakMap<KubeObject, string>,
  object: KubeObject,
  view: () => unknown,
): string {
  let json = cache.get(object);
  if (json === undefined) {
    json = JSON.stringify(view());
    cache.set(object, json);
  }
  return json;
}

const eventsV1Cache = new WeakMap<KubeObject, string>();

export const CORE_RESOURCES: readonly ServedResource[] = [
  core('namespaces', 'namespace', 'Namespace', false, {
    shortNames: ['ns'],
    fields: NAMESPACE_FIELDS,
    printer: NAMESPACE_PRINTER,
    subresources: ['status'],
  }),
  core('nodes', 'node', 'Node', false, {
    shortNames: ['no'],
    fields: NODE_FIELDS,
    printer: NODE_PRINTER,
    subresources: ['status'],
  }),
  core('pods', 'pod', 'Pod', true, {
    shortNames: ['po'],
    categories: ['all'],
    fields: POD_FIELDS,
    printer: POD_PRINTER,
    subresources: ['status'],
  }),
  core('events', 'event', 'Event', true, {
    shortNames: ['ev'],
    fields: EVENT_FIELDS,
    printer: EVENT_PRINTER,
    subresources: [],
  }),
];

export const EVENTS_V1_RESOURCE: ServedResource = {
  group: 'events.k8s.io',
  version: 'v1',
  apiVersion: 'events.k8s.io/v1',
  name: 'events',
  singularName: 'event',
  kind: 'Event',
  listKind: 'EventList',
  storeKind: 'Event',
  namespaced: true,
  shortNames: ['ev'],
  subresources: [],
  fields: EVENT_V1_FIELDS,
  printer: EVENT_PRINTER,
  serialise: object => cached(eventsV1Cache, object, () => toEventsV1(object)),
};

/** The resource served at /api/v1/<name> or /apis/<group>/<version>/<name>. */
export function findResource(
  group: string,
  version: string,
  name: string,
): ServedResource | undefined {
  if (group === '' && version === 'v1') return CORE_RESOURCES.find(r => r.name === name);
  if (group === 'events.k8s.io' && version === 'v1' && name === 'events') return EVENTS_V1_RESOURCE;
  return undefined;
}
