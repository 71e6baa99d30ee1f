import {
  EntityType,
  LabelId,
  MetricId,
  type DataBatch,
  type EntityTable,
  type LabelSetTable,
  type StringTable,
} from '@heapster/model';
import { writeCustomMetrics } from './custom-metrics-writer.js';
import { TimeParser } from '../decode/rfc3339.js';
import { keepNewest } from './keep-newest.js';
import {
  present,
  sampleTime,
  setIfPresent,
  startTimeOf,
  writeAccelerators,
  writeCpu,
  writeFs,
  writeMemory,
  writeNetwork,
  writeTimes,
} from './stats-writer.js';
import type { ContainerStats, PodStats, Summary } from './summary-types.js';

/** Who the summary is from, as the API server knows the node. */
export interface SummaryContext {
  /** The Node object's name: the `nodename` of every row (not the kubelet's own nodeName). */
  readonly nodeName: string;
  readonly hostname: string;
  /** '' when the node has neither an externalID nor the host_id annotation. */
  readonly hostId: string;
  /** When the request started (epoch ms): the sample time of rows that report none. */
  readonly scrapeStartMs: number;
}

export interface SummaryDecodeResult {
  /** The node's row in the `node` table. */
  readonly nodeRow: number;
  readonly pods: number;
  readonly containers: number;
  readonly systemContainers: number;
  /** Pods and containers not written because a newer one with the same name was reported. */
  readonly duplicatesDropped: number;
  /** userDefinedMetrics not written (unknown type, refused name, type clash). */
  readonly customMetricsSkipped: number;
}

// Heapster's names for the summary's system containers (kept for dashboards).
const SYSTEM_CONTAINER_NAMES: Readonly<Record<string, string>> = {
  runtime: 'docker-daemon',
  misc: 'system',
};

// Volume name → its `resource_id=Volume:<name>` set, per label-set table (which consecutive
// batches share): a large cluster has a volume per pod (kube-api-access-*), and building and
// interning "Volume:" + name for each of them every scrape was a tenth of the writer's time.
const volumeSetsByTable = new WeakMap<LabelSetTable, Map<string, number>>();

function volumeSetsOf(labelSets: LabelSetTable): Map<string, number> {
  let sets = volumeSetsByTable.get(labelSets);
  if (sets === undefined) {
    sets = new Map();
    volumeSetsByTable.set(labelSets, sets);
  }
  return sets;
}

const containerName = (c: ContainerStats): string => c.name;
const systemContainerName = (c: ContainerStats): string => SYSTEM_CONTAINER_NAMES[c.name] ?? c.name;
const podKey = (p: PodStats): string => `${p.podRef.namespace}/${p.podRef.name}`;
const podName = (p: PodStats): string => p.podRef.name;

/**
 * The id of `value` in `strings`: the one the reader found (`id`, -1 when it found none) when the
 * table confirms it, else interned. Confirming is an array read; interning hashes the string
 * and probes the table of every name (≈ 0.5 µs each, mostly cache misses, four times a pod).
 */
function knownId(strings: StringTable, id: number | undefined, value: string): number {
  return id !== undefined && id >= 0 && strings.holds(id, value) ? id : strings.intern(value);
}

/** Writes a validated summary into the batch as docs/architecture.md "Batch conventions" says. */
export function writeSummary(
  summary: Summary,
  batch: DataBatch,
  context: SummaryContext,
): SummaryDecodeResult {
  const writer = new RowWriter(batch, context);
  const containerStart = writer.containerStart;
  const nodeRow = writer.node(summary);
  const system = keepNewest(
    summary.node.systemContainers ?? [],
    systemContainerName,
    containerStart,
  );
  const sysTable = batch.table(EntityType.SysContainer);
  sysTable.reserve(system.length);
  for (const container of system) {
    const row = sysTable.addRow({
      node: context.nodeName,
      container: systemContainerName(container),
    });
    writer.hostLabels(sysTable, row);
    writer.container(sysTable, row, container);
  }
  const allPods = summary.pods ?? [];
  const pods = keepNewest(allPods, podKey, writer.podStart, podName);
  writer.duplicates +=
    allPods.length - pods.length + (summary.node.systemContainers?.length ?? 0) - system.length;
  let containers = 0;
  batch.table(EntityType.Pod).reserve(pods.length);
  for (const pod of pods) containers += writer.pod(pod);
  return {
    nodeRow,
    pods: pods.length,
    containers,
    systemContainers: system.length,
    duplicatesDropped: writer.duplicates,
    customMetricsSkipped: writer.customSkipped,
  };
}

/** Per-decode state: the batch, the node's labels and the label sets used on every node. */
class RowWriter {
  duplicates = 0;
  customSkipped = 0;
  private readonly _batch: DataBatch;
  private readonly _context: SummaryContext;
  private readonly _rootFs: number;
  private readonly _logsFs: number;
  private readonly _times = new TimeParser();
  private readonly _volumeSets: Map<string, number>;
  private readonly _nodeId: number;
  private readonly _hostnameId: number;
  private readonly _hostIdId: number;
  private _namespace = '';
  private _namespaceId = 0;
  readonly containerStart = (c: ContainerStats): number => startTimeOf(c.startTime, this._times);
  readonly podStart = (p: PodStats): number => startTimeOf(p.startTime, this._times);

