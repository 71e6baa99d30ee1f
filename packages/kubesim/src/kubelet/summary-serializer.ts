import type { NodeSnapshot, PodSnapshot } from '../sim/cluster-simulation.js';
import type { SimAccelerator, SimContainer, SimVolume } from '../sim/model-types.js';
import type { ContainerSample } from '../sim/usage-model.js';
import { utf8 } from './byte-writer.js';
import type { ByteOutput } from './byte-writer.js';
import { acceleratorHead, nodeFragments, podFragmentsAt, systemContainerHead, timeFragments, trimPodFragments } from './summary-fragments.js';
import type { CapacityFragments, NodeFragments, TimeFragments } from './summary-fragments.js';

/**
 * Writes the kubelet Summary API (k8s.io/kubelet/pkg/apis/stats/v1alpha1) straight into bytes:
 * field names and order as Go's encoding/json emits them, numbers as whole uint64s, optional
 * fields omitted when empty. One process serves thousands of nodes on the benchmark machine's
 * cores, so nothing here builds strings or objects per field: constant pieces are pre-encoded
 * (summary-fragments.ts) and numbers are written as digits. src/testing/summary-string-renderer.ts
 * is the readable reference this must match byte for byte.
 */

export interface SummaryRenderOptions {
  /** ?only_cpu_and_memory=true: node and pod CPU/memory only, as metrics-server ≤ 0.5 asked. */
  readonly onlyCpuAndMemory: boolean;
  /** The missingFields fault: drop some optional fields the way a degraded kubelet does. */
  readonly missingFields: boolean;
}

const COMMA = 0x2c;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const CORE_NANOSECONDS = utf8(',"usageCoreNanoSeconds":');
const AVAILABLE = utf8(',"availableBytes":');
const USAGE = utf8(',"usageBytes":');
const WORKING_SET = utf8(',"workingSetBytes":');
const RSS = utf8(',"rssBytes":');
const PAGE_FAULTS = utf8(',"pageFaults":');
const MAJOR_PAGE_FAULTS = utf8(',"majorPageFaults":');
const INODES_FREE = utf8(',"inodesFree":');
const RX_ERRORS = utf8(',"rxErrors":');
const TX_BYTES = utf8(',"txBytes":');
const TX_ERRORS = utf8(',"txErrors":');
const ETH0_INTERFACE = utf8(',"interfaces":[{"name":"eth0","rxBytes":');
const CNI0_INTERFACE = utf8('},{"name":"cni0","rxBytes":');
const INTERFACES_END = utf8('}]}');
const CONTAINER_FS = utf8('}}');
const ACCELERATORS = utf8(',"accelerators":[');
const DUTY_CYCLE = utf8(',"dutyCycle":');
const METRICS_END = utf8('}]');
const VOLUMES = utf8(',"volume":[');
const PROCESS_COUNT = utf8('},"process_stats":{"process_count":');
const POD_END = utf8('}}');
const PODS = utf8('},"pods":[');
const SUMMARY_END = utf8(']}');

function cpu(w: ByteOutput, f: TimeFragments, rate: number, total: number, dropTotal: boolean): void {
  w.bytes(f.cpu);
  w.int(rate);
  if (!dropTotal) {
    w.bytes(CORE_NANOSECONDS);
    w.int(total);
  }
  w.byte(CLOSE_BRACE);
}

function memory(w: ByteOutput, f: TimeFragments, available: number | undefined, usage: number, workingSet: number | undefined, rss: number, pageFaults: number, majorPageFaults: number): void {
  w.bytes(f.memory);
  if (available !== undefined) {
    w.bytes(AVAILABLE);
    w.int(available);
  }
  w.bytes(USAGE);
  w.int(usage);
  if (workingSet !== undefined) {
    w.bytes(WORKING_SET);
    w.int(workingSet);
  }
  w.bytes(RSS);
  w.int(rss);
  w.bytes(PAGE_FAULTS);
  w.int(pageFaults);
  w.bytes(MAJOR_PAGE_FAULTS);
  w.int(majorPageFaults);
  w.byte(CLOSE_BRACE);
}

