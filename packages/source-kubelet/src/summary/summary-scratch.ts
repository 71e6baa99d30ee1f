/**
 * Reusable objects in the shapes of summary-types.ts, filled by the fast Summary reader and
 * handed to the same writer the general path uses. They are recycled from body to body (a
 * kubelet's summary is written into the batch before the next one is read), so decoding a node
 * allocates strings but no per-pod objects. `undefined` stands for Go's nil pointer.
 */
import type {
  AcceleratorStats,
  ContainerStats,
  CpuStats,
  FsStats,
  InterfaceStats,
  MemoryStats,
  NetworkStats,
  NodeStats,
  PodReference,
  PodStats,
  Summary,
  UserDefinedMetric,
  VolumeStats,
} from './summary-types.js';

/** NaN for absent (stats-writer's `present`): the field stays a double and is updated in place. */
type Uint = number;
type Time = string | undefined;

/**
 * A growable list of recycled items: `next()` hands out the items one by one after `clear()`,
 * `items` is the list of those handed out. The array itself is kept too: truncating it to empty
 * on every clear (V8 then drops its storage) and growing it again cost an allocation per pod and
 * per interface list, most of the reader's garbage; it only shrinks when fewer are used.
 */
export class Pool<T> {
  private readonly _items: T[] = [];
  private readonly _spare: T[] = [];
  private _used = 0;

  constructor(private readonly _create: () => T) {}

  /** The items handed out since clear(), in order; the same array each time (do not keep it). */
  get items(): T[] {
    while (this._items.length > this._used) this._spare.push(this._items.pop() as T);
    return this._items;
  }

  clear(): void {
    this._used = 0;
  }

  next(): T {
    if (this._used < this._items.length) return this._items[this._used++] as T;
    const item = this._spare.pop() ?? this._create();
    this._items.push(item);
    this._used++;
    return item;
  }
}

export class CpuScratch implements CpuStats {
  time: Time;
  usageNanoCores: Uint = Number.NaN;
  usageCoreNanoSeconds: Uint = Number.NaN;

  clear(): void {
    this.time = undefined;
    this.usageNanoCores = Number.NaN;
    this.usageCoreNanoSeconds = Number.NaN;
  }
}

export class MemoryScratch implements MemoryStats {
  time: Time;
  usageBytes: Uint = Number.NaN;
  workingSetBytes: Uint = Number.NaN;
  rssBytes: Uint = Number.NaN;
  pageFaults: Uint = Number.NaN;
  majorPageFaults: Uint = Number.NaN;

  clear(): void {
    this.time = undefined;
    this.usageBytes = Number.NaN;
    this.workingSetBytes = Number.NaN;
    this.rssBytes = Number.NaN;
    this.pageFaults = Number.NaN;
    this.majorPageFaults = Number.NaN;
  }
}

export class InterfaceScratch implements InterfaceStats {
  name: string | undefined;
  rxBytes: Uint = Number.NaN;
  rxErrors: Uint = Number.NaN;
  txBytes: Uint = Number.NaN;
  txErrors: Uint = Number.NaN;

  clear(): void {
    this.name = undefined;
    this.rxBytes = Number.NaN;
    this.rxErrors = Number.NaN;
    this.txBytes = Number.NaN;
    this.txErrors = Number.NaN;
  }
}

export class NetworkScratch extends InterfaceScratch implements NetworkStats {
  time: Time;
  interfaces: InterfaceScratch[] | undefined;
  readonly interfacePool = new Pool(() => new InterfaceScratch());

  override clear(): void {
    super.clear();
    this.time = undefined;
    this.interfaces = undefined;
    this.interfacePool.clear();
  }
}

export class FsScratch implements FsStats {
  availableBytes: Uint = Number.NaN;
  capacityBytes: Uint = Number.NaN;
  usedBytes: Uint = Number.NaN;
  inodesFree: Uint = Number.NaN;
  inodes: Uint = Number.NaN;

