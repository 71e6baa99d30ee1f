/**
 * The Summary fast path: reads `/stats/summary` bytes straight into recycled objects of the
 * shapes the writer takes, checking exactly what validateSummary checks. Whatever it is not sure
 * of (see JsonCursor) makes it give up, and decodeSummary takes the general path — so a body
 * decodes to the same rows either way, and errors always come from the validator.
 */
import { StringTable } from '@heapster/model';
import { BAIL, Bail, JsonCursor, keyBytes, type KnownStrings } from '../decode/json-cursor.js';
import { TimeParser } from '../decode/rfc3339.js';
import {
  type ContainerScratch,
  type CpuScratch,
  type FsScratch,
  type InterfaceScratch,
  type MemoryScratch,
  type NetworkScratch,
  type NodeScratch,
  type PodScratch,
  SummaryScratch,
  type VolumeScratch,
} from './summary-scratch.js';
import type { AcceleratorStats, UserDefinedMetric } from './summary-types.js';

// Keys in the order of the Go structs (k8s.io/kubelet/pkg/apis/stats/v1alpha1), which is the
// order kubelets write them in: each lookup is tried at the index after the previous key first.
// Fields the writer ignores are listed too (and skipped), so that they keep the guess in step.
const keys = (...names: string[]): readonly Uint8Array[] => names.map(keyBytes);
const ROOT = keys('node', 'pods');
const NODE = keys('nodeName', 'systemContainers', 'startTime', 'cpu', 'memory', 'network', 'fs');
const POD = keys(
  'podRef',
  'startTime',
  'containers',
  'cpu',
  'memory',
  'network',
  'volume',
  'ephemeral-storage',
  'process_stats',
);
const POD_REF = keys('name', 'namespace', 'uid');
const CONTAINER = keys(
  'name',
  'startTime',
  'cpu',
  'memory',
  'accelerators',
  'rootfs',
  'logs',
  'userDefinedMetrics',
);
const CPU = keys('time', 'usageNanoCores', 'usageCoreNanoSeconds');
const MEMORY = keys(
  'time',
  'availableBytes',
  'usageBytes',
  'workingSetBytes',
  'rssBytes',
  'pageFaults',
  'majorPageFaults',
);
const NETWORK = keys('time', 'name', 'rxBytes', 'rxErrors', 'txBytes', 'txErrors', 'interfaces');
const FS = keys(
  'time',
  'availableBytes',
  'capacityBytes',
  'usedBytes',
  'inodesFree',
  'inodes',
  'inodesUsed',
  'name',
);
const ACCELERATOR = keys('make', 'model', 'id', 'memoryTotal', 'memoryUsed', 'dutyCycle');
const NO_KEYS: readonly Uint8Array[] = [];
const USER_METRIC = keys('name', 'type', 'units', 'labels', 'time', 'value');

const MAX_INTERFACE_NAMES = 64;
const NO_TIME = new Uint8Array([0x22]);

const OBJECT = 0x7b;
const OBJECT_END = 0x7d;
const ARRAY = 0x5b;
const ARRAY_END = 0x5d;

export class FastSummaryReader {
  private readonly _in = new JsonCursor();
  private readonly _summary = new SummaryScratch();
  private readonly _times = new TimeParser();
  // The last two time texts by their bytes: a summary repeats the same few instants thousands
  // of times, so most times cost a byte comparison instead of a string and a parse.
  // Until two are read the slots hold a lone quote, which no string's bytes can equal (an empty
  // slot would take `""` for a time, where the validator refuses it).
  private _timeBytes0: Uint8Array = NO_TIME;
  private _timeText0 = '';
  private _timeBytes1: Uint8Array = NO_TIME;
  private _timeText1 = '';
  private _names: KnownStrings | undefined;
  // The last start time read: a pod's containers usually started with it. Start times are not
  // kept in the two slots above, where each pod's own would push out the instants they hold.
  private _startText = '';
  // Interface names ("eth0", "cni0"): a handful per cluster, read on every pod.
  private readonly _interfaceNames = new StringTable();