  constructor(batch: DataBatch, context: SummaryContext) {
    this._batch = batch;
    this._context = context;
    this._rootFs = batch.labelSets.internPair('resource_id', '/');
    this._logsFs = batch.labelSets.internPair('resource_id', 'logs');
    this._volumeSets = volumeSetsOf(batch.labelSets);
    this._nodeId = batch.strings.intern(context.nodeName);
    this._hostnameId = batch.strings.intern(context.hostname);
    this._hostIdId = batch.strings.intern(context.hostId);
  }

  node(summary: Summary): number {
    const stats = summary.node;
    const table = this._batch.table(EntityType.Node);
    const row = table.addRow({ node: this._context.nodeName });
    this.hostLabels(table, row);
    const sample = sampleTime(
      stats.cpu,
      stats.memory,
      stats.network,
      this._context.scrapeStartMs,
      this._times,
    );
    writeTimes(table, row, startTimeOf(stats.startTime, this._times), sample);
    writeCpu(table, row, stats.cpu);
    writeMemory(table, row, stats.memory);
    writeNetwork(table, row, stats.network);
    writeFs(this._batch, EntityType.Node, row, stats.fs, this._rootFs);
    setIfPresent(table, row, MetricId.EphemeralStorageUsage, stats.fs?.usedBytes);
    return row;
  }

  /** Writes a pod and its containers; returns the number of containers written. */
  pod(pod: PodStats): number {
    const ref = pod.podRef;
    const { namespace, name, uid } = ref;
    // Each name is interned once for the pod and all its containers' rows.
    const strings = this._batch.strings;
    if (namespace !== this._namespace) {
      this._namespace = namespace;
      this._namespaceId = knownId(strings, ref.namespaceId, namespace);
    }
    const namespaceId = this._namespaceId;
    const podId = knownId(strings, ref.nameId, name);
    const uidId = uid == null ? 0 : knownId(strings, ref.uidId, uid);
    const table = this._batch.table(EntityType.Pod);
    const row = table.addRowIds(namespaceId, podId, 0, this._nodeId);
    this.hostLabels(table, row);
    if (uidId !== 0) table.setLabelStringId(row, LabelId.PodId, uidId);
    const sample = sampleTime(
      pod.cpu,
      pod.memory,
      pod.network,
      this._context.scrapeStartMs,
      this._times,
    );
    writeTimes(table, row, startTimeOf(pod.startTime, this._times), sample);
    writeCpu(table, row, pod.cpu);
    writeMemory(table, row, pod.memory);
    writeNetwork(table, row, pod.network);
    setIfPresent(table, row, MetricId.EphemeralStorageUsage, pod['ephemeral-storage']?.usedBytes);
    for (const volume of pod.volume ?? []) {
      const name = volume.name ?? '';
      let set = this._volumeSets.get(name);
      if (set === undefined) {
        set = this._batch.labelSets.internPair('resource_id', `Volume:${name}`);
        this._volumeSets.set(name, set);
      }
      writeFs(this._batch, EntityType.Pod, row, volume, set);
    }

    const all = pod.containers ?? [];
    const containers = keepNewest(all, containerName, this.containerStart);
    this.duplicates += all.length - containers.length;
    const containerTable = this._batch.table(EntityType.PodContainer);
    containerTable.reserve(containers.length);
    for (const container of containers) {
      const containerRow = containerTable.addRowIds(
        namespaceId,
        podId,
        knownId(strings, container.nameId, container.name),
        this._nodeId,
      );
      this.hostLabels(containerTable, containerRow);
      if (uidId !== 0) containerTable.setLabelStringId(containerRow, LabelId.PodId, uidId);
      this.container(containerTable, containerRow, container);
    }
    return containers.length;
  }

  /** The stats every container (pod or system) carries. */
  container(table: EntityTable, row: number, c: ContainerStats): void {
    const sample = sampleTime(c.cpu, c.memory, undefined, this._context.scrapeStartMs, this._times);
    writeTimes(table, row, startTimeOf(c.startTime, this._times), sample);
    writeCpu(table, row, c.cpu);
    writeMemory(table, row, c.memory);
    writeFs(this._batch, table.type, row, c.rootfs, this._rootFs);
    writeFs(this._batch, table.type, row, c.logs, this._logsFs);
    // The kubelet's own eviction arithmetic: writable layer plus logs.
    const rootfsUsed = c.rootfs?.usedBytes;
    const logsUsed = c.logs?.usedBytes;
    if (present(rootfsUsed) && present(logsUsed)) {
      table.setValue(row, MetricId.EphemeralStorageUsage, rootfsUsed + logsUsed);
    }
    writeAccelerators(this._batch, table.type, row, c.accelerators);
    this.customSkipped += writeCustomMetrics(this._batch, table, row, c.userDefinedMetrics);
  }

  hostLabels(table: EntityTable, row: number): void {
    if (this._hostnameId !== 0) table.setLabelStringId(row, LabelId.Hostname, this._hostnameId);
    if (this._hostIdId !== 0) table.setLabelStringId(row, LabelId.HostId, this._hostIdId);
  }
}
