import { EntityType, MetricId, type DataBatch, type EntityTable } from '@heapster/model';
import type { NodeSource, ResourceAmountsInfo } from './cluster-sources.js';
import type { DataProcessor } from './data-processor.js';
import type { LabelCopier } from './label-copier.js';

export interface NodeAutoscalingEnricherOptions {
  readonly nodes: NodeSource;
  readonly labelCopier: LabelCopier;
}

interface ResourceRatios {
  readonly capacityId: number;
  readonly allocatableId: number;
  readonly utilizationId: number;
  readonly reservationId: number;
  readonly usageId: number;
  readonly requestId: number;
  readonly amount: (amounts: ResourceAmountsInfo) => number | undefined;
}

const CPU: ResourceRatios = {
  capacityId: MetricId.CpuNodeCapacity,
  allocatableId: MetricId.CpuNodeAllocatable,
  utilizationId: MetricId.CpuNodeUtilization,
  reservationId: MetricId.CpuNodeReservation,
  usageId: MetricId.CpuUsageRate,
  requestId: MetricId.CpuRequest,
  amount: amounts => amounts.cpuMillis,
};

const MEMORY: ResourceRatios = {
  capacityId: MetricId.MemoryNodeCapacity,
  allocatableId: MetricId.MemoryNodeAllocatable,
  utilizationId: MetricId.MemoryNodeUtilization,
  reservationId: MetricId.MemoryNodeReservation,
  usageId: MetricId.MemoryUsage,
  requestId: MetricId.MemoryRequest,
  amount: amounts => amounts.memoryBytes,
};

const EPHEMERAL: ResourceRatios = {
  capacityId: MetricId.EphemeralStorageNodeCapacity,
  allocatableId: MetricId.EphemeralStorageNodeAllocatable,
  utilizationId: MetricId.EphemeralStorageNodeUtilization,
  reservationId: MetricId.EphemeralStorageNodeReservation,
  usageId: MetricId.EphemeralStorageUsage,
  requestId: MetricId.EphemeralStorageRequest,
  amount: amounts => amounts.ephemeralBytes,
};

/**
 * Heapster's node_autoscaling_enricher (§4.2 item 8), for node rows whose node the source
 * knows: node labels (LabelCopier), and per resource (cpu in millicores, memory and ephemeral
 * storage in bytes) `<family>/node_capacity`, `<family>/node_allocatable`,
 * `<family>/node_utilization` = usage / allocatable and `<family>/node_reservation` = requests
 * summed over the node / allocatable; plus,
 * beyond Heapster, `memory/node_working_set_utilization` = working set / allocatable.
 *
 * Differences from Heapster, on purpose: a capacity or allocatable the node does not report
 * is not written as 0; a utilisation is only written when the node has the usage (Heapster
 * wrote 0 before the first rate, which autoscalers read as an idle node); ratios need an
 * allocatable above 0. Ephemeral storage needs both capacity and allocatable, as in Heapster.
 */
export class NodeAutoscalingEnricher implements DataProcessor {
  readonly name = 'node_autoscaling_enricher';
  private readonly _nodes: NodeSource;
  private readonly _copier: LabelCopier;

  constructor(options: NodeAutoscalingEnricherOptions) {
    this._nodes = options.nodes;
    this._copier = options.labelCopier;
  }

  process(batch: DataBatch): void {
    const nodes = batch.table(EntityType.Node);
    for (let row = 0; row < nodes.size; row++) {
      const node = this._nodes.getNode(nodes.identity(row, 'node'));
      if (node === undefined) continue;
      this._copier.copy(batch, EntityType.Node, row, node.labels);
      const allocatableMemory = node.allocatable.memoryBytes;
      writeResource(nodes, row, CPU, node.capacity, node.allocatable);
      writeResource(nodes, row, MEMORY, node.capacity, node.allocatable);
      if (
        node.capacity.ephemeralBytes !== undefined &&
        node.allocatable.ephemeralBytes !== undefined
      )
        writeResource(nodes, row, EPHEMERAL, node.capacity, node.allocatable);
      const workingSet = nodes.value(row, MetricId.MemoryWorkingSet);
      if (allocatableMemory !== undefined && allocatableMemory > 0 && !Number.isNaN(workingSet))
        nodes.setValue(
          row,
          MetricId.MemoryNodeWorkingSetUtilization,
          workingSet / allocatableMemory,
        );
    }
  }
}

function writeResource(
  nodes: EntityTable,
  row: number,
  resource: ResourceRatios,
  capacity: ResourceAmountsInfo,
  allocatable: ResourceAmountsInfo,
): void {
  const capacityAmount = resource.amount(capacity);
  const allocatableAmount = resource.amount(allocatable);
  if (capacityAmount !== undefined) nodes.setValue(row, resource.capacityId, capacityAmount);
  if (allocatableAmount === undefined) return;
  nodes.setValue(row, resource.allocatableId, allocatableAmount);
  if (!(allocatableAmount > 0)) return;
  const usage = nodes.value(row, resource.usageId);
  if (!Number.isNaN(usage)) nodes.setValue(row, resource.utilizationId, usage / allocatableAmount);
  // No requests on the node means nothing is reserved: 0, as in Heapster.
  const requested = nodes.value(row, resource.requestId);
  nodes.setValue(
    row,
    resource.reservationId,
    (Number.isNaN(requested) ? 0 : requested) / allocatableAmount,
  );
}