  /**
   * The summary in `bytes`, or undefined when the fast path cannot vouch for it. The result is
   * recycled by the next call: write it into the batch before reading another body. Names found
   * in `names` (the batch's string table) are returned as its strings.
   */
  read(bytes: Uint8Array, names?: KnownStrings): SummaryScratch | undefined {
    const summary = this._summary;
    summary.clear();
    this._in.reset(bytes);
    this._names = names;
    try {
      this._root(summary);
      return summary;
    } catch (error) {
      if (error instanceof Bail) return undefined;
      throw error;
    } finally {
      this._names = undefined;
    }
  }

  private _root(summary: SummaryScratch): void {
    const json = this._in;
    let sawNode = false;
    json.expect(OBJECT);
    if (json.firstMember(OBJECT_END)) {
      do {
        switch (json.readKey(ROOT, 0)) {
          case 0:
            this._node(summary.node);
            sawNode = true;
            break;
          case 1:
            summary.pods = this._pods(summary);
            break;
          default:
            json.skipValue();
        }
      } while (json.nextMember(OBJECT_END));
    }
    if (!sawNode || !json.atEnd()) throw BAIL;
  }

  private _node(node: NodeScratch): void {
    const json = this._in;
    node.clear();
    json.expect(OBJECT);
    if (!json.firstMember(OBJECT_END)) return;
    let key = -1;
    do {
      key = json.readKey(NODE, key + 1);
      switch (key) {
        case 1:
          node.systemContainers = this._containers(node.systemPool);
          break;
        case 2:
          node.startTime = this._startTime();
          break;
        case 3:
          node.cpu = this._cpu(node.cpuSlot);
          break;
        case 4:
          node.memory = this._memory(node.memorySlot);
          break;
        case 5:
          node.network = this._network(node.networkSlot);
          break;
        case 6:
          node.fs = this._fs(node.fsSlot);
          break;
        default:
          json.skipValue();
      }
    } while (json.nextMember(OBJECT_END));
  }

  private _pods(summary: SummaryScratch): PodScratch[] | undefined {
    const json = this._in;
    const pool = summary.podPool;
    pool.clear();
    if (json.readNull()) return undefined;
    json.expect(ARRAY);
    if (json.firstMember(ARRAY_END)) {
      do this._pod(pool.next());
      while (json.nextMember(ARRAY_END));
    }
    return pool.items;
  }

  private _pod(pod: PodScratch): void {
    const json = this._in;
    pod.clear();
    let sawRef = false;
    json.expect(OBJECT);
    if (json.firstMember(OBJECT_END)) {
      let key = -1;
      do {
        key = json.readKey(POD, key + 1);
        switch (key) {
          case 0:
            this._podRef(pod);
            sawRef = true;
            break;
          case 1:
            pod.startTime = this._startTime();
            break;
          case 2:
            pod.containers = this._containers(pod.containerPool);
            break;
          case 3:
            pod.cpu = this._cpu(pod.cpuSlot);
            break;
          case 4:
            pod.memory = this._memory(pod.memorySlot);
            break;
          case 5:
            pod.network = this._network(pod.networkSlot);
            break;
          case 6:
            pod.volume = this._volumes(pod);
            break;
          case 7:
            pod['ephemeral-storage'] = this._fs(pod.ephemeralSlot);
            break;
          default:
            json.skipValue();
        }
      } while (json.nextMember(OBJECT_END));
    }
    if (!sawRef) throw BAIL;
  }

