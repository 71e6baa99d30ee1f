/**
 * The main thread's half of summary-tape.ts: rebuilds the reader's recycled objects from a tape
 * (in the order SummaryTapeEncoder wrote it), for the same writer. Names are looked up in the
 * batch's strings by their bytes in the shared body, as the fast reader does.
 */
import type { KnownStrings } from '../decode/json-cursor.js';
import type { AcceleratorStats, UserDefinedMetric } from '../summary/summary-types.js';
import {
  type ContainerScratch,
  type CpuScratch,
  type FsScratch,
  type InterfaceScratch,
  type MemoryScratch,
  type NetworkScratch,
  type Pool,
  SummaryScratch,
} from '../summary/summary-scratch.js';
import { ABSENT, NAME_AS_STRING, type SummaryTape } from './summary-tape.js';

/** Thrown for a name the fast reader would have refused (empty): decode the body itself. */
class EmptyName extends Error {}
const EMPTY_NAME = new EmptyName('empty name');

interface LatinBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
}

export class SummaryTapeDecoder {
  private readonly _summary = new SummaryScratch();
  private _numbers: Float64Array = new Float64Array(0);
  private _at = 0;
  private _strings: readonly string[] = [];
  private _objects: readonly unknown[] = [];
  private _bytes: LatinBuffer = Buffer.alloc(0) as LatinBuffer;
  private _names: KnownStrings | undefined;
  /** The id the last name was found under in `names`, or -1. */
  private _nameId = -1;

  /**
   * The summary on `tape`, whose names are ranges of `body`; undefined when the fast reader
   * would have given up (the caller then decodes the body the general way). Recycled by the
   * next call.
   */
  decode(tape: SummaryTape, body: Uint8Array, names?: KnownStrings): SummaryScratch | undefined {
    const summary = this._summary;
    summary.clear();
    this._numbers = tape.numbers;
    this._at = 0;
    this._strings = tape.strings;
    this._objects = tape.objects;
    this._bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength) as LatinBuffer;
    this._names = names;
    try {
      const node = summary.node;
      node.clear();
      node.systemContainers = this._containers(node.systemPool);
      node.startTime = this._string();
      node.cpu = this._cpu(node.cpuSlot);
      node.memory = this._memory(node.memorySlot);
      node.network = this._network(node.networkSlot);
      node.fs = this._fs(node.fsSlot);
      summary.pods = this._pods(summary.podPool);
      return summary;
    } catch (error) {
      if (error instanceof EmptyName) return undefined;
      throw error;
    } finally {
      this._names = undefined;
      this._objects = [];
    }
  }

  private _next(): number {
    return this._numbers[this._at++] as number;
  }

  private _pods(pool: SummaryScratch['podPool']): SummaryScratch['pods'] {
    pool.clear();
    const count = this._next();
    if (count === ABSENT) return undefined;
    for (let i = 0; i < count; i++) {
      const pod = pool.next();
      pod.clear();
      const ref = pod.podRef;
      ref.name = this._name(true);
      ref.nameId = this._nameId;
      ref.namespace = this._name(true);
      ref.namespaceId = this._nameId;
      if (this._next() !== ABSENT) {
        ref.uid = this._name(false);
        ref.uidId = this._nameId;
      }
      pod.startTime = this._string();
      pod.containers = this._containers(pod.containerPool);
      pod.cpu = this._cpu(pod.cpuSlot);
      pod.memory = this._memory(pod.memorySlot);
      pod.network = this._network(pod.networkSlot);
      const volumes = this._next();
      if (volumes !== ABSENT) {
        const volumePool = pod.volumePool;
        for (let v = 0; v < volumes; v++) {
          const volume = volumePool.next();
          volume.clear();
          volume.name = this._string();
          this._fsFields(volume);
        }
        pod.volume = volumePool.items;
      }
      pod['ephemeral-storage'] = this._fs(pod.ephemeralSlot);
    }
    return pool.items;
  }

  private _containers(pool: Pool<ContainerScratch>): ContainerScratch[] | undefined {
    pool.clear();
    const count = this._next();
    if (count === ABSENT) return undefined;
    for (let i = 0; i < count; i++) {
      const c = pool.next();
      c.clear();
      c.name = this._name(true);
      c.nameId = this._nameId;
      c.startTime = this._string();
      c.cpu = this._cpu(c.cpuSlot);
      c.memory = this._memory(c.memorySlot);
      c.accelerators = this._object() as AcceleratorStats[] | undefined;
      c.rootfs = this._fs(c.rootfsSlot);
      c.logs = this._fs(c.logsSlot);
      c.userDefinedMetrics = this._object() as UserDefinedMetric[] | undefined;
    }
    return pool.items;
  }

  /** A name from its bytes (the batch's string when it has it), or as a string off the tape. */
  private _name(required: boolean): string {
    const start = this._next();
    if (start === NAME_AS_STRING) {
      this._nameId = -1;
      return this._string() ?? '';
    }
    const end = this._next();
    const hash = this._next();
    if (required && end === start) throw EMPTY_NAME;
    const id = this._names?.findAsciiId(this._bytes, start, end, hash) ?? -1;
    this._nameId = id;
    if (id >= 0) return (this._names as KnownStrings).get(id);
    return this._bytes.latin1Slice(start, end);
  }

  private _string(): string | undefined {
    const index = this._next();
    return index === ABSENT ? undefined : this._strings[index];
  }

  private _object(): unknown {
    const index = this._next();
    return index === ABSENT ? undefined : this._objects[index];
  }

  private _cpu(cpu: CpuScratch): CpuScratch | undefined {
    if (this._next() === 0) return undefined;
    cpu.time = this._string();
    cpu.usageNanoCores = this._next();
    cpu.usageCoreNanoSeconds = this._next();
    return cpu;
  }

  private _memory(memory: MemoryScratch): MemoryScratch | undefined {
    if (this._next() === 0) return undefined;
    memory.time = this._string();
    memory.usageBytes = this._next();
    memory.workingSetBytes = this._next();
    memory.rssBytes = this._next();
    memory.pageFaults = this._next();
    memory.majorPageFaults = this._next();
    return memory;
  }

  private _network(network: NetworkScratch): NetworkScratch | undefined {
    if (this._next() === 0) return undefined;
    network.clear();
    network.time = this._string();
    this._interface(network);
    const count = this._next();
    if (count !== ABSENT) {
      const pool = network.interfacePool;
      for (let i = 0; i < count; i++) this._interface(pool.next());
      network.interfaces = pool.items;
    }
    return network;
  }

  private _interface(entry: InterfaceScratch): void {
    entry.name = this._string();
    entry.rxBytes = this._next();
    entry.rxErrors = this._next();
    entry.txBytes = this._next();
    entry.txErrors = this._next();
  }

  private _fs(fs: FsScratch): FsScratch | undefined {
    if (this._next() === 0) return undefined;
    this._fsFields(fs);
    return fs;
  }

  private _fsFields(fs: FsScratch): void {
    fs.availableBytes = this._next();
    fs.capacityBytes = this._next();
    fs.usedBytes = this._next();
    fs.inodesFree = this._next();
    fs.inodes = this._next();
  }
}
