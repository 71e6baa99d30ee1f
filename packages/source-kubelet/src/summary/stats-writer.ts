import { MetricId, type DataBatch, type EntityTable, type EntityType } from '@heapster/model';
import type { TimeParser } from '../decode/rfc3339.js';
import type {
  AcceleratorStats,
  CpuStats,
  FsStats,
  InterfaceStats,
  MemoryStats,
  NetworkStats,
} from './summary-types.js';

type Value = number | null | undefined;

/**
 * Whether the kubelet reported a value: not Go's nil pointer (absent or null in JSON) and not
 * NaN, which the fast reader's recycled objects use for absent (a double field that never holds
 * undefined is updated in place instead of boxing every number).
 */
export function present(value: Value): value is number {
  return value != null && value === value;
}

/** Sets a value when the kubelet reported it (Go's nil pointer: the metric is omitted). */
export function setIfPresent(
  table: EntityTable,
  row: number,
  metricId: number,
  value: Value,
): void {
  if (present(value)) table.setValue(row, metricId, value);
}

/**
 * cpu/usage (cumulative ns) and, from usageNanoCores, a provisional cpu/usage_rate in millicores
 * so that a new entity has usage after its first scrape; the rate calculator replaces it once it
 * has two samples.
 */
export function writeCpu(table: EntityTable, row: number, cpu: CpuStats | null | undefined): void {
  if (cpu == null) return;
  setIfPresent(table, row, MetricId.CpuUsage, cpu.usageCoreNanoSeconds);
  if (present(cpu.usageNanoCores)) {
    table.setValue(row, MetricId.CpuUsageRate, cpu.usageNanoCores / 1e6);
  }
}

export function writeMemory(
  table: EntityTable,
  row: number,
  memory: MemoryStats | null | undefined,
): void {
  if (memory == null) return;
  setIfPresent(table, row, MetricId.MemoryUsage, memory.usageBytes);
  setIfPresent(table, row, MetricId.MemoryWorkingSet, memory.workingSetBytes);
  setIfPresent(table, row, MetricId.MemoryRss, memory.rssBytes);
  setIfPresent(table, row, MetricId.MemoryPageFaults, memory.pageFaults);
  setIfPresent(table, row, MetricId.MemoryMajorPageFaults, memory.majorPageFaults);
}

/**
 * network/* from the default interface: the inline fields (Heapster's choice, so the counters
 * are one interface's and not a sum that jumps when a CNI interface appears). A kubelet that only
 * fills `interfaces` still gets its default interface, found by the inline `name`.
 */
export function writeNetwork(
  table: EntityTable,
  row: number,
  network: NetworkStats | null | undefined,
): void {
  if (network == null) return;
  const source = hasCounters(network) ? network : namedInterface(network);
  if (source === undefined) return;
  setIfPresent(table, row, MetricId.NetworkRx, source.rxBytes);
  setIfPresent(table, row, MetricId.NetworkRxErrors, source.rxErrors);
  setIfPresent(table, row, MetricId.NetworkTx, source.txBytes);
  setIfPresent(table, row, MetricId.NetworkTxErrors, source.txErrors);
}

function hasCounters(s: InterfaceStats): boolean {
  return present(s.rxBytes) || present(s.txBytes) || present(s.rxErrors) || present(s.txErrors);
}

function namedInterface(network: NetworkStats): InterfaceStats | undefined {
  if (network.name == null || network.interfaces == null) return undefined;
  for (const entry of network.interfaces) if (entry.name === network.name) return entry;
  return undefined;
}

/** filesystem/* of one filesystem as labeled values; `labelSetId` carries its resource_id. */
export function writeFs(
  batch: DataBatch,
  type: EntityType,
  row: number,
  fs: FsStats | null | undefined,
  labelSetId: number,
): void {
  if (fs == null) return;
  const labeled = batch.labeled;
  if (present(fs.usedBytes))
    labeled.add(type, row, MetricId.FilesystemUsage, labelSetId, fs.usedBytes);
  if (present(fs.capacityBytes)) {
    labeled.add(type, row, MetricId.FilesystemLimit, labelSetId, fs.capacityBytes);
  }
  if (present(fs.availableBytes)) {
    labeled.add(type, row, MetricId.FilesystemAvailable, labelSetId, fs.availableBytes);
  }
  if (present(fs.inodes)) labeled.add(type, row, MetricId.FilesystemInodes, labelSetId, fs.inodes);
  if (present(fs.inodesFree)) {
    labeled.add(type, row, MetricId.FilesystemInodesFree, labelSetId, fs.inodesFree);
  }
}

/** accelerator/* per device, labeled make, model and accelerator_id. */
export function writeAccelerators(
  batch: DataBatch,
  type: EntityType,
  row: number,
  accelerators: readonly AcceleratorStats[] | null | undefined,
): void {
  if (accelerators == null) return;
  for (const a of accelerators) {
    const set = batch.labelSets.intern([
      { key: 'make', value: a.make ?? '' },
      { key: 'model', value: a.model ?? '' },
      { key: 'accelerator_id', value: a.id ?? '' },
    ]);
    if (present(a.memoryTotal))
      batch.labeled.add(type, row, MetricId.AcceleratorMemoryTotal, set, a.memoryTotal);
    if (present(a.memoryUsed))
      batch.labeled.add(type, row, MetricId.AcceleratorMemoryUsed, set, a.memoryUsed);
    if (present(a.dutyCycle))
      batch.labeled.add(type, row, MetricId.AcceleratorDutyCycle, set, a.dutyCycle);
  }
}

/**
 * The sample time of a row (Heapster's ScrapeTime): the first of the cpu, memory and network
 * `time`s, else `fallback` (when the request started).
 */
export function sampleTime(
  cpu: CpuStats | null | undefined,
  memory: MemoryStats | null | undefined,
  network: NetworkStats | null | undefined,
  fallback: number,
  times: TimeParser,
): number {
  const text = cpu?.time ?? memory?.time ?? network?.time;
  if (text == null) return fallback;
  const ms = times.parse(text);
  return Number.isNaN(ms) ? fallback : ms;
}

/** Start time in ms, NaN for Go's zero time (null) or an absent one. */
export function startTimeOf(text: string | null | undefined, times: TimeParser): number {
  return text == null ? Number.NaN : times.parse(text);
}

/** Entity start, collection start, sample time and uptime (ms since start) of a row. */
export function writeTimes(table: EntityTable, row: number, start: number, sample: number): void {
  table.setCreateTime(row, start);
  table.setCollectionStartTime(row, start);
  table.setScrapeTime(row, sample);
  if (!Number.isNaN(start)) table.setValue(row, MetricId.Uptime, Math.max(0, sample - start));
}
