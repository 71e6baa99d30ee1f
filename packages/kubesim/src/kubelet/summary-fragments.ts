import type { SimAccelerator, SimContainer, SimNode, SimPod, SimSystemContainer, SimVolume } from '../sim/model-types.js';
import { rfc3339 } from '../sim/time-format.js';
import { utf8 } from './byte-writer.js';

/**
 * The pre-encoded pieces of a Summary body. Whatever changes only with the sample time is
 * rebuilt once per sample time (every node of one scrape round shares it); whatever changes
 * only when an object (re)starts is kept beside the model object, weakly, so deleted pods take
 * their bytes with them. Nothing here is written to after it is built: one set serves all.
 */

const INODES_PER_GIB = 65_536;
const GIB = 1_073_741_824;

function q(s: string): string {
  return JSON.stringify(s);
}

/** Fragments that embed the sample time `"time":"…"`; each opens an object or a field. */
export class TimeFragments {
  readonly time: number;
  /** `,"cpu":{"time":T,"usageNanoCores":` */
  readonly cpu: Uint8Array;
  /** `,"memory":{"time":T` */
  readonly memory: Uint8Array;
  /** `,"network":{"time":T,"name":"eth0","rxBytes":` */
  readonly network: Uint8Array;
  /** FsStats openers, each ending in `"time":T,"availableBytes":`. */
  readonly rootfs: Uint8Array;
  readonly logs: Uint8Array;
  readonly ephemeral: Uint8Array;
  readonly volume: Uint8Array;
  readonly nodeFs: Uint8Array;
  readonly imageFs: Uint8Array;
  readonly containerFs: Uint8Array;
  /** `,"rlimit":{"time":T,"maxpid":4194304,"curproc":` */
  readonly rlimit: Uint8Array;
  /** The two user-defined metrics, up to their values. */
  readonly requestsMetric: Uint8Array;
  readonly queueMetric: Uint8Array;

  constructor(time: number) {
    this.time = time;
    const t = q(rfc3339(time));
    const fs = `"time":${t},"availableBytes":`;
    this.cpu = utf8(`,"cpu":{"time":${t},"usageNanoCores":`);
    this.memory = utf8(`,"memory":{"time":${t}`);
    this.network = utf8(`,"network":{"time":${t},"name":"eth0","rxBytes":`);
    this.rootfs = utf8(`,"rootfs":{${fs}`);
    this.logs = utf8(`,"logs":{${fs}`);
    this.ephemeral = utf8(`,"ephemeral-storage":{${fs}`);
    this.volume = utf8(`{${fs}`);
    this.nodeFs = utf8(`,"fs":{${fs}`);
    this.imageFs = utf8(`,"runtime":{"imageFs":{${fs}`);
    this.containerFs = utf8(`,"containerFs":{${fs}`);
    this.rlimit = utf8(`,"rlimit":{"time":${t},"maxpid":4194304,"curproc":`);
    this.requestsMetric = utf8(`,"userDefinedMetrics":[{"name":"http_requests_total","type":"cumulative","units":"count","labels":{"handler":"/api"},"time":${t},"value":`);
    this.queueMetric = utf8(`},{"name":"queue_depth","type":"gauge","units":"count","time":${t},"value":`);
  }
}

let lastTime: TimeFragments | undefined;

/** The fragments of sample time `time` (one entry: a scrape round asks for the same time). */
export function timeFragments(time: number): TimeFragments {
  if (lastTime === undefined || lastTime.time !== time) lastTime = new TimeFragments(time);
  return lastTime;
}

/** What a filesystem's capacity fixes in FsStats: the capacity and the inode count. */
export class CapacityFragments {
  readonly inodes: number;
  /** `,"capacityBytes":C,"usedBytes":` */
  readonly capacity: Uint8Array;
  /** `,"inodes":N,"inodesUsed":` */
  readonly inodesTail: Uint8Array;

  constructor(capacityBytes: number) {
    this.inodes = Math.max(1, Math.floor((capacityBytes / GIB) * INODES_PER_GIB));
    this.capacity = utf8(`,"capacityBytes":${String(Math.max(0, Math.round(capacityBytes)))},"usedBytes":`);
    this.inodesTail = utf8(`,"inodes":${String(this.inodes)},"inodesUsed":`);
  }
}

/** Filesystems share a handful of sizes: one set of fragments per size (a bounded cache). */
const capacities = new Map<number, CapacityFragments>();
const MAX_CAPACITIES = 1024;

export function capacityFragments(capacityBytes: number): CapacityFragments {
  let f = capacities.get(capacityBytes);
  if (f === undefined) {
    f = new CapacityFragments(capacityBytes);
    if (capacities.size < MAX_CAPACITIES) capacities.set(capacityBytes, f);
  }
  return f;
}

interface Stamped {
  readonly startTime: number;
  readonly bytes: Uint8Array;
}

/** Per node: the opening, the fs capacity, and what depends on the node's start time. */
export interface NodeFragments {
  /** `{"node":{"nodeName":"…","systemContainers":[` */
  readonly open: Uint8Array;
  readonly fs: CapacityFragments;
  readonly startTime: number;
  /** `{"name":"pods","startTime":"…"` (the pods cgroup started with the node). */
  readonly podsContainer: Uint8Array;
  /** `],"startTime":"…"` closing systemContainers. */
  readonly nodeStart: Uint8Array;
  /** The pods' fragments in the order the last snapshot listed them (see podFragmentsAt). */
  readonly pods: PodFragments[];
}

