import type { NamespaceInfo, NodeInfo, PodInfo } from './cluster-records.js';

/**
 * The narrow read-only views processors and sources depend on. ClusterCache implements all
 * three; tests can hand in a plain object. Lists are snapshots (new arrays), safe to keep.
 */
export interface NodeLister {
  getNode(name: string): NodeInfo | undefined;
  listNodes(): readonly NodeInfo[];
}

export interface PodLister {
  getPod(namespace: string, name: string): PodInfo | undefined;
  /** Pods scheduled to `nodeName` (none for an unknown node). */
  podsOnNode(nodeName: string): readonly PodInfo[];
  listPods(): readonly PodInfo[];
}

export interface NamespaceLister {
  getNamespace(name: string): NamespaceInfo | undefined;
  listNamespaces(): readonly NamespaceInfo[];
}

export type ClusterChangeType = 'added' | 'updated' | 'deleted';

/** One change seen by the informers (after the initial list too: every listed object is 'added'). */
export type ClusterChange =
  | {
      readonly kind: 'node';
      readonly type: ClusterChangeType;
      readonly record: NodeInfo;
      readonly previous: NodeInfo | undefined;
    }
  | {
      readonly kind: 'pod';
      readonly type: ClusterChangeType;
      readonly record: PodInfo;
      readonly previous: PodInfo | undefined;
    }
  | {
      readonly kind: 'namespace';
      readonly type: ClusterChangeType;
      readonly record: NamespaceInfo;
      readonly previous: NamespaceInfo | undefined;
    };

export type ClusterChangeListener = (change: ClusterChange) => void;