  clear(): void {
    this.availableBytes = Number.NaN;
    this.capacityBytes = Number.NaN;
    this.usedBytes = Number.NaN;
    this.inodesFree = Number.NaN;
    this.inodes = Number.NaN;
  }
}

export class VolumeScratch extends FsScratch implements VolumeStats {
  name: string | undefined;

  override clear(): void {
    super.clear();
    this.name = undefined;
  }
}

/** One place per optional stats object, so that absent (undefined) and present never alias. */
class StatsSlots {
  readonly cpuSlot = new CpuScratch();
  readonly memorySlot = new MemoryScratch();
}

export class ContainerScratch extends StatsSlots implements ContainerStats {
  name = '';
  /** The id the reader found `name` under in the batch's strings, or -1 (see knownId). */
  nameId = -1;
  startTime: Time;
  cpu: CpuScratch | undefined;
  memory: MemoryScratch | undefined;
  rootfs: FsScratch | undefined;
  logs: FsScratch | undefined;
  /** Rare (GPU containers): plain objects, not recycled. */
  accelerators: AcceleratorStats[] | undefined;
  /** Plain objects, not recycled: only some containers export their own metrics. */
  userDefinedMetrics: UserDefinedMetric[] | undefined;
  readonly rootfsSlot = new FsScratch();
  readonly logsSlot = new FsScratch();

  clear(): void {
    this.name = '';
    this.nameId = -1;
    this.startTime = undefined;
    this.cpu = undefined;
    this.memory = undefined;
    this.rootfs = undefined;
    this.logs = undefined;
    this.accelerators = undefined;
    this.userDefinedMetrics = undefined;
  }
}

export class PodRefScratch implements PodReference {
  name = '';
  namespace = '';
  uid: string | undefined;
  /** The ids the reader found the names under in the batch's strings, or -1 (see knownId). */
  nameId = -1;
  namespaceId = -1;
  uidId = -1;
}

export class PodScratch extends StatsSlots implements PodStats {
  readonly podRef = new PodRefScratch();
  startTime: Time;
  containers: ContainerScratch[] | undefined;
  cpu: CpuScratch | undefined;
  memory: MemoryScratch | undefined;
  network: NetworkScratch | undefined;
  volume: VolumeScratch[] | undefined;
  'ephemeral-storage': FsScratch | undefined;
  readonly containerPool = new Pool(() => new ContainerScratch());
  readonly volumePool = new Pool(() => new VolumeScratch());
  readonly networkSlot = new NetworkScratch();
  readonly ephemeralSlot = new FsScratch();

  clear(): void {
    this.podRef.name = '';
    this.podRef.namespace = '';
    this.podRef.uid = undefined;
    this.podRef.nameId = -1;
    this.podRef.namespaceId = -1;
    this.podRef.uidId = -1;
    this.startTime = undefined;
    this.containers = undefined;
    this.cpu = undefined;
    this.memory = undefined;
    this.network = undefined;
    this.volume = undefined;
    this['ephemeral-storage'] = undefined;
    this.containerPool.clear();
    this.volumePool.clear();
  }
}

export class NodeScratch extends StatsSlots implements NodeStats {
  systemContainers: ContainerScratch[] | undefined;
  startTime: Time;
  cpu: CpuScratch | undefined;
  memory: MemoryScratch | undefined;
  network: NetworkScratch | undefined;
  fs: FsScratch | undefined;
  readonly systemPool = new Pool(() => new ContainerScratch());
  readonly networkSlot = new NetworkScratch();
  readonly fsSlot = new FsScratch();

  clear(): void {
    this.systemContainers = undefined;
    this.startTime = undefined;
    this.cpu = undefined;
    this.memory = undefined;
    this.network = undefined;
    this.fs = undefined;
    this.systemPool.clear();
  }
}

export class SummaryScratch implements Summary {
  readonly node = new NodeScratch();
  pods: PodScratch[] | undefined;
  readonly podPool = new Pool(() => new PodScratch());

  clear(): void {
    this.node.clear();
    this.pods = undefined;
    this.podPool.clear();
  }
}
