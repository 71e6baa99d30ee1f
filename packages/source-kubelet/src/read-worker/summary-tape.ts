/**
 * A summary the fast reader read on a worker thread, flattened for the trip to the main thread:
 * one Float64Array of numbers in a fixed order (summary-tape-decoder.ts reads it back in the
 * same order), the few strings it holds (times, volume and interface names) and the rare plain
 * objects (accelerators, user-defined metrics). Pod, namespace, uid and container names do not
 * cross as strings: the tape holds their byte range and hash in the body, which the main thread
 * shares, so that they are looked up in the batch's string table there as the reader does.
 */
import { isSharedArrayBuffer } from 'node:util/types';
import type { KnownStrings } from '../decode/json-cursor.js';
import type {
  ContainerStats,
  CpuStats,
  FsStats,
  InterfaceStats,
  MemoryStats,
  NetworkStats,
  Summary,
} from '../summary/summary-types.js';

export interface SummaryTape {
  readonly numbers: Float64Array<ArrayBufferLike>;
  readonly strings: readonly string[];
  readonly objects: readonly unknown[];
}

/** What a name is on the tape when it is not a byte range (a name the reader built as text). */
export const NAME_AS_STRING = -1;
/** A count, time or object index for "absent" (Go's nil). */
export const ABSENT = -1;

/**
 * The worker's stand-in for the batch's string table: every ASCII name "is known", under the
 * index of its byte range, so that the reader builds no string for it.
 */
export class NameRanges implements KnownStrings {
  /** start, end and hash of each name, in the order the reader asked. */
  readonly ranges: number[] = [];

  clear(): void {
    this.ranges.length = 0;
  }

  findAsciiId(_bytes: Uint8Array, start: number, end: number, hash: number): number {
    this.ranges.push(start, end, hash);
    return this.ranges.length / 3 - 1;
  }

  // Never empty, so the reader's own empty-name checks do not fire on a range: the decoder makes
  // them on the real bytes.
  get(): string {
    return '\u0000';
  }
}

/** Flattens summaries; one encoder per worker, reused from body to body. */
export class SummaryTapeEncoder {
  private _numbers: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private _length = 0;
  private _strings: string[] = [];
  private _stringIndex = new Map<string, number>();
  private _objects: unknown[] = [];
  private _ranges: readonly number[] = [];

  /**
   * `names` is the NameRanges the reader was given for this summary. The numbers are written
   * into `into` (the main thread's pooled shared memory, so that no buffer is made per body),
   * or into new shared memory when it is too small; without `into`, into a new array.
   */
  encode(summary: Summary, names: NameRanges, into?: SharedArrayBuffer): SummaryTape {
    this._numbers = into === undefined ? new Float64Array(4096) : new Float64Array(into);
    this._length = 0;
    this._strings = [];
    this._stringIndex = new Map();
    this._objects = [];
    this._ranges = names.ranges;
    const node = summary.node;
    this._containers(node.systemContainers);
    this._string(node.startTime);
    this._cpu(node.cpu);
    this._memory(node.memory);
    this._network(node.network);
    this._fs(node.fs);
    this._pods(summary.pods);
    return {
      numbers: this._numbers.subarray(0, this._length),
      strings: this._strings,
      objects: this._objects,
    };
  }

  /** The pods, in the order SummaryTapeDecoder._pods reads them. */
  private _pods(pods: Summary['pods']): void {
    if (pods == null) return this._push(ABSENT);
    this._push(pods.length);
    for (let i = 0; i < pods.length; i++) {
      const pod = pods[i] as NonNullable<Summary['pods']>[number];
      const ref = pod.podRef;
      this._name(ref.name, ref.nameId);
      this._name(ref.namespace, ref.namespaceId);
      if (ref.uid == null) this._push(ABSENT);
      else {
        this._push(1);
        this._name(ref.uid, ref.uidId);
      }
      this._string(pod.startTime);
      this._containers(pod.containers);
      this._cpu(pod.cpu);
      this._memory(pod.memory);
      this._network(pod.network);
      const volumes = pod.volume;
      if (volumes == null) this._push(ABSENT);
      else {
        this._push(volumes.length);
        for (let v = 0; v < volumes.length; v++) {
          const volume = volumes[v] as NonNullable<typeof volumes>[number];
          this._string(volume.name);
          this._fsFields(volume);
        }
      }
      this._fs(pod['ephemeral-storage']);
    }
  }