/** FsStats up to (not including) its closing brace; `open` ends in `"availableBytes":`. */
function fs(w: ByteOutput, open: Uint8Array, capacity: CapacityFragments, used: number, available: number): void {
  const inodesUsed = Math.min(capacity.inodes, Math.floor(used / 16_384) + 1);
  w.bytes(open);
  w.int(available);
  w.bytes(capacity.capacity);
  w.int(used);
  w.bytes(INODES_FREE);
  w.int(capacity.inodes - inodesUsed);
  w.bytes(capacity.inodesTail);
  w.int(inodesUsed);
}

/** The rest of an interface after `"rxBytes":`. */
function iface(w: ByteOutput, rx: number, rxErrors: number, tx: number, txErrors: number): void {
  w.int(rx);
  w.bytes(RX_ERRORS);
  w.int(rxErrors);
  w.bytes(TX_BYTES);
  w.int(tx);
  w.bytes(TX_ERRORS);
  w.int(txErrors);
}

function systemContainer(w: ByteOutput, f: TimeFragments, head: Uint8Array, cpuRate: number, cpuTotal: number, available: number | undefined, usage: number, workingSet: number, rss: number): void {
  const pageFaults = Math.floor(cpuTotal / 2e7);
  w.bytes(head);
  cpu(w, f, cpuRate, cpuTotal, false);
  memory(w, f, available, usage, workingSet, rss, pageFaults, Math.floor(pageFaults / 100));
  w.byte(CLOSE_BRACE);
}

function container(w: ByteOutput, f: TimeFragments, nf: NodeFragments, head: Uint8Array, c: SimContainer, s: ContainerSample, fsAvailable: number, onlyCpuAndMemory: boolean, degrade: boolean): void {
  w.bytes(head);
  cpu(w, f, s.cpuRate, s.cpuTotal, degrade);
  memory(w, f, s.memoryAvailable, s.memoryUsage, degrade ? undefined : s.workingSet, s.rss, s.pageFaults, s.majorPageFaults);
  if (onlyCpuAndMemory) {
    w.byte(CLOSE_BRACE);
    return;
  }
  const accelerators = c.accelerators;
  if (accelerators.length > 0) {
    w.bytes(ACCELERATORS);
    for (let i = 0; i < accelerators.length; i++) {
      if (i > 0) w.byte(COMMA);
      w.bytes(acceleratorHead(accelerators[i] as SimAccelerator));
      w.int(s.accelerators[i]?.memoryUsed ?? 0);
      w.bytes(DUTY_CYCLE);
      w.int(s.accelerators[i]?.dutyCycle ?? 0);
      w.byte(CLOSE_BRACE);
    }
    w.byte(CLOSE_BRACKET);
  }
  fs(w, f.rootfs, nf.fs, s.rootfsUsed, fsAvailable);
  w.byte(CLOSE_BRACE);
  fs(w, f.logs, nf.fs, s.logsUsed, fsAvailable);
  w.byte(CLOSE_BRACE);
  if (c.userDefinedMetrics) {
    w.bytes(f.requestsMetric);
    w.num(Math.floor(s.cpuTotal / 1e7));
    w.bytes(f.queueMetric);
    w.num(Math.round(s.cpuRate / 1e7));
    w.bytes(METRICS_END);
  }
  w.byte(CLOSE_BRACE);
}