const nodes = new WeakMap<SimNode, NodeFragments>();

export function nodeFragments(n: SimNode): NodeFragments {
  let f = nodes.get(n);
  if (f === undefined || f.startTime !== n.startTime) {
    const start = q(rfc3339(n.startTime));
    f = {
      open: f?.open ?? utf8(`{"node":{"nodeName":${q(n.name)},"systemContainers":[`),
      fs: f?.fs ?? capacityFragments(n.fsCapacity),
      startTime: n.startTime,
      podsContainer: utf8(`{"name":"pods","startTime":${start}`),
      nodeStart: utf8(`],"startTime":${start}`),
      pods: f?.pods ?? [],
    };
    nodes.set(n, f);
  }
  return f;
}

const systemHeads = new WeakMap<SimSystemContainer, Stamped>();

/** `{"name":"kubelet","startTime":"…"` */
export function systemContainerHead(c: SimSystemContainer): Uint8Array {
  let head = systemHeads.get(c);
  if (head === undefined || head.startTime !== c.startTime) {
    head = { startTime: c.startTime, bytes: utf8(`{"name":${q(c.name)},"startTime":${q(rfc3339(c.startTime))}`) };
    systemHeads.set(c, head);
  }
  return head.bytes;
}

/** A container's `{"name":"…","startTime":"…"`, for the container object it was made from. */
interface ContainerHead extends Stamped {
  readonly container: SimContainer;
}

/** A volume's capacity and its closing `,"name":…[,"pvcRef":…]}`. */
export interface VolumeFragments {
  readonly volume: SimVolume;
  readonly fs: CapacityFragments;
  readonly tail: Uint8Array;
}

/**
 * Everything fixed about a pod between restarts, behind one lookup per pod (a WeakMap lookup
 * per container and volume cost more than writing their bytes).
 */
export class PodFragments {
  readonly pod: SimPod;
  readonly startTime: number;
  /** `{"podRef":{…},"startTime":"…","containers":[` */
  readonly head: Uint8Array;
  private readonly containers: ContainerHead[] = [];
  private readonly volumes: VolumeFragments[] = [];

  constructor(p: SimPod) {
    this.pod = p;
    this.startTime = p.startTime;
    this.head = utf8(`{"podRef":{"name":${q(p.name)},"namespace":${q(p.namespace)},"uid":${q(p.uid)}},"startTime":${q(rfc3339(p.startTime))},"containers":[`);
  }

  /** `{"name":"…","startTime":"…"` of the pod's i-th container (rebuilt after a restart). */
  containerHead(i: number, c: SimContainer): Uint8Array {
    let head = this.containers[i];
    if (head === undefined || head.container !== c || head.startTime !== c.startTime) {
      head = { container: c, startTime: c.startTime, bytes: utf8(`{"name":${q(c.name)},"startTime":${q(rfc3339(c.startTime))}`) };
      this.containers[i] = head;
    }
    return head.bytes;
  }

  volume(i: number, v: SimVolume, namespace: string): VolumeFragments {
    let f = this.volumes[i];
    if (f === undefined || f.volume !== v) {
      const pvc = v.claimName === undefined ? '' : `,"pvcRef":{"name":${q(v.claimName)},"namespace":${q(namespace)}}`;
      f = { volume: v, fs: capacityFragments(v.capacity), tail: utf8(`,"name":${q(v.name)}${pvc}}`) };
      this.volumes[i] = f;
    }
    return f;
  }
}

const pods = new WeakMap<SimPod, PodFragments>();

/**
 * The fragments of `p`, listed at `index` in its node's snapshot. A node's running pods keep
 * their order between scrapes, so the node's array answers almost always; the WeakMap (a
 * lookup that costs more than the pod's bytes) only when pods came or went.
 */
export function podFragmentsAt(nf: NodeFragments, index: number, p: SimPod): PodFragments {
  let f = nf.pods[index];
  if (f !== undefined && f.pod === p && f.startTime === p.startTime) return f;
  f = pods.get(p);
  if (f === undefined || f.startTime !== p.startTime) {
    f = new PodFragments(p);
    pods.set(p, f);
  }
  nf.pods[index] = f;
  return f;
}

/** Forgets positions past the node's current pod count (so gone pods are not kept alive). */
export function trimPodFragments(nf: NodeFragments, count: number): void {
  if (nf.pods.length > count) nf.pods.length = count;
}

const acceleratorHeads = new WeakMap<SimAccelerator, Uint8Array>();

/** `{"make":…,"model":…,"id":…,"memoryTotal":N,"memoryUsed":` */
export function acceleratorHead(a: SimAccelerator): Uint8Array {
  let head = acceleratorHeads.get(a);
  if (head === undefined) {
    head = utf8(`{"make":${q(a.make)},"model":${q(a.model)},"id":${q(a.id)},"memoryTotal":${String(Math.max(0, Math.round(a.memoryTotal)))},"memoryUsed":`);
    acceleratorHeads.set(a, head);
  }
  return head;
}