  private _push(value: number): void {
    if (this._length === this._numbers.length) {
      const old = this._numbers;
      const size = Math.max(4096, old.length * 2) * Float64Array.BYTES_PER_ELEMENT;
      const grown = new Float64Array(
        isSharedArrayBuffer(old.buffer) ? new SharedArrayBuffer(size) : new ArrayBuffer(size),
      );
      grown.set(old);
      this._numbers = grown;
    }
    this._numbers[this._length++] = value;
  }

  /** A range (start ≥ 0, end, hash) or NAME_AS_STRING and the string's index. */
  private _name(text: string, id: number | undefined): void {
    if (id !== undefined && id >= 0) {
      const ranges = this._ranges;
      this._push(ranges[3 * id] as number);
      this._push(ranges[3 * id + 1] as number);
      this._push(ranges[3 * id + 2] as number);
    } else {
      this._push(NAME_AS_STRING);
      this._string(text);
    }
  }

  private _string(text: string | null | undefined): void {
    if (text == null) {
      this._push(ABSENT);
      return;
    }
    let index = this._stringIndex.get(text);
    if (index === undefined) {
      index = this._strings.length;
      this._strings.push(text);
      this._stringIndex.set(text, index);
    }
    this._push(index);
  }

  private _object(value: unknown): void {
    if (value == null) this._push(ABSENT);
    else {
      this._push(this._objects.length);
      this._objects.push(value);
    }
  }

  private _containers(list: readonly ContainerStats[] | null | undefined): void {
    if (list == null) {
      this._push(ABSENT);
      return;
    }
    this._push(list.length);
    for (let i = 0; i < list.length; i++) {
      const c = list[i] as ContainerStats;
      this._name(c.name, c.nameId);
      this._string(c.startTime);
      this._cpu(c.cpu);
      this._memory(c.memory);
      this._object(c.accelerators);
      this._fs(c.rootfs);
      this._fs(c.logs);
      this._object(c.userDefinedMetrics);
    }
  }

  // Numbers are NaN when absent in the reader's objects (summary-scratch.ts); `?? NaN` keeps
  // them so for the general shapes too.
  private _cpu(cpu: CpuStats | null | undefined): void {
    if (cpu == null) return this._push(0);
    this._push(1);
    this._string(cpu.time);
    this._push(cpu.usageNanoCores ?? Number.NaN);
    this._push(cpu.usageCoreNanoSeconds ?? Number.NaN);
  }

  private _memory(memory: MemoryStats | null | undefined): void {
    if (memory == null) return this._push(0);
    this._push(1);
    this._string(memory.time);
    this._push(memory.usageBytes ?? Number.NaN);
    this._push(memory.workingSetBytes ?? Number.NaN);
    this._push(memory.rssBytes ?? Number.NaN);
    this._push(memory.pageFaults ?? Number.NaN);
    this._push(memory.majorPageFaults ?? Number.NaN);
  }

  private _network(network: NetworkStats | null | undefined): void {
    if (network == null) return this._push(0);
    this._push(1);
    this._string(network.time);
    this._interface(network);
    const list = network.interfaces;
    if (list == null) return this._push(ABSENT);
    this._push(list.length);
    for (let i = 0; i < list.length; i++) this._interface(list[i] as InterfaceStats);
  }

  private _interface(entry: InterfaceStats): void {
    this._string(entry.name);
    this._push(entry.rxBytes ?? Number.NaN);
    this._push(entry.rxErrors ?? Number.NaN);
    this._push(entry.txBytes ?? Number.NaN);
    this._push(entry.txErrors ?? Number.NaN);
  }

  private _fs(fs: FsStats | null | undefined): void {
    if (fs == null) return this._push(0);
    this._push(1);
    this._fsFields(fs);
  }

  private _fsFields(fs: FsStats): void {
    this._push(fs.availableBytes ?? Number.NaN);
    this._push(fs.capacityBytes ?? Number.NaN);
    this._push(fs.usedBytes ?? Number.NaN);
    this._push(fs.inodesFree ?? Number.NaN);
    this._push(fs.inodes ?? Number.NaN);
  }
}
