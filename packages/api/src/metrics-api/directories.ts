/**
 * The narrow views of the cluster the APIs read: labels for selectors and metadata, enough of a
 * Node for `kubectl top` (allocatable) and `kubectl get nodes`, and of a Pod for `/api/v1/pods`.
 * @heapster/kube's ClusterCache satisfies NodeDirectory and PodObjectDirectory structurally
 * (NodeInfo and PodInfo have these fields); tests hand in plain objects.
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
  /** status.nodeInfo.kubeletVersion, when the directory keeps it (kubectl's VERSION). */
  readonly kubeletVersion?: string;
  /** status.nodeInfo strings of `kubectl get nodes -o wide`, when the directory keeps them. */
  readonly osImage?: string;
  readonly kernelVersion?: string;
  readonly containerRuntimeVersion?: string;
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

export interface ContainerView {
  readonly name: string;
  readonly image: string;
  readonly requests: ResourceView;
  readonly limits: ResourceView;
  readonly restartCount: number;
}

/** A Pod as far as the pod informer keeps it: enough for `/api/v1/pods` and `kubectl get pods`. */
export interface PodObjectView extends PodView {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly resourceVersion: string;
  /** '' while unscheduled. */
  readonly nodeName: string;
  /** Pending, Running, Succeeded, Failed or Unknown ('' when unknown). */
  readonly phase: string;
  /** Epoch ms; undefined before the kubelet starts the pod. */
  readonly startTime: number | undefined;
  /** Epoch ms; NaN when unknown. */
  readonly creationTimestamp: number;
  /** '' until assigned. */
  readonly podIP: string;
  readonly containers: readonly ContainerView[];
  readonly initContainers: readonly ContainerView[];
}

/** A pod directory that also lists whole pods (ClusterCache is one): serves `/api/v1/pods`. */
export interface PodObjectDirectory extends PodDirectory {
  getPod(namespace: string, name: string): PodObjectView | undefined;
  listPods(): readonly PodObjectView[];
}

export function isPodObjectDirectory(
  directory: PodDirectory | undefined,
): directory is PodObjectDirectory {
  return typeof (directory as Partial<PodObjectDirectory> | undefined)?.listPods === 'function';
}

export const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});
