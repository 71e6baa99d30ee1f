import { EntityType, LabelId, MetricId, type DataBatch, type EntityTable } from '@heapster/model';
import { noopLogger, type Logger } from '@heapster/runtime';
import type { ContainerSpecInfo, PodSource, PodSpecInfo } from './cluster-sources.js';
import { ContainerResourceWriter } from './container-resources.js';
import type { DataProcessor } from './data-processor.js';
import type { CopiedLabels, LabelCopier } from './label-copier.js';
import { PodKeyedRows, PodRowIndex } from './pod-index.js';

/** Rows enriched between two pauses of processInSlices (≈ 5 ms at 5 µs a pod). */
const STEP_ROWS = 1_024;
/** Container images whose string ids are kept (see _imageId). */
const MAX_CACHED_IMAGES = 4_096;

export interface PodEnricherOptions {
  readonly pods: PodSource;
  readonly labelCopier: LabelCopier;
  readonly logger?: Logger;
}

/** Container rows grouped by pod: the first row of each (namespace, pod) and a next-link. */
interface ContainerGroups {
  readonly heads: PodKeyedRows;
  readonly next: Int32Array;
}

/**
 * What the pod loop learnt about a pod row, reused for its containers. One object a pod: the
 * uid and the `labels` value are interned once for the pod's rows (and a few hundred thousand
 * short-lived objects a batch would be promoted by the scavenger and swept by full collections).
 */
interface KnownPod {
  readonly spec: PodSpecInfo;
  readonly labels: CopiedLabels;
  /** String ids of the uid and of `labels.joined` in the batch's table. */
  readonly uid: number;
  readonly joined: number;
}

/**
 * Heapster's pod_based_enricher (§4.2 item 2), for the pods the pod source knows (others are
 * left as they are):
 * - pod rows get `pod_id`, the create time (pod start time), the pod labels (LabelCopier) and,
 *   when the source left it empty, the node from the spec;
 * - container rows get requests and limits (zero-filled for cpu, memory, ephemeral storage;
 *   extended resources as `<resource>/request`), `container_base_image` if missing,
 *   `restart_count`, `pod_id` and the pod labels;
 * - a spec container without data gets a stub row carrying its requests and limits (and,
 *   beyond Heapster, its restart count: a crash-looping container has no stats but restarts);
 * - a container whose pod row is missing gets a stub pod row.
 */
export class PodEnricher implements DataProcessor {
  readonly name = 'pod_based_enricher';
  private readonly _pods: PodSource;
  private readonly _copier: LabelCopier;
  private readonly _resources: ContainerResourceWriter;
  private readonly _imageIds = new Map<string, number>();

  constructor(options: PodEnricherOptions) {
    this._pods = options.pods;
    this._copier = options.labelCopier;
    this._resources = new ContainerResourceWriter(options.logger ?? noopLogger);
  }

  process(batch: DataBatch): void {
    for (const step of this._steps(batch)) void step;
  }

  async processInSlices(batch: DataBatch, turn: () => Promise<void>): Promise<void> {
    for (const step of this._steps(batch)) {
      void step;
      await turn();
    }
  }

  /** The enrichment, pausing every STEP_ROWS rows (process runs straight through). */
  private *_steps(batch: DataBatch): Generator<void, void, undefined> {
    const pods = batch.table(EntityType.Pod);
    const containers = batch.table(EntityType.PodContainer);
    const groups = groupContainers(containers, batch.strings.size);
    const index = new PodRowIndex(pods, batch.strings.size);
    // Sized once (pods + stubs past the end): growing it row by row reallocated it all along.
    const known = new Array<KnownPod | undefined>(pods.size);
    const podCount = pods.size;
    // Stub containers made below are complete already; only the source's rows are enriched.
    const containerCount = containers.size;
    for (let row = 0; row < podCount; row++) {
      if (row % STEP_ROWS === STEP_ROWS - 1) yield;
      const spec = this._pods.getPod(pods.identity(row, 'namespace'), pods.identity(row, 'pod'));
      if (spec !== undefined) known[row] = this._enrichPod(batch, row, spec, groups);
    }
    for (let row = 0; row < containerCount; row++) {
      if (row % STEP_ROWS === STEP_ROWS - 1) yield;
      let podRow = index.podRowOf(containers, row);
      let pod: KnownPod | undefined;
      if (podRow >= 0) pod = known[podRow];
      else {
        const spec = this._pods.getPod(
          containers.identity(row, 'namespace'),
          containers.identity(row, 'pod'),
        );
        if (spec === undefined) continue;
        podRow = stubPod(pods, containers, row);
        index.add(podRow);
        pod = known[podRow] = this._enrichPod(batch, podRow, spec, groups);
      }
      if (pod !== undefined) this._enrichContainer(batch, row, pod);
    }
  }

