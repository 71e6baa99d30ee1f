import type { ClusterSimulation, NodeSnapshot } from './cluster-simulation.js';
import type { ContainerSample } from './usage-model.js';
import { rfc3339 } from './time-format.js';

/**
 * GET /_sim/truth: what the model is producing right now, for every node, pod and container,
 * so a test can compare what a consumer computed with what is true. Rates are exact within a
 * segment; node rates also change when pods start or stop on the node (`rateStableSinceMs`).
 */

export interface TruthFilter {
  readonly node?: string;
  readonly namespace?: string;
}

export interface CpuTruth {
  /** Rate in nanocores (core-nanoseconds per second), exact within the segment. */
  readonly usageNanoCores: number;
  readonly usageMillicores: number;
  /** The cumulative counter the kubelet reports now. */
  readonly usageCoreNanoSeconds: number;
}

export interface ContainerTruth {
  readonly name: string;
  readonly startTime: string;
  readonly startTimeMs: number;
  readonly restartCount: number;
  readonly cpu: CpuTruth;
  readonly memory: {
    readonly usageBytes: number;
    readonly workingSetBytes: number;
    readonly rssBytes: number;
    readonly availableBytes?: number;
    readonly pageFaults: number;
    readonly majorPageFaults: number;
    readonly pageFaultsPerSecond: number;
    readonly majorPageFaultsPerSecond: number;
  };
  readonly rootfs: { readonly usedBytes: number };
  readonly logs: { readonly usedBytes: number };
  readonly accelerators: readonly { readonly memoryUsedBytes: number; readonly dutyCycle: number }[];
}

export interface PodTruth {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly phase: string;
  readonly startTime: string;
  readonly startTimeMs: number;
  readonly cpu: CpuTruth;
  readonly memory: { readonly usageBytes: number; readonly workingSetBytes: number; readonly rssBytes: number; readonly pageFaults: number; readonly majorPageFaults: number };
  readonly network: { readonly rxBytesPerSecond: number; readonly txBytesPerSecond: number; readonly rxBytes: number; readonly txBytes: number; readonly rxErrors: number; readonly txErrors: number };
  readonly ephemeralStorage: { readonly usedBytes: number };
  readonly volumes: readonly { readonly name: string; readonly usedBytes: number; readonly capacityBytes: number }[];
  readonly containers: readonly ContainerTruth[];
}

export interface SystemContainerTruth {
  readonly name: string;
  readonly cpu: CpuTruth;
  readonly memory: { readonly usageBytes: number; readonly workingSetBytes: number; readonly rssBytes?: number };
}

export interface NodeTruth {
  readonly name: string;
  readonly address: string;
  readonly ready: boolean;
  readonly addressUsable: boolean;
  readonly kubeletPort: number;
  readonly readOnlyPort: number;
  readonly startTime: string;
  readonly startTimeMs: number;
  /** Node rates are constant from here to the segment end (they change when pods start or stop). */
  readonly rateStableSinceMs: number;
  readonly cpu: CpuTruth;
  readonly memory: { readonly usageBytes: number; readonly workingSetBytes: number; readonly rssBytes: number; readonly availableBytes: number; readonly pageFaults: number; readonly majorPageFaults: number; readonly pageFaultsPerSecond: number };
  readonly network: { readonly rxBytesPerSecond: number; readonly txBytesPerSecond: number; readonly rxBytes: number; readonly txBytes: number };
  readonly fs: { readonly capacityBytes: number; readonly usedBytes: number; readonly availableBytes: number };
  readonly systemContainers: readonly SystemContainerTruth[];
  readonly pods: readonly PodTruth[];
}

export interface GroundTruth {
  readonly kind: 'KubesimTruth';
  /** The sample time the values are evaluated at (what the kubelets report as `time` now). */
  readonly time: string;
  readonly timeMs: number;
  readonly statsIntervalMs: number;
  readonly segment: { readonly index: number; readonly lengthMs: number; readonly startMs: number; readonly endMs: number; readonly start: string; readonly end: string };
  readonly nodes: readonly NodeTruth[];
}

function cpu(rate: number, total: number): CpuTruth {
  return { usageNanoCores: rate, usageMillicores: rate / 1e6, usageCoreNanoSeconds: total };
}

function containerTruth(name: string, startTime: number, restartCount: number, c: ContainerSample): ContainerTruth {
  return {
    name,
    startTime: rfc3339(startTime),
    startTimeMs: startTime,
    restartCount,
    cpu: cpu(c.cpuRate, c.cpuTotal),
    memory: {
      usageBytes: c.memoryUsage,
      workingSetBytes: c.workingSet,
      rssBytes: c.rss,
      ...(c.memoryAvailable === undefined ? {} : { availableBytes: c.memoryAvailable }),
      pageFaults: c.pageFaults,
      majorPageFaults: c.majorPageFaults,
      pageFaultsPerSecond: c.pageFaultRate,
      majorPageFaultsPerSecond: c.majorPageFaultRate,
    },
    rootfs: { usedBytes: c.rootfsUsed },
    logs: { usedBytes: c.logsUsed },
    accelerators: c.accelerators.map((a) => ({ memoryUsedBytes: a.memoryUsed, dutyCycle: a.dutyCycle })),
  };
}

