import type { SimContainer, SimNode, SimPod, SimSystemContainer } from './model-types.js';
import { Channel } from './segments.js';
import type { SegmentClock } from './segments.js';

/**
 * Evaluates the workload model at a time t: rates are base × the segment's factor, cumulative
 * counters are base × ∫factor (so Δcounter = rate × Δt exactly inside a segment), gauges are
 * base × the segment's factor. Counters are reported as whole numbers, as the kubelet does.
 */

export interface AcceleratorSample {
  readonly memoryUsed: number;
  readonly dutyCycle: number;
}

export interface ContainerSample {
  /** Nanocores (core-nanoseconds per second). */
  readonly cpuRate: number;
  /** usageCoreNanoSeconds since the container (re)started. */
  readonly cpuTotal: number;
  readonly memoryUsage: number;
  readonly workingSet: number;
  readonly rss: number;
  readonly memoryAvailable: number | undefined;
  readonly pageFaults: number;
  readonly majorPageFaults: number;
  readonly pageFaultRate: number;
  readonly majorPageFaultRate: number;
  readonly rootfsUsed: number;
  readonly logsUsed: number;
  readonly accelerators: readonly AcceleratorSample[];
}

export interface PodSample {
  readonly cpuRate: number;
  readonly cpuTotal: number;
  /** CPU since the pod started, ignoring reset offsets: what the node's "pods" cgroup adds up. */
  readonly cpuRaw: number;
  readonly memoryUsage: number;
  readonly workingSet: number;
  readonly rss: number;
  readonly pageFaults: number;
  readonly majorPageFaults: number;
  readonly rxRate: number;
  readonly txRate: number;
  readonly rxBytes: number;
  readonly txBytes: number;
  readonly rxErrors: number;
  readonly txErrors: number;
  readonly volumesUsed: readonly number[];
  readonly ephemeralUsed: number;
  readonly processCount: number;
}

export interface SystemContainerSample {
  readonly cpuRate: number;
  readonly cpuTotal: number;
  readonly workingSet: number;
  readonly memoryUsage: number;
  readonly rss: number;
}

export interface NodeSample {
  readonly cpuRate: number;
  readonly cpuTotal: number;
  readonly podsCpuRate: number;
  readonly podsCpuTotal: number;
  readonly podsWorkingSet: number;
  readonly podsMemoryUsage: number;
  readonly memoryUsage: number;
  readonly workingSet: number;
  readonly rss: number;
  readonly memoryAvailable: number;
  readonly pageFaults: number;
  readonly majorPageFaults: number;
  readonly pageFaultRate: number;
  readonly rxRate: number;
  readonly txRate: number;
  readonly rxBytes: number;
  readonly txBytes: number;
  readonly rxErrors: number;
  readonly txErrors: number;
  readonly fsUsed: number;
  readonly imageFsUsed: number;
  readonly processCount: number;
  readonly system: readonly SystemContainerSample[];
}

/** Shared by every container without accelerators (most of them): nothing to allocate. */
const NO_ACCELERATORS: readonly AcceleratorSample[] = Object.freeze([]);

/** Pause-container and cgroup overhead a pod cgroup has on top of its containers. */
export const POD_MEMORY_OVERHEAD = 524_288;
/** One network error per this many bytes: errors grow slowly and monotonically. */
const BYTES_PER_ERROR = 2e9;
const MAJOR_FAULT_SHARE = 0.01;

export class UsageModel {
  readonly clock: SegmentClock;

  constructor(clock: SegmentClock) {
    this.clock = clock;
  }

  /** `k` is the segment index of the sample time. */
  private gauge(key: number, channel: number, k: number, low = 0.85, span = 0.3): number {
    // A second draw for gauges: constant within a segment, in [low, low + span).
    return low + span * ((this.clock.factor(key, channel, k) - 0.25) / 1.5);
  }

