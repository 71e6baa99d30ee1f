import { EntityType, LabelId, type DataBatch, type EntityTable } from '@heapster/model';
import { sumInto } from './column-sum.js';
import type { DataProcessor } from './data-processor.js';
import { PodRowIndex } from './pod-index.js';

/** Labels a pod row created from its containers inherits (Heapster's labelsToPopulate). */
const INHERITED_LABELS = [LabelId.PodId, LabelId.NamespaceId, LabelId.Hostname, LabelId.HostId];

/**
 * Heapster's pod_aggregator (§4.2 item 4): sums container values into their pod for every
 * metric flagged `aggregation.pod` in the catalogue (gauges, rates, requests and limits,
 * restart_count, custom metrics — not the kubelet's cumulative counters), only where the pod
 * row does not already have that metric from the source. Labeled values are never summed.
 * A container whose pod row is missing gets one, inheriting namespace, pod and node identity
 * and pod_id, namespace_id, hostname, host_id. Containers without a pod or namespace name are
 * skipped.
 */
export class PodAggregator implements DataProcessor {
  readonly name = 'pod_aggregator';

  process(batch: DataBatch): void {
    const containers = batch.table(EntityType.PodContainer);
    const pods = batch.table(EntityType.Pod);
    const index = new PodRowIndex(pods, batch.strings.size);
    const podOf = new Int32Array(containers.size).fill(-1);
    for (let row = 0; row < containers.size; row++) {
      if (containers.identityId(row, 'namespace') === 0 || containers.identityId(row, 'pod') === 0)
        continue;
      let podRow = index.podRowOf(containers, row);
      if (podRow < 0) {
        podRow = podFromContainer(pods, containers, row);
        index.add(podRow);
      }
      podOf[row] = podRow;
    }
    sumInto(batch.metrics, containers, pods, podOf, 'pod', true);
  }
}

function podFromContainer(pods: EntityTable, containers: EntityTable, row: number): number {
  const pod = pods.addRow({
    namespace: containers.identity(row, 'namespace'),
    pod: containers.identity(row, 'pod'),
    node: containers.identity(row, 'node'),
  });
  for (const labelId of INHERITED_LABELS) {
    const value = containers.label(row, labelId);
    if (value !== '') pods.setLabel(pod, labelId, value);
  }
  return pod;
}