function nodeTruth(sim: ClusterSimulation, s: NodeSnapshot, namespace: string | undefined): NodeTruth {
  const n = s.node;
  const segmentStart = sim.model.clock.startOf(sim.model.clock.index(s.time));
  return {
    name: n.name,
    address: n.address,
    ready: n.ready,
    addressUsable: n.addressUsable,
    kubeletPort: n.kubeletPort,
    readOnlyPort: n.readOnlyPort,
    startTime: rfc3339(n.startTime),
    startTimeMs: n.startTime,
    rateStableSinceMs: Math.max(segmentStart, n.lastChange),
    cpu: cpu(s.sample.cpuRate, s.sample.cpuTotal),
    memory: {
      usageBytes: s.sample.memoryUsage,
      workingSetBytes: s.sample.workingSet,
      rssBytes: s.sample.rss,
      availableBytes: s.sample.memoryAvailable,
      pageFaults: s.sample.pageFaults,
      majorPageFaults: s.sample.majorPageFaults,
      pageFaultsPerSecond: s.sample.pageFaultRate,
    },
    network: {
      rxBytesPerSecond: s.sample.rxRate,
      txBytesPerSecond: s.sample.txRate,
      rxBytes: s.sample.rxBytes,
      txBytes: s.sample.txBytes,
    },
    fs: { capacityBytes: n.fsCapacity, usedBytes: s.sample.fsUsed, availableBytes: n.fsCapacity - s.sample.fsUsed },
    systemContainers: [
      ...n.systemContainers
        .map((c, i) => ({ c, sample: s.sample.system[i] }))
        .filter((x) => x.c.name !== 'misc')
        .map(({ c, sample }) => ({
          name: c.name,
          cpu: cpu(sample?.cpuRate ?? 0, sample?.cpuTotal ?? 0),
          memory: { usageBytes: sample?.memoryUsage ?? 0, workingSetBytes: sample?.workingSet ?? 0, rssBytes: sample?.rss ?? 0 },
        })),
      {
        name: 'pods',
        cpu: cpu(s.sample.podsCpuRate, s.sample.podsCpuTotal),
        memory: { usageBytes: s.sample.podsMemoryUsage, workingSetBytes: s.sample.podsWorkingSet },
      },
    ],
    pods: s.pods
      .filter((p) => namespace === undefined || p.pod.namespace === namespace)
      .map(({ pod, sample, containers }) => ({
        namespace: pod.namespace,
        name: pod.name,
        uid: pod.uid,
        phase: pod.phase,
        startTime: rfc3339(pod.startTime),
        startTimeMs: pod.startTime,
        cpu: cpu(sample.cpuRate, sample.cpuTotal),
        memory: { usageBytes: sample.memoryUsage, workingSetBytes: sample.workingSet, rssBytes: sample.rss, pageFaults: sample.pageFaults, majorPageFaults: sample.majorPageFaults },
        network: { rxBytesPerSecond: sample.rxRate, txBytesPerSecond: sample.txRate, rxBytes: sample.rxBytes, txBytes: sample.txBytes, rxErrors: sample.rxErrors, txErrors: sample.txErrors },
        ephemeralStorage: { usedBytes: sample.ephemeralUsed },
        volumes: pod.volumes.map((v, i) => ({ name: v.name, usedBytes: sample.volumesUsed[i] ?? 0, capacityBytes: v.capacity })),
        containers: pod.containers.map((c, i) => containerTruth(c.name, c.startTime, c.restartCount, containers[i] as ContainerSample)),
      })),
  };
}

/** The ground truth at the current sample time. */
export function groundTruth(sim: ClusterSimulation, filter: TruthFilter = {}): GroundTruth {
  const t = sim.sampleTime();
  const clock = sim.model.clock;
  const k = clock.index(t);
  const nodes = filter.node === undefined ? sim.nodes : sim.nodes.filter((n) => n.name === filter.node);
  return {
    kind: 'KubesimTruth',
    time: rfc3339(t),
    timeMs: t,
    statsIntervalMs: sim.options.statsIntervalMs,
    segment: {
      index: k,
      lengthMs: clock.lengthMs,
      startMs: clock.startOf(k),
      endMs: clock.startOf(k + 1),
      start: rfc3339(clock.startOf(k)),
      end: rfc3339(clock.startOf(k + 1)),
    },
    nodes: nodes.map((n) => nodeTruth(sim, sim.snapshot(n, t), filter.namespace)),
  };
}
