import { EntityType, type DataBatch } from '@heapster/model';
import { sumInto } from './column-sum.js';
import type { DataProcessor } from './data-processor.js';
import { rowsByIdentity } from './pod-index.js';

/**
 * Heapster's node_aggregator (§4.2 item 6): sums pod values into the pod's existing node row
 * for every metric flagged `aggregation.node` (cpu, memory and ephemeral-storage requests and
 * limits). It never creates a node row; pods without a node, or on a node the batch has no
 * row for, are skipped.
 */
export class NodeAggregator implements DataProcessor {
  readonly name = 'node_aggregator';

  process(batch: DataBatch): void {
    const pods = batch.table(EntityType.Pod);
    const nodes = batch.table(EntityType.Node);
    const rows = rowsByIdentity(nodes, 'node');
    const nodeOf = new Int32Array(pods.size).fill(-1);
    for (let row = 0; row < pods.size; row++) {
      const nodeRow = rows.get(pods.identityId(row, 'node'));
      if (nodeRow !== undefined) nodeOf[row] = nodeRow;
    }
    sumInto(batch.metrics, pods, nodes, nodeOf, 'node', false);
  }
}
