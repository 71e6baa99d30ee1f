import type { NodeSnapshot, PodSnapshot } from '../sim/cluster-simulation.js';
import type { SimContainer, SimNode, SimPod, SimVolume } from '../sim/model-types.js';
import type { SummaryRenderOptions } from '../kubelet/summary-serializer.js';
import { rfc3339 } from '../sim/time-format.js';
import type { ContainerSample, NodeSample, SystemContainerSample } from '../sim/usage-model.js';

/**
 * The reference Summary renderer: the kubelet Summary API built as strings, the way kubesim
 * served it before the byte writer (kubelet/summary-serializer.ts). Kept for tests only: the
 * byte writer must produce exactly these bytes (summary-equivalence.test.ts), and this version
 * is the easier one to read against Go's field order and omission rules.
 */

const INODES_PER_GIB = 65_536;
const GIB = 1_073_741_824;

function q(s: string): string {
  return JSON.stringify(s);
}

// The parts of a pod's or container's JSON that only change on a restart are rendered once and
// kept beside the model object (weakly, so deleted pods take their cache with them).
const podHeads = new WeakMap<SimPod, { readonly startTime: number; readonly text: string }>();
const volumeTails = new WeakMap<SimVolume, string>();
const containerHeads = new WeakMap<SimContainer, { readonly startTime: number; readonly text: string }>();

function podHead(p: SimPod): string {
  let head = podHeads.get(p);
  if (head === undefined || head.startTime !== p.startTime) {
    head = { startTime: p.startTime, text: `{"podRef":{"name":${q(p.name)},"namespace":${q(p.namespace)},"uid":${q(p.uid)}},"startTime":${q(rfc3339(p.startTime))}` };
    podHeads.set(p, head);
  }
  return head.text;
}

function containerHead(c: SimContainer): string {
  let head = containerHeads.get(c);
  if (head === undefined || head.startTime !== c.startTime) {
    head = { startTime: c.startTime, text: `{"name":${q(c.name)},"startTime":${q(rfc3339(c.startTime))}` };
    containerHeads.set(c, head);
  }
  return head.text;
}

function int(n: number): string {
  return String(Math.max(0, Math.round(n)));
}

function cpu(time: string, rate: number, total: number, dropTotal = false): string {
  return `{"time":${time},"usageNanoCores":${int(rate)}${dropTotal ? '' : `,"usageCoreNanoSeconds":${int(total)}`}}`;
}

function memory(time: string, available: number | undefined, usage: number, workingSet: number | undefined, rss: number, pageFaults: number, majorPageFaults: number): string {
  return (
    `{"time":${time}` +
    (available === undefined ? '' : `,"availableBytes":${int(available)}`) +
    `,"usageBytes":${int(usage)}` +
    (workingSet === undefined ? '' : `,"workingSetBytes":${int(workingSet)}`) +
    `,"rssBytes":${int(rss)},"pageFaults":${int(pageFaults)},"majorPageFaults":${int(majorPageFaults)}}`
  );
}

/** FsStats fields (no braces), so VolumeStats can inline them. */
function fsFields(time: string, capacity: number, used: number, available: number): string {
  const inodes = Math.max(1, Math.floor((capacity / GIB) * INODES_PER_GIB));
  const inodesUsed = Math.min(inodes, Math.floor(used / 16_384) + 1);
  return `"time":${time},"availableBytes":${int(available)},"capacityBytes":${int(capacity)},"usedBytes":${int(used)},"inodesFree":${int(inodes - inodesUsed)},"inodes":${int(inodes)},"inodesUsed":${int(inodesUsed)}`;
}

/** `name` must be a JSON-safe interface name ("eth0", "cni0"). */
function iface(name: string, rx: number, rxErrors: number, tx: number, txErrors: number): string {
  return `"name":"${name}","rxBytes":${int(rx)},"rxErrors":${int(rxErrors)},"txBytes":${int(tx)},"txErrors":${int(txErrors)}`;
}

function systemContainer(name: string, startTime: string, time: string, s: SystemContainerSample, pageFaults: number): string {
  return `{"name":${q(name)},"startTime":${startTime},"cpu":${cpu(time, s.cpuRate, s.cpuTotal)},"memory":${memory(time, undefined, s.memoryUsage, s.workingSet, s.rss, pageFaults, Math.floor(pageFaults / 100))}}`;
}

function systemContainers(n: SimNode, ns: NodeSample, time: string, onlyCpuAndMemory: boolean): string {
  const parts: string[] = [];
  n.systemContainers.forEach((c, i) => {
    const s = ns.system[i];
    if (c.name === 'misc' || s === undefined) return;
    parts.push(systemContainer(c.name, q(rfc3339(c.startTime)), time, s, Math.floor(s.cpuTotal / 2e7)));
  });
  const pods: SystemContainerSample = {
    cpuRate: ns.podsCpuRate,
    cpuTotal: ns.podsCpuTotal,
    workingSet: ns.podsWorkingSet,
    memoryUsage: ns.podsMemoryUsage,
    rss: Math.round(ns.podsWorkingSet * 0.8),
  };
  const podsEntry = systemContainer('pods', q(rfc3339(n.startTime)), time, pods, Math.floor(ns.podsCpuTotal / 2e7));
  // The pods cgroup has a limit (allocatable), so it reports availableBytes.
  parts.push(onlyCpuAndMemory ? podsEntry : podsEntry.replace(`"memory":{"time":${time}`, `"memory":{"time":${time},"availableBytes":${int(n.memoryBytes * 0.93 - ns.podsWorkingSet)}`));
  return `[${parts.join(',')}]`;
}

