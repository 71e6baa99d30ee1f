/**
 * The narrow, read-only views of the cluster that the enrichers need. They are structural
 * subsets of @heapster/kube's PodInfo, NodeInfo and NamespaceInfo (so its ClusterCache can be
 * passed as is), but this package does not depend on kube: tests hand in plain objects.
 */

/** Resource amounts as numbers; an absent resource is absent here (not 0). */
export interface ResourceAmountsInfo {
  /** cpu in millicores. */
  readonly cpuMillis?: number;
  readonly memoryBytes?: number;
  /** `ephemeral-storage` in bytes. */
  readonly ephemeralBytes?: number;
  /** Every other resource by its Kubernetes name (`nvidia.com/gpu`, `hugepages-2Mi`). */
  readonly extended?: Readonly<Record<string, number>>;
}

export interface ContainerSpecInfo {
  readonly name: string;
  readonly image: string;
  readonly requests: ResourceAmountsInfo;
  readonly limits: ResourceAmountsInfo;
  /** From the container's status; absent before the kubelet reports one. */
  readonly restartCount?: number;
}

export interface PodSpecInfo {
  readonly uid: string;
  /** '' while unscheduled. */
  readonly nodeName: string;
  readonly labels: Readonly<Record<string, string>>;
  /** status.startTime in epoch ms; undefined before the kubelet starts the pod. */
  readonly startTime?: number | undefined;
  readonly containers: readonly ContainerSpecInfo[];
}

export interface PodSource {
  getPod(namespace: string, name: string): PodSpecInfo | undefined;
}

export interface NamespaceSpecInfo {
  readonly uid: string;
}

export interface NamespaceSource {
  getNamespace(name: string): NamespaceSpecInfo | undefined;
}

export interface NodeSpecInfo {
  readonly labels: Readonly<Record<string, string>>;
  readonly capacity: ResourceAmountsInfo;
  readonly allocatable: ResourceAmountsInfo;
}

export interface NodeSource {
  getNode(name: string): NodeSpecInfo | undefined;
}
