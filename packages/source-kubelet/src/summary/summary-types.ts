/**
 * The kubelet Summary API (k8s.io/kubelet/pkg/apis/stats/v1alpha1) as JSON, for the fields this
 * source reads. Go's optional pointers arrive absent or null; times are RFC 3339 strings (null for
 * Go's zero time). `validateSummary` establishes these shapes; the writer then trusts them.
 */

type Uint = number | null | undefined;
type Time = string | null | undefined;

export interface Summary {
  readonly node: NodeStats;
  readonly pods?: readonly PodStats[] | null;
}

export interface NodeStats {
  readonly nodeName?: string;
  readonly systemContainers?: readonly ContainerStats[] | null;
  readonly startTime?: Time;
  readonly cpu?: CpuStats | null;
  readonly memory?: MemoryStats | null;
  readonly network?: NetworkStats | null;
  readonly fs?: FsStats | null;
}

export interface PodReference {
  readonly name: string;
  readonly namespace: string;
  readonly uid?: string | null;
  /**
   * Not the kubelet's: the ids the fast reader found the names under in the batch's string
   * table (-1 when it did not). Parsed JSON has none; the writer then interns the names.
   */
  readonly nameId?: number;
  readonly namespaceId?: number;
  readonly uidId?: number;
}

export interface PodStats {
  readonly podRef: PodReference;
  readonly startTime?: Time;
  readonly containers?: readonly ContainerStats[] | null;
  readonly cpu?: CpuStats | null;
  readonly memory?: MemoryStats | null;
  readonly network?: NetworkStats | null;
  readonly volume?: readonly VolumeStats[] | null;
  readonly 'ephemeral-storage'?: FsStats | null;
}

export interface ContainerStats {
  readonly name: string;
  /** Not the kubelet's: as PodReference.nameId. */
  readonly nameId?: number;
  readonly startTime?: Time;
  readonly cpu?: CpuStats | null;
  readonly memory?: MemoryStats | null;
  readonly accelerators?: readonly AcceleratorStats[] | null;
  readonly rootfs?: FsStats | null;
  readonly logs?: FsStats | null;
  readonly userDefinedMetrics?: readonly UserDefinedMetric[] | null;
}

export interface CpuStats {
  readonly time?: Time;
  /** Instantaneous usage averaged over the kubelet's sample window, in nanocores. */
  readonly usageNanoCores?: Uint;
  /** Cumulative CPU time since the entity started, in core-nanoseconds. */
  readonly usageCoreNanoSeconds?: Uint;
}

export interface MemoryStats {
  readonly time?: Time;
  readonly availableBytes?: Uint;
  readonly usageBytes?: Uint;
  readonly workingSetBytes?: Uint;
  readonly rssBytes?: Uint;
  readonly pageFaults?: Uint;
  readonly majorPageFaults?: Uint;
}

export interface InterfaceStats {
  readonly name?: string | null;
  readonly rxBytes?: Uint;
  readonly rxErrors?: Uint;
  readonly txBytes?: Uint;
  readonly txErrors?: Uint;
}

/** The default interface inline, every interface in `interfaces`. */
export interface NetworkStats extends InterfaceStats {
  readonly time?: Time;
  readonly interfaces?: readonly InterfaceStats[] | null;
}

export interface FsStats {
  readonly time?: Time;
  readonly availableBytes?: Uint;
  readonly capacityBytes?: Uint;
  readonly usedBytes?: Uint;
  readonly inodesFree?: Uint;
  readonly inodes?: Uint;
  readonly inodesUsed?: Uint;
}

export interface VolumeStats extends FsStats {
  readonly name?: string | null;
}

export interface AcceleratorStats {
  readonly make?: string | null;
  readonly model?: string | null;
  readonly id?: string | null;
  readonly memoryTotal?: Uint;
  readonly memoryUsed?: Uint;
  readonly dutyCycle?: Uint;
}

export interface UserDefinedMetric {
  readonly name: string;
  /** gauge, cumulative or delta; anything else is skipped (as Heapster did). */
  readonly type?: string | null;
  readonly units?: string | null;
  readonly labels?: Readonly<Record<string, string>> | null;
  readonly time?: Time;
  readonly value?: number | null;
}