  private _podRef(pod: PodScratch): void {
    const json = this._in;
    const ref = pod.podRef;
    ref.name = '';
    ref.namespace = '';
    ref.uid = undefined;
    ref.nameId = -1;
    ref.namespaceId = -1;
    ref.uidId = -1;
    json.expect(OBJECT);
    if (json.firstMember(OBJECT_END)) {
      let key = -1;
      do {
        key = json.readKey(POD_REF, key + 1);
        switch (key) {
          case 0:
            ref.name = json.readName(this._names);
            ref.nameId = json.lastNameId;
            break;
          case 1:
            ref.namespace = json.readName(this._names);
            ref.namespaceId = json.lastNameId;
            break;
          case 2:
            ref.uid = json.readOptionalName(this._names);
            ref.uidId = ref.uid === undefined ? -1 : json.lastNameId;
            break;
          default:
            json.skipValue();
        }
      } while (json.nextMember(OBJECT_END));
    }
    if (ref.name === '' || ref.namespace === '') throw BAIL;
  }

  private _containers(pool: PodScratch['containerPool']): ContainerScratch[] | undefined {
    const json = this._in;
    pool.clear();
    if (json.readNull()) return undefined;
    json.expect(ARRAY);
    if (json.firstMember(ARRAY_END)) {
      do this._container(pool.next());
      while (json.nextMember(ARRAY_END));
    }
    return pool.items;
  }

  private _container(container: ContainerScratch): void {
    const json = this._in;
    container.clear();
    json.expect(OBJECT);
    if (json.firstMember(OBJECT_END)) {
      let key = -1;
      do {
        key = json.readKey(CONTAINER, key + 1);
        switch (key) {
          case 0:
            container.name = json.readName(this._names);
            container.nameId = json.lastNameId;
            break;
          case 1:
            container.startTime = this._startTime();
            break;
          case 2:
            container.cpu = this._cpu(container.cpuSlot);
            break;
          case 3:
            container.memory = this._memory(container.memorySlot);
            break;
          case 4:
            container.accelerators = this._accelerators();
            break;
          case 5:
            container.rootfs = this._fs(container.rootfsSlot);
            break;
          case 6:
            container.logs = this._fs(container.logsSlot);
            break;
          case 7:
            container.userDefinedMetrics = this._userDefinedMetrics();
            break;
          default:
            json.skipValue();
        }
      } while (json.nextMember(OBJECT_END));
    }
    if (container.name === '') throw BAIL;
  }

  private _cpu(cpu: CpuScratch): CpuScratch | undefined {
    const json = this._in;
    if (json.readNull()) return undefined;
    cpu.clear();
    json.expect(OBJECT);
    if (!json.firstMember(OBJECT_END)) return cpu;
    let key = -1;
    do {
      key = json.readKey(CPU, key + 1);
      switch (key) {
        case 0:
          cpu.time = this._time();
          break;
        case 1:
          cpu.usageNanoCores = json.readUint();
          break;
        case 2:
          cpu.usageCoreNanoSeconds = json.readUint();
          break;
        default:
          json.skipValue();
      }
    } while (json.nextMember(OBJECT_END));
    return cpu;
  }

  private _memory(memory: MemoryScratch): MemoryScratch | undefined {
    const json = this._in;
    if (json.readNull()) return undefined;
    memory.clear();
    json.expect(OBJECT);
    if (!json.firstMember(OBJECT_END)) return memory;
    let key = -1;
    do {
      key = json.readKey(MEMORY, key + 1);
      if (key === 0) memory.time = this._time();
      else if (key === 2) memory.usageBytes = json.readUint();
      else if (key === 3) memory.workingSetBytes = json.readUint();
      else if (key === 4) memory.rssBytes = json.readUint();
      else if (key === 5) memory.pageFaults = json.readUint();
      else if (key === 6) memory.majorPageFaults = json.readUint();
      else json.skipValue();
    } while (json.nextMember(OBJECT_END));
    return memory;
  }

  private _network(network: NetworkScratch): NetworkScratch | undefined {
    const json = this._in;
    if (json.readNull()) return undefined;
    network.clear();
    json.expect(OBJECT);
    if (!json.firstMember(OBJECT_END)) return network;
    let key = -1;
    do {
      key = json.readKey(NETWORK, key + 1);
      if (key === 0) network.time = this._time();
      else if (key === 6) network.interfaces = this._interfaces(network);
      else this._interfaceField(network, key);
    } while (json.nextMember(OBJECT_END));
    return network;
  }

