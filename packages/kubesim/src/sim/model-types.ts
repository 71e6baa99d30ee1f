import type { KubeObject } from '../api/object-store.js';
import type { WorkloadTemplate } from './catalog.js';
import type { FactorIntegral } from './segments.js';

/**
 * The simulation's own view of the cluster. Kubernetes objects are derived from it and
 * written to the ObjectStore; the kubelets read it directly to produce statistics.
 * All times are epoch milliseconds; "raw" counters count from the entity's origin and
 * offsets subtract what an injected counter reset discarded.
 */

export interface SimAccelerator {
  readonly make: string;
  readonly model: string;
  readonly id: string;
  readonly memoryTotal: number;
}

export interface SimContainer {
  readonly name: string;
  readonly image: string;
  readonly imageId: string;
  /** Globally unique number: the key for this container's rate factors. */
  readonly key: number;
  /** Mean CPU rate in nanocores. */
  readonly cpuBase: number;
  /** Mean working set in bytes. */
  readonly memoryBase: number;
  /** Memory limit in bytes, when the spec sets one (availableBytes is reported only then). */
  readonly memoryLimit: number | undefined;
  /** Mean minor / major page faults per second. */
  readonly pageFaultBase: number;
  readonly majorPageFaultBase: number;
  readonly rootfsBase: number;
  readonly logsBase: number;
  readonly accelerators: readonly SimAccelerator[];
  /** ∫ cpu factor since the pod started; container counters are base × (F(t) − F(start)). */
  readonly cpuIntegral: FactorIntegral;
  startTime: number;
  integralAtStart: number;
  containerId: string;
  restartCount: number;
  /** User-defined metrics are exposed by some containers (the "custom metrics" path). */
  readonly userDefinedMetrics: boolean;
}

export interface SimVolume {
  readonly name: string;
  readonly kind: 'projected' | 'emptyDir' | 'pvc' | 'configMap';
  readonly claimName?: string;
  readonly capacity: number;
  readonly usedBase: number;
}

export interface ResourceList {
  readonly [resource: string]: string;
}

export interface SimContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly port?: number;
  readonly requests?: ResourceList;
  readonly limits?: ResourceList;
}

/** What the pod's API object is rendered from (fixed at creation). */
export interface SimPodSpec {
  readonly template: WorkloadTemplate;
  readonly ownerKind: string;
  readonly ownerName: string;
  readonly ownerUid: string;
  readonly generateName: string | undefined;
  readonly containers: readonly SimContainerSpec[];
  readonly initContainers: readonly SimContainerSpec[];
  readonly qosClass: 'Guaranteed' | 'Burstable' | 'BestEffort';
  readonly createdAt: number;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

export interface SimPod {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  readonly key: number;
  readonly nodeName: string;
  readonly podIp: string;
  readonly labels: Record<string, string>;
  readonly spec: SimPodSpec;
  readonly containers: SimContainer[];
  readonly volumes: readonly SimVolume[];
  /** Mean network rates in bytes per second. */
  readonly rxBase: number;
  readonly txBase: number;
  readonly networkIntegral: FactorIntegral;
  /** Pod start (metrics origin); the pod reports statistics only while Running. */
  startTime: number;
  phase: PodPhase;
  /** Offsets subtracted from pod-level counters after an injected counter reset. */
  cpuOffset: number;
  pageFaultOffset: number;
  majorPageFaultOffset: number;
  rxOffset: number;
  txOffset: number;
  /** The API object as last written to the store; undefined before the first write. */
  object: KubeObject | undefined;
  /** True while the pod is crash-looping (BackOff events, periodic restarts). */
  crashLooping: boolean;
  /** Completes (phase Succeeded) at this time when it is a Job pod. */
  completesAt: number | undefined;
}

export interface SimSystemContainer {
  readonly name: 'kubelet' | 'runtime' | 'misc';
  readonly key: number;
  readonly cpuBase: number;
  readonly memoryBase: number;
  readonly cpuIntegral: FactorIntegral;
  startTime: number;
  cpuOffset: number;
}

export interface SimNode {
  readonly name: string;
  readonly index: number;
  readonly key: number;
  readonly address: string;
  readonly machineType: string;
  readonly zone: string;
  readonly machineId: string;
  readonly systemUuid: string;
  readonly bootId: string;
  readonly createdAt: number;
  readonly maxPods: number;
  /** Port of the HTTPS kubelet endpoint (daemonEndpoints) and of the read-only HTTP endpoint. */
  kubeletPort: number;
  readOnlyPort: number;
  /** False while a NotReady fault is on: the Ready condition reads Unknown. */
  ready: boolean;
  /** False while a no-address fault is on: the node lists no InternalIP. */
  addressUsable: boolean;
  readonly cpuMillicores: number;
  readonly memoryBytes: number;
  readonly fsCapacity: number;
  readonly imageFsUsed: number;
  readonly gpuModel: string | undefined;
  readonly gpuCount: number;
  readonly podCidrPrefix: string;
  readonly systemContainers: SimSystemContainer[];
  readonly pods: Map<string, SimPod>;
  readonly rxBase: number;
  readonly txBase: number;
  readonly networkIntegral: FactorIntegral;
  readonly pageFaultIntegral: FactorIntegral;
  readonly pageFaultBase: number;
  startTime: number;
  /** CPU, page faults of pods that have gone, so the node's counters stay monotonic. */
  deadPodsCpu: number;
  deadPodsPageFaults: number;
  /** Offsets subtracted from node-level counters after an injected counter reset. */
  cpuOffset: number;
  podsCpuOffset: number;
  rxOffset: number;
  txOffset: number;
  pageFaultOffset: number;
  /** Last time the set of running pods changed: node rates are constant since max(this, segment start). */
  lastChange: number;
  nextPodIp: number;
  /** The API object as last written to the store; undefined before the first write. */
  object: KubeObject | undefined;
}