  private _enrichPod(
    batch: DataBatch,
    row: number,
    spec: PodSpecInfo,
    groups: ContainerGroups,
  ): KnownPod {
    const pods = batch.table(EntityType.Pod);
    const strings = batch.strings;
    const labels = this._copier.prepare(spec.labels);
    // Ids confirmed by index where possible: the source usually set pod_id from the same uid,
    // and the labels' id is remembered from the last batch. Interning hashes the string and
    // probes the table of every name in the cluster: cache misses, twice a pod.
    const sourceUid = pods.labelStringId(row, LabelId.PodId);
    const uid = strings.holds(sourceUid, spec.uid) ? sourceUid : strings.intern(spec.uid);
    if (!strings.holds(labels.joinedId, labels.joined)) {
      labels.joinedId = strings.intern(labels.joined);
    }
    const pod: KnownPod = { spec, labels, uid, joined: labels.joinedId };
    setIdIfChanged(pods, row, LabelId.PodId, pod.uid);
    if (spec.startTime !== undefined) pods.setCreateTime(row, spec.startTime);
    if (pods.identityId(row, 'node') === 0 && spec.nodeName !== '')
      pods.setIdentity(row, 'node', spec.nodeName);
    this._copier.applyInterned(batch, EntityType.Pod, row, labels, pod.joined);

    const containers = batch.table(EntityType.PodContainer);
    const namespaceId = pods.identityId(row, 'namespace');
    const podId = pods.identityId(row, 'pod');
    // Indexed loops: an array iterator per pod and per container row was most of the garbage
    // the enricher made (80 MB a 100,000-pod batch).
    for (let i = 0; i < spec.containers.length; i++) {
      const container = spec.containers[i] as ContainerSpecInfo;
      const nameId = strings.idOf(container.name);
      if (hasContainer(containers, groups, namespaceId, podId, nameId)) continue;
      const stub = containers.addRowIds(
        namespaceId,
        podId,
        strings.intern(container.name),
        pods.identityId(row, 'node'),
      );
      containers.setLabel(stub, LabelId.ContainerBaseImage, container.image);
      containers.setLabelStringId(stub, LabelId.PodId, pod.uid);
      copyLabel(pods, row, containers, stub, LabelId.Hostname);
      copyLabel(pods, row, containers, stub, LabelId.HostId);
      copyLabel(pods, row, containers, stub, LabelId.NamespaceId);
      const createTime = pods.createTime(row);
      if (!Number.isNaN(createTime)) containers.setCreateTime(stub, createTime);
      this._copier.applyInterned(batch, EntityType.PodContainer, stub, labels, pod.joined);
      this._resources.write(batch.metrics, containers, stub, container);
      if (container.restartCount !== undefined)
        containers.setValue(stub, MetricId.RestartCount, container.restartCount);
    }
    return pod;
  }

  /**
   * The string id of a container image: a cluster runs a few hundred images on 200,000
   * containers, so a small map of them answers from cache where interning would probe the
   * table of every string. Bounded, for a cluster that runs a new image per pod.
   */
  private _imageId(batch: DataBatch, image: string): number {
    const strings = batch.strings;
    const known = this._imageIds.get(image);
    if (known !== undefined && strings.holds(known, image)) return known;
    if (this._imageIds.size >= MAX_CACHED_IMAGES) this._imageIds.clear();
    const id = strings.intern(image);
    this._imageIds.set(image, id);
    return id;
  }

  private _enrichContainer(batch: DataBatch, row: number, pod: KnownPod): void {
    const { spec } = pod;
    const containers = batch.table(EntityType.PodContainer);
    const name = containers.identity(row, 'container');
    let container: ContainerSpecInfo | undefined;
    const candidates = spec.containers;
    for (let i = 0; i < candidates.length; i++) {
      const candidate = candidates[i] as ContainerSpecInfo;
      if (candidate.name === name) container = candidate;
    }
    if (container !== undefined) {
      this._resources.write(batch.metrics, containers, row, container);
      if (containers.labelStringId(row, LabelId.ContainerBaseImage) === 0)
        containers.setLabelStringId(
          row,
          LabelId.ContainerBaseImage,
          this._imageId(batch, container.image),
        );
      if (container.restartCount !== undefined)
        containers.setValue(row, MetricId.RestartCount, container.restartCount);
    }
    setIdIfChanged(containers, row, LabelId.PodId, pod.uid);
    this._copier.applyInterned(batch, EntityType.PodContainer, row, pod.labels, pod.joined);
  }
}

function groupContainers(containers: EntityTable, stringCount: number): ContainerGroups {
  const heads = new PodKeyedRows(stringCount);
  const next = new Int32Array(containers.size).fill(-1);
  for (let row = 0; row < containers.size; row++) {
    const namespaceId = containers.identityId(row, 'namespace');
    const podId = containers.identityId(row, 'pod');
    next[row] = heads.get(namespaceId, podId);
    heads.set(namespaceId, podId, row);
  }
  return { heads, next };
}

// Stub rows are never looked up here: each pod's stubs are made in one pass, once.
function hasContainer(
  containers: EntityTable,
  groups: ContainerGroups,
  namespaceId: number,
  podId: number,
  nameId: number,
): boolean {
  if (nameId < 0) return false;
  let row = groups.heads.get(namespaceId, podId);
  while (row >= 0) {
    if (containers.identityId(row, 'container') === nameId) return true;
    row = groups.next[row] as number;
  }
  return false;
}

/** A pod row for a container whose pod the source did not report (Heapster's stub pod). */
function stubPod(pods: EntityTable, containers: EntityTable, containerRow: number): number {
  const row = pods.addRow({
    namespace: containers.identity(containerRow, 'namespace'),
    pod: containers.identity(containerRow, 'pod'),
    node: containers.identity(containerRow, 'node'),
  });
  copyLabel(containers, containerRow, pods, row, LabelId.Hostname);
  copyLabel(containers, containerRow, pods, row, LabelId.HostId);
  return row;
}

// The source usually wrote the same pod_id already.
function setIdIfChanged(table: EntityTable, row: number, labelId: number, stringId: number): void {
  if (table.labelStringId(row, labelId) !== stringId)
    table.setLabelStringId(row, labelId, stringId);
}

function copyLabel(
  from: EntityTable,
  fromRow: number,
  to: EntityTable,
  toRow: number,
  labelId: number,
): void {
  const value = from.label(fromRow, labelId);
  if (value !== '') to.setLabel(toRow, labelId, value);
}