  private _interfaces(network: NetworkScratch): InterfaceScratch[] | undefined {
    const json = this._in;
    const pool = network.interfacePool;
    pool.clear();
    if (json.readNull()) return undefined;
    json.expect(ARRAY);
    if (json.firstMember(ARRAY_END)) {
      do {
        const entry = pool.next();
        entry.clear();
        json.expect(OBJECT);
        if (!json.firstMember(OBJECT_END)) continue;
        let key = 0;
        do {
          key = json.readKey(NETWORK, key + 1);
          // `time` and `interfaces` are not fields of an interface: ignored like any other.
          this._interfaceField(entry, key);
        } while (json.nextMember(OBJECT_END));
      } while (json.nextMember(ARRAY_END));
    }
    return pool.items;
  }

  /** One of NETWORK's interface fields (name and counters), or a field to skip. */
  private _interfaceField(entry: InterfaceScratch, key: number): void {
    const json = this._in;
    if (key === 1) entry.name = this._interfaceName();
    else if (key === 2) entry.rxBytes = json.readUint();
    else if (key === 3) entry.rxErrors = json.readUint();
    else if (key === 4) entry.txBytes = json.readUint();
    else if (key === 5) entry.txErrors = json.readUint();
    else json.skipValue();
  }

  private _fs(fs: FsScratch): FsScratch | undefined {
    if (this._in.readNull()) return undefined;
    fs.clear();
    this._fsFields(fs, undefined);
    return fs;
  }

  private _volumes(pod: PodScratch): VolumeScratch[] | undefined {
    const json = this._in;
    const pool = pod.volumePool;
    pool.clear();
    if (json.readNull()) return undefined;
    json.expect(ARRAY);
    if (json.firstMember(ARRAY_END)) {
      do {
        const volume = pool.next();
        volume.clear();
        this._fsFields(volume, volume);
        if (volume.name === undefined || volume.name === '') throw BAIL;
      } while (json.nextMember(ARRAY_END));
    }
    return pool.items;
  }

  /** The fields validateSummary checks on a filesystem; a volume also has its name read. */
  private _fsFields(fs: FsScratch, volume: VolumeScratch | undefined): void {
    const json = this._in;
    json.expect(OBJECT);
    if (!json.firstMember(OBJECT_END)) return;
    let key = -1;
    do {
      key = json.readKey(FS, key + 1);
      if (key === 1) fs.availableBytes = json.readUint();
      else if (key === 2) fs.capacityBytes = json.readUint();
      else if (key === 3) fs.usedBytes = json.readUint();
      else if (key === 4) fs.inodesFree = json.readUint();
      else if (key === 5) fs.inodes = json.readUint();
      else if (key === 7 && volume !== undefined) volume.name = json.readString();
      else json.skipValue();
    } while (json.nextMember(OBJECT_END));
  }

  private _accelerators(): AcceleratorStats[] | undefined {
    const json = this._in;
    if (json.readNull()) return undefined;
    const list: AcceleratorStats[] = [];
    json.expect(ARRAY);
    if (!json.firstMember(ARRAY_END)) return list;
    do {
      let make: string | undefined;
      let model: string | undefined;
      let id: string | undefined;
      let memoryTotal: number | undefined;
      let memoryUsed: number | undefined;
      let dutyCycle: number | undefined;
      json.expect(OBJECT);
      if (json.firstMember(OBJECT_END)) {
        let key = -1;
        do {
          key = json.readKey(ACCELERATOR, key + 1);
          if (key === 0) make = json.readOptionalString();
          else if (key === 1) model = json.readOptionalString();
          else if (key === 2) id = json.readOptionalString();
          else if (key === 3) memoryTotal = json.readUint();
          else if (key === 4) memoryUsed = json.readUint();
          else if (key === 5) dutyCycle = json.readUint();
          else json.skipValue();
        } while (json.nextMember(OBJECT_END));
      }
      list.push({ make, model, id, memoryTotal, memoryUsed, dutyCycle });
    } while (json.nextMember(ARRAY_END));
    return list;
  }

