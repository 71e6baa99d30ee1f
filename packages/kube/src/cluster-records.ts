/**
 * The compact, readonly views of Nodes, Pods and Namespaces that the pipeline reads. Objects
 * are converted at the edge (list page or watch line) and the raw JSON is dropped, so a pod
 * costs about a kilobyte instead of the tens a full v1.Pod costs.
 */

/** Resource amounts as numbers; a resource absent from the object is absent here. */
export interface ResourceAmounts {
  /** cpu in millicores (Kubernetes' MilliValue: rounded up). */
  readonly cpuMillis?: number;
  readonly memoryBytes?: number;
  /** `ephemeral-storage` in bytes. */
  readonly ephemeralBytes?: number;
  /** `pods` (nodes only). */
  readonly pods?: number;
  /** Every other resource by name, e.g. `{ 'nvidia.com/gpu': 2 }` (hugepages included). */
  readonly extended: Readonly<Record<string, number>>;
}

export interface NodeAddress {
  /** InternalIP, ExternalIP, Hostname, InternalDNS or ExternalDNS. */
  readonly type: string;
  readonly address: string;
}

export interface NodeInfo {
  readonly name: string;
  readonly uid: string;
  readonly resourceVersion: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Only the annotations asked for (the host_id annotation), not all of them. */
  readonly annotations: Readonly<Record<string, string>>;
  /** spec.externalID ('' when unset; deprecated upstream but Heapster's host_id). */
  readonly externalID: string;
  readonly unschedulable: boolean;
  /** The Ready condition is True. */
  readonly ready: boolean;
  readonly addresses: readonly NodeAddress[];
  /** status.daemonEndpoints.kubeletEndpoint.Port, when the node reports one. */
  readonly kubeletPort: number | undefined;
  readonly capacity: ResourceAmounts;
  readonly allocatable: ResourceAmounts;
  /** metadata.creationTimestamp in epoch ms (NaN when absent). */
  readonly creationTimestamp: number;
}

export interface ContainerInfo {
  readonly name: string;
  readonly image: string;
  readonly requests: ResourceAmounts;
  readonly limits: ResourceAmounts;
  /** From the matching container status; 0 before the kubelet reports one. */
  readonly restartCount: number;
}

export interface PodInfo {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly resourceVersion: string;
  /** '' while unscheduled. */
  readonly nodeName: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Pending, Running, Succeeded, Failed or Unknown ('' when the server sent none). */
  readonly phase: string;
  /** status.startTime in epoch ms; undefined before the kubelet starts the pod. */
  readonly startTime: number | undefined;
  readonly creationTimestamp: number;
  /** '' until assigned. */
  readonly podIP: string;
  readonly containers: readonly ContainerInfo[];
  readonly initContainers: readonly ContainerInfo[];
}

export interface NamespaceInfo {
  readonly name: string;
  readonly uid: string;
  readonly resourceVersion: string;
  /** Active or Terminating. */
  readonly phase: string;
  readonly creationTimestamp: number;
}
