/**
 * The narrow views of the cluster the APIs read: labels for selectors and metadata, and enough
 * of a Node for `kubectl top` (allocatable) and `kubectl get nodes`. @heapster/kube's
 * ClusterCache satisfies both interfaces structurally (NodeInfo and PodInfo have these fields);
 * tests hand in plain objects.
 */

export interface ResourceView {
  /** cpu in millicores. */
  readonly cpuMillis?: number;
  readonly memoryBytes?: number;
  readonly ephemeralBytes?: number;
  readonly pods?: number;
  /** Every other resource by name (`nvidia.com/gpu`, `hugepages-2Mi`). */
  readonly extended?: Readonly<Record<string, number>>;
}

export interface NodeView {
  readonly name: string;
  readonly uid: string;
  readonly resourceVersion: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Epoch ms; NaN when unknown. */
  readonly creationTimestamp: number;
  readonly ready: boolean;
  readonly unschedulable: boolean;
  readonly addresses: readonly { readonly type: string; readonly address: string }[];
  readonly capacity: ResourceView;
  readonly allocatable: ResourceView;
  readonly kubeletPort?: number | undefined;
  /** status.nodeInfo.kubeletVersion, when the directory keeps it. */
  readonly kubeletVersion?: string;
}

export interface NodeDirectory {
  listNodes(): readonly NodeView[];
  getNode(name: string): NodeView | undefined;
}

export interface PodView {
  readonly labels: Readonly<Record<string, string>>;
}

export interface PodDirectory {
  getPod(namespace: string, name: string): PodView | undefined;
}

export const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});
