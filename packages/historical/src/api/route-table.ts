import type { HistoricalEntityField, HistoricalSelector } from '@heapster/sink';
import { entityName, parseNameList } from './request-params.js';

export type PathParams = Readonly<Record<string, string | undefined>>;

/** An entity whose metrics can be listed, read raw and aggregated. */
export interface EntityRoute {
  /** Path under the API prefix; '' is the cluster. */
  readonly path: string;
  selector(params: PathParams, maxListItems: number): HistoricalSelector;
  /** List routes answer one result per pod (name or UID), in the order asked. */
  readonly groupBy?: 'pod' | 'pod_id';
}

/** A listing of entity names. */
export interface ListingRoute {
  readonly path: string;
  readonly field: HistoricalEntityField;
  selector(params: PathParams): HistoricalSelector;
}

const name = entityName;

/** Every entity of heapster.md §6.4, including the pod-UID forms Heapster could not answer. */
export const ENTITY_ROUTES: readonly EntityRoute[] = [
  { path: '', selector: () => ({ type: 'cluster' }) },
  { path: '/nodes/:node', selector: p => ({ type: 'node', node: name(p['node'], 'node') }) },
  {
    path: '/namespaces/:namespace',
    selector: p => ({ type: 'ns', namespace: name(p['namespace'], 'namespace') }),
  },
  {
    path: '/namespaces/:namespace/pods/:pod',
    selector: p => ({
      type: 'pod',
      namespace: name(p['namespace'], 'namespace'),
      pods: [name(p['pod'], 'pod')],
    }),
  },
  {
    path: '/namespaces/:namespace/pods/:pod/containers/:container',
    selector: p => ({
      type: 'pod_container',
      namespace: name(p['namespace'], 'namespace'),
      pods: [name(p['pod'], 'pod')],
      container: name(p['container'], 'container'),
    }),
  },
  {
    path: '/nodes/:node/freecontainers/:container',
    selector: p => ({
      type: 'sys_container',
      node: name(p['node'], 'node'),
      container: name(p['container'], 'container'),
    }),
  },
  {
    path: '/pod-id/:podId',
    selector: p => ({ type: 'pod', podIds: [name(p['podId'], 'pod-id')] }),
  },
  {
    path: '/pod-id/:podId/containers/:container',
    selector: p => ({
      type: 'pod_container',
      podIds: [name(p['podId'], 'pod-id')],
      container: name(p['container'], 'container'),
    }),
  },
  {
    path: '/namespaces/:namespace/pod-list/:podList',
    groupBy: 'pod',
    selector: (p, max) => ({
      type: 'pod',
      namespace: name(p['namespace'], 'namespace'),
      pods: parseNameList(p['podList'] ?? '', 'pod-list', max),
    }),
  },
  {
    path: '/pod-id-list/:podIdList',
    groupBy: 'pod_id',
    selector: (p, max) => ({
      type: 'pod',
      podIds: parseNameList(p['podIdList'] ?? '', 'pod-id-list', max),
    }),
  },
];

/** Which entities existed in a time range (Heapster's listings, now time-bounded). */
export const LISTING_ROUTES: readonly ListingRoute[] = [
  { path: '/nodes', field: 'node', selector: () => ({ type: 'node' }) },
  // Every namespace that had pods: namespace-level series exist only if the core aggregated them.
  { path: '/namespaces', field: 'namespace', selector: () => ({ type: 'pod' }) },
  {
    path: '/namespaces/:namespace/pods',
    field: 'pod',
    selector: p => ({ type: 'pod', namespace: name(p['namespace'], 'namespace') }),
  },
  {
    path: '/namespaces/:namespace/pods/:pod/containers',
    field: 'container',
    selector: p => ({
      type: 'pod_container',
      namespace: name(p['namespace'], 'namespace'),
      pods: [name(p['pod'], 'pod')],
    }),
  },
  {
    path: '/nodes/:node/freecontainers',
    field: 'container',
    selector: p => ({ type: 'sys_container', node: name(p['node'], 'node') }),
  },
  {
    path: '/pod-id/:podId/containers',
    field: 'container',
    selector: p => ({ type: 'pod_container', podIds: [name(p['podId'], 'pod-id')] }),
  },
];