  container(c: SimContainer, t: number): ContainerSample {
    const k = this.clock.index(t);
    const factor = this.clock.factor(c.key, Channel.cpu, k);
    const since = Math.max(0, c.cpuIntegral.at(this.clock, t) - c.integralAtStart);
    let workingSet = Math.round(c.memoryBase * this.gauge(c.key, Channel.memory, k));
    if (c.memoryLimit !== undefined) workingSet = Math.min(workingSet, Math.floor(c.memoryLimit * 0.95));
    const fsGauge = this.gauge(c.key, Channel.fs, k, 0.9, 0.2);
    return {
      cpuRate: c.cpuBase * factor,
      cpuTotal: Math.floor(c.cpuBase * since),
      memoryUsage: Math.round(workingSet * 1.18),
      workingSet,
      rss: Math.round(workingSet * 0.78),
      memoryAvailable: c.memoryLimit === undefined ? undefined : Math.max(0, c.memoryLimit - workingSet),
      pageFaults: Math.floor(c.pageFaultBase * since),
      majorPageFaults: Math.floor(c.majorPageFaultBase * since),
      pageFaultRate: c.pageFaultBase * factor,
      majorPageFaultRate: c.majorPageFaultBase * factor,
      rootfsUsed: Math.round(c.rootfsBase * fsGauge),
      logsUsed: Math.round(c.logsBase * fsGauge),
      accelerators: c.accelerators.length === 0 ? NO_ACCELERATORS : this.accelerators(c, k),
    };
  }

  private accelerators(c: SimContainer, k: number): AcceleratorSample[] {
    const gauge = this.gauge(c.key, Channel.accelerator, k, 0.2, 0.75);
    return c.accelerators.map((a) => ({ memoryUsed: Math.round(a.memoryTotal * gauge), dutyCycle: Math.round(gauge * 100) }));
  }

  /** Raw (un-offset) cumulative CPU and page faults of a pod's containers since the pod started. */
  podRaw(p: SimPod, t: number): { cpu: number; pageFaults: number; majorPageFaults: number } {
    let cpu = 0;
    let pageFaults = 0;
    let majorPageFaults = 0;
    for (const c of p.containers) {
      const f = c.cpuIntegral.at(this.clock, t);
      cpu += c.cpuBase * f;
      pageFaults += c.pageFaultBase * f;
      majorPageFaults += c.majorPageFaultBase * f;
    }
    return { cpu, pageFaults, majorPageFaults };
  }

  podNetworkRaw(p: SimPod, t: number): { rx: number; tx: number } {
    const f = p.networkIntegral.at(this.clock, t);
    return { rx: p.rxBase * f, tx: p.txBase * f };
  }

  pod(p: SimPod, containers: readonly ContainerSample[], t: number): PodSample {
    const raw = this.podRaw(p, t);
    const net = this.podNetworkRaw(p, t);
    const k = this.clock.index(t);
    const netFactor = this.clock.factor(p.key, Channel.network, k);
    let cpuRate = 0;
    let workingSet = POD_MEMORY_OVERHEAD;
    let memoryUsage = POD_MEMORY_OVERHEAD;
    let rss = POD_MEMORY_OVERHEAD;
    let ephemeralUsed = 0;
    for (const c of containers) {
      cpuRate += c.cpuRate;
      workingSet += c.workingSet;
      memoryUsage += c.memoryUsage;
      rss += c.rss;
      ephemeralUsed += c.rootfsUsed + c.logsUsed;
    }
    const fsGauge = this.gauge(p.key, Channel.fs, k, 0.9, 0.2);
    const volumesUsed: number[] = [];
    for (const v of p.volumes) {
      const used = Math.round(v.usedBase * fsGauge);
      volumesUsed.push(used);
      if (v.kind === 'emptyDir') ephemeralUsed += used;
    }
    const rxBytes = Math.floor(net.rx - p.rxOffset);
    const txBytes = Math.floor(net.tx - p.txOffset);
    return {
      cpuRate,
      cpuTotal: Math.floor(raw.cpu - p.cpuOffset),
      cpuRaw: raw.cpu,
      memoryUsage,
      workingSet,
      rss,
      pageFaults: Math.floor(raw.pageFaults - p.pageFaultOffset),
      majorPageFaults: Math.floor(raw.majorPageFaults - p.majorPageFaultOffset),
      rxRate: p.rxBase * netFactor,
      txRate: p.txBase * netFactor,
      rxBytes,
      txBytes,
      rxErrors: Math.floor(rxBytes / BYTES_PER_ERROR),
      txErrors: Math.floor(txBytes / BYTES_PER_ERROR),
      volumesUsed,
      ephemeralUsed,
      processCount: p.containers.length * 3 + 1,
    };
  }