  /** Checked as validateSummary checks them: a name, a string type, a finite value, string labels. */
  private _userDefinedMetrics(): UserDefinedMetric[] | undefined {
    const json = this._in;
    if (json.readNull()) return undefined;
    const list: UserDefinedMetric[] = [];
    json.expect(ARRAY);
    if (!json.firstMember(ARRAY_END)) return list;
    do {
      let name = '';
      let type: string | undefined;
      let labels: Record<string, string | null> | null | undefined;
      let value: number | null | undefined;
      json.expect(OBJECT);
      if (json.firstMember(OBJECT_END)) {
        let key = -1;
        do {
          key = json.readKey(USER_METRIC, key + 1);
          if (key === 0) name = json.readString();
          else if (key === 1) type = json.readOptionalString();
          else if (key === 3) labels = this._labels();
          else if (key === 5) value = json.readOptionalFloat();
          else json.skipValue();
        } while (json.nextMember(OBJECT_END));
      }
      if (name === '') throw BAIL;
      list.push({ name, type, labels: labels as UserDefinedMetric['labels'], value });
    } while (json.nextMember(ARRAY_END));
    return list;
  }

  /** A string map (null values allowed, as the validator allows them); built as JSON.parse would. */
  private _labels(): Record<string, string | null> | null {
    const json = this._in;
    if (json.readNull()) return null;
    const labels: Record<string, string | null> = {};
    json.expect(OBJECT);
    if (!json.firstMember(OBJECT_END)) return labels;
    do {
      json.readKey(NO_KEYS);
      const key = json.lastString();
      // Assignment to __proto__ would set the prototype, where JSON.parse makes a property.
      if (key === '__proto__') throw BAIL;
      labels[key] = json.readOptionalString() ?? null;
    } while (json.nextMember(OBJECT_END));
    return labels;
  }

  /** A start time (RFC 3339) or null; a new string unless it is the last one read. */
  private _startTime(): string | undefined {
    const json = this._in;
    if (json.readNull()) return undefined;
    json.scanString();
    if (this._startText !== '' && json.sameAsLastString(this._startText)) return this._startText;
    if (!json.lastStringAscii) throw BAIL; // RFC 3339 is ASCII; let the validator say so
    const text = json.lastString();
    if (Number.isNaN(this._times.parse(text))) throw BAIL;
    this._startText = text;
    return text;
  }

  /** An interface name, from the reader's own small table when it is a known one. */
  private _interfaceName(): string | undefined {
    const json = this._in;
    if (json.readNull()) return undefined;
    const names = this._interfaceNames;
    const name = json.readName(names);
    // Bounded: a kubelet inventing names would otherwise grow the table without end.
    if (names.size < MAX_INTERFACE_NAMES && json.lastStringAscii) names.intern(name);
    return name;
  }

  /** An RFC 3339 time or null (undefined); anything the time parser refuses bails. */
  private _time(): string | undefined {
    const json = this._in;
    if (json.readNull()) return undefined;
    if (json.readStringEquals(this._timeBytes0)) return this._timeText0;
    if (json.sameAsLast(this._timeBytes1)) {
      const bytes = this._timeBytes1;
      const text = this._timeText1;
      this._timeBytes1 = this._timeBytes0;
      this._timeText1 = this._timeText0;
      this._timeBytes0 = bytes;
      this._timeText0 = text;
      return text;
    }
    if (!json.lastStringAscii) throw BAIL; // RFC 3339 is ASCII; let the validator say so
    const text = json.lastString();
    if (Number.isNaN(this._times.parse(text))) throw BAIL;
    this._timeBytes1 = this._timeBytes0;
    this._timeText1 = this._timeText0;
    this._timeBytes0 = json.lastStringBytes();
    this._timeText0 = text;
    return text;
  }
}