function pod(w: ByteOutput, f: TimeFragments, nf: NodeFragments, p: PodSnapshot, fsAvailable: number, options: SummaryRenderOptions, index: number): void {
  const { pod: sp, sample: s } = p;
  const degradePod = options.missingFields && index % 2 === 1;
  const pf = podFragmentsAt(nf, index, sp);
  w.bytes(pf.head);
  const containers = sp.containers;
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i] as SimContainer;
    if (i > 0) w.byte(COMMA);
    container(w, f, nf, pf.containerHead(i, c), c, p.containers[i] as ContainerSample, fsAvailable, options.onlyCpuAndMemory, options.missingFields && i === 0);
  }
  w.byte(CLOSE_BRACKET);
  if (!degradePod) cpu(w, f, s.cpuRate, s.cpuTotal, false);
  memory(w, f, undefined, s.memoryUsage, s.workingSet, s.rss, s.pageFaults, s.majorPageFaults);
  if (options.onlyCpuAndMemory) {
    w.byte(CLOSE_BRACE);
    return;
  }
  if (!degradePod) {
    w.bytes(f.network);
    iface(w, s.rxBytes, s.rxErrors, s.txBytes, s.txErrors);
    w.bytes(ETH0_INTERFACE);
    iface(w, s.rxBytes, s.rxErrors, s.txBytes, s.txErrors);
    w.bytes(INTERFACES_END);
  }
  const volumes = sp.volumes;
  if (volumes.length > 0) {
    w.bytes(VOLUMES);
    for (let i = 0; i < volumes.length; i++) {
      const v = volumes[i] as SimVolume;
      const vf = pf.volume(i, v, sp.namespace);
      const used = s.volumesUsed[i] ?? 0;
      if (i > 0) w.byte(COMMA);
      fs(w, f.volume, vf.fs, used, v.capacity - used);
      w.bytes(vf.tail);
    }
    w.byte(CLOSE_BRACKET);
  }
  fs(w, f.ephemeral, nf.fs, s.ephemeralUsed, fsAvailable);
  w.bytes(PROCESS_COUNT);
  w.int(s.processCount);
  w.bytes(POD_END);
}

/** Writes the Summary JSON of a node snapshot to `w`. */
export function writeSummary(w: ByteOutput, snapshot: NodeSnapshot, options: SummaryRenderOptions): void {
  const n = snapshot.node;
  const s = snapshot.sample;
  const f = timeFragments(snapshot.time);
  const nf = nodeFragments(n);
  const fsAvailable = n.fsCapacity - s.fsUsed;
  w.bytes(nf.open);
  const system = n.systemContainers;
  for (let i = 0; i < system.length; i++) {
    const c = system[i];
    const cs = s.system[i];
    if (c === undefined || c.name === 'misc' || cs === undefined) continue;
    systemContainer(w, f, systemContainerHead(c), cs.cpuRate, cs.cpuTotal, undefined, cs.memoryUsage, cs.workingSet, cs.rss);
    w.byte(COMMA);
  }
  // The pods cgroup has a limit (allocatable), so it reports availableBytes.
  const podsAvailable = options.onlyCpuAndMemory ? undefined : n.memoryBytes * 0.93 - s.podsWorkingSet;
  systemContainer(w, f, nf.podsContainer, s.podsCpuRate, s.podsCpuTotal, podsAvailable, s.podsMemoryUsage, s.podsWorkingSet, Math.round(s.podsWorkingSet * 0.8));
  w.bytes(nf.nodeStart);
  cpu(w, f, s.cpuRate, s.cpuTotal, false);
  if (!options.missingFields) memory(w, f, s.memoryAvailable, s.memoryUsage, s.workingSet, s.rss, s.pageFaults, s.majorPageFaults);
  if (!options.onlyCpuAndMemory) {
    w.bytes(f.network);
    iface(w, s.rxBytes, s.rxErrors, s.txBytes, s.txErrors);
    w.bytes(ETH0_INTERFACE);
    iface(w, s.rxBytes, s.rxErrors, s.txBytes, s.txErrors);
    w.bytes(CNI0_INTERFACE);
    iface(w, s.txBytes * 0.6, 0, s.rxBytes * 0.6, 0);
    w.bytes(INTERFACES_END);
    fs(w, f.nodeFs, nf.fs, s.fsUsed, fsAvailable);
    w.byte(CLOSE_BRACE);
    fs(w, f.imageFs, nf.fs, s.imageFsUsed, fsAvailable);
    w.byte(CLOSE_BRACE);
    fs(w, f.containerFs, nf.fs, s.imageFsUsed, fsAvailable);
    w.bytes(CONTAINER_FS);
    w.bytes(f.rlimit);
    w.int(s.processCount);
    w.byte(CLOSE_BRACE);
  }
  w.bytes(PODS);
  const pods = snapshot.pods;
  for (let i = 0; i < pods.length; i++) {
    if (i > 0) w.byte(COMMA);
    pod(w, f, nf, pods[i] as PodSnapshot, fsAvailable, options, i);
  }
  trimPodFragments(nf, pods.length);
  w.bytes(SUMMARY_END);
}