  systemRaw(s: SimSystemContainer, t: number): number {
    return s.cpuBase * s.cpuIntegral.at(this.clock, t);
  }

  system(s: SimSystemContainer, t: number): SystemContainerSample {
    const k = this.clock.index(t);
    const workingSet = Math.round(s.memoryBase * this.gauge(s.key, Channel.memory, k));
    return {
      cpuRate: s.cpuBase * this.clock.factor(s.key, Channel.cpu, k),
      cpuTotal: Math.floor(this.systemRaw(s, t) - s.cpuOffset),
      workingSet,
      memoryUsage: Math.round(workingSet * 1.3),
      rss: Math.round(workingSet * 0.7),
    };
  }

  /** `pods` must be the samples of exactly the node's running pods. */
  node(n: SimNode, pods: readonly PodSample[], t: number): NodeSample {
    const k = this.clock.index(t);
    const system = n.systemContainers.map((s) => this.system(s, t));
    let systemRaw = 0;
    for (const s of n.systemContainers) systemRaw += this.systemRaw(s, t);
    let podsRaw = n.deadPodsCpu;
    let podsCpuRate = 0;
    let podsWorkingSet = 0;
    let podsMemoryUsage = 0;
    let ephemeral = 0;
    let processCount = 120;
    for (const p of pods) {
      podsRaw += p.cpuRaw;
      podsCpuRate += p.cpuRate;
      podsWorkingSet += p.workingSet;
      podsMemoryUsage += p.memoryUsage;
      ephemeral += p.ephemeralUsed;
      processCount += p.processCount;
    }
    let cpuRate = podsCpuRate;
    let systemWorkingSet = 0;
    let systemUsage = 0;
    for (const s of system) {
      cpuRate += s.cpuRate;
      systemWorkingSet += s.workingSet;
      systemUsage += s.memoryUsage;
    }
    const workingSet = Math.min(n.memoryBytes, podsWorkingSet + systemWorkingSet);
    const pageCache = Math.round(n.memoryBytes * 0.08 * this.gauge(n.key, Channel.memory, k));
    const netFactor = this.clock.factor(n.key, Channel.network, k);
    const netIntegral = n.networkIntegral.at(this.clock, t);
    const rxBytes = Math.floor(n.rxBase * netIntegral - n.rxOffset);
    const txBytes = Math.floor(n.txBase * netIntegral - n.txOffset);
    const pfFactor = this.clock.factor(n.key, Channel.cpu, k);
    const pageFaults = Math.floor(n.pageFaultBase * n.pageFaultIntegral.at(this.clock, t) - n.pageFaultOffset);
    const fsUsed = Math.min(n.fsCapacity, n.imageFsUsed + ephemeral + 2_147_483_648);
    return {
      cpuRate,
      cpuTotal: Math.floor(systemRaw + podsRaw - n.cpuOffset),
      podsCpuRate,
      podsCpuTotal: Math.floor(podsRaw - n.podsCpuOffset),
      podsWorkingSet,
      podsMemoryUsage,
      memoryUsage: Math.min(n.memoryBytes, podsMemoryUsage + systemUsage + pageCache),
      workingSet,
      rss: Math.round(workingSet * 0.8),
      memoryAvailable: n.memoryBytes - workingSet,
      pageFaults,
      majorPageFaults: Math.floor(pageFaults * MAJOR_FAULT_SHARE),
      pageFaultRate: n.pageFaultBase * pfFactor,
      rxRate: n.rxBase * netFactor,
      txRate: n.txBase * netFactor,
      rxBytes,
      txBytes,
      rxErrors: Math.floor(rxBytes / BYTES_PER_ERROR),
      txErrors: Math.floor(txBytes / BYTES_PER_ERROR),
      fsUsed,
      imageFsUsed: n.imageFsUsed,
      processCount,
      system,
    };
  }
}