function container(c: SimContainer, s: ContainerSample, time: string, node: SimNode, fsAvailable: number, options: SummaryRenderOptions, degrade: boolean): string {
  let out = `${containerHead(c)},"cpu":${cpu(time, s.cpuRate, s.cpuTotal, degrade)},"memory":${memory(time, s.memoryAvailable, s.memoryUsage, degrade ? undefined : s.workingSet, s.rss, s.pageFaults, s.majorPageFaults)}`;
  if (options.onlyCpuAndMemory) return `${out}}`;
  if (c.accelerators.length > 0) {
    out += `,"accelerators":[${c.accelerators
      .map((a, i) => `{"make":${q(a.make)},"model":${q(a.model)},"id":${q(a.id)},"memoryTotal":${int(a.memoryTotal)},"memoryUsed":${int(s.accelerators[i]?.memoryUsed ?? 0)},"dutyCycle":${int(s.accelerators[i]?.dutyCycle ?? 0)}}`)
      .join(',')}]`;
  }
  out += `,"rootfs":{${fsFields(time, node.fsCapacity, s.rootfsUsed, fsAvailable)}},"logs":{${fsFields(time, node.fsCapacity, s.logsUsed, fsAvailable)}}`;
  if (c.userDefinedMetrics) {
    out += `,"userDefinedMetrics":[{"name":"http_requests_total","type":"cumulative","units":"count","labels":{"handler":"/api"},"time":${time},"value":${Math.floor(s.cpuTotal / 1e7)}},{"name":"queue_depth","type":"gauge","units":"count","time":${time},"value":${Math.round(s.cpuRate / 1e7)}}]`;
  }
  return `${out}}`;
}

function pod(p: PodSnapshot, time: string, node: SimNode, fsAvailable: number, options: SummaryRenderOptions, index: number): string {
  const { pod: sp, sample: s } = p;
  const degradePod = options.missingFields && index % 2 === 1;
  const containers = sp.containers.map((c, i) => container(c, p.containers[i] as ContainerSample, time, node, fsAvailable, options, options.missingFields && i === 0)).join(',');
  let out = `${podHead(sp)},"containers":[${containers}]`;
  if (!degradePod) out += `,"cpu":${cpu(time, s.cpuRate, s.cpuTotal)}`;
  out += `,"memory":${memory(time, undefined, s.memoryUsage, s.workingSet, s.rss, s.pageFaults, s.majorPageFaults)}`;
  if (options.onlyCpuAndMemory) return `${out}}`;
  if (!degradePod) {
    out += `,"network":{"time":${time},${iface('eth0', s.rxBytes, s.rxErrors, s.txBytes, s.txErrors)},"interfaces":[{${iface('eth0', s.rxBytes, s.rxErrors, s.txBytes, s.txErrors)}}]}`;
  }
  const volumes = sp.volumes.map((v, i) => {
    const used = s.volumesUsed[i] ?? 0;
    let tail = volumeTails.get(v);
    if (tail === undefined) {
      const pvc = v.claimName === undefined ? '' : `,"pvcRef":{"name":${q(v.claimName)},"namespace":${q(sp.namespace)}}`;
      tail = `,"name":${q(v.name)}${pvc}}`;
      volumeTails.set(v, tail);
    }
    return `{${fsFields(time, v.capacity, used, v.capacity - used)}${tail}`;
  });
  if (volumes.length > 0) out += `,"volume":[${volumes.join(',')}]`;
  out += `,"ephemeral-storage":{${fsFields(time, node.fsCapacity, s.ephemeralUsed, fsAvailable)}},"process_stats":{"process_count":${int(s.processCount)}}}`;
  return out;
}

/** The Summary JSON of a node snapshot, as a string. */
export function renderSummaryString(snapshot: NodeSnapshot, options: SummaryRenderOptions): string {
  const n = snapshot.node;
  const s = snapshot.sample;
  const time = q(rfc3339(snapshot.time));
  const fsAvailable = n.fsCapacity - s.fsUsed;
  let node = `{"nodeName":${q(n.name)},"systemContainers":${systemContainers(n, s, time, options.onlyCpuAndMemory)},"startTime":${q(rfc3339(n.startTime))},"cpu":${cpu(time, s.cpuRate, s.cpuTotal)}`;
  if (!options.missingFields) node += `,"memory":${memory(time, s.memoryAvailable, s.memoryUsage, s.workingSet, s.rss, s.pageFaults, s.majorPageFaults)}`;
  if (!options.onlyCpuAndMemory) {
    const cni = `{${iface('cni0', s.txBytes * 0.6, 0, s.rxBytes * 0.6, 0)}}`;
    node +=
      `,"network":{"time":${time},${iface('eth0', s.rxBytes, s.rxErrors, s.txBytes, s.txErrors)},"interfaces":[{${iface('eth0', s.rxBytes, s.rxErrors, s.txBytes, s.txErrors)}},${cni}]}` +
      `,"fs":{${fsFields(time, n.fsCapacity, s.fsUsed, fsAvailable)}}` +
      `,"runtime":{"imageFs":{${fsFields(time, n.fsCapacity, s.imageFsUsed, fsAvailable)}},"containerFs":{${fsFields(time, n.fsCapacity, s.imageFsUsed, fsAvailable)}}}` +
      `,"rlimit":{"time":${time},"maxpid":4194304,"curproc":${int(s.processCount)}}`;
  }
  node += '}';
  const pods = snapshot.pods.map((p, i) => pod(p, time, n, fsAvailable, options, i));
  return `{"node":${node},"pods":[${pods.join(',')}]}`;
}
