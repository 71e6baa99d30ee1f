import { EntityType, type DataBatch } from '@heapster/model';
import { sumInto } from './column-sum.js';
import type { DataProcessor } from './data-processor.js';

/**
 * Heapster's cluster_aggregator (§4.2 item 7): sums namespace values into the one `cluster`
 * row for every metric flagged `aggregation.cluster` (the namespace aggregator's six). The
 * cluster row is always there afterwards, even for an empty batch.
 */
export class ClusterAggregator implements DataProcessor {
  readonly name = 'cluster_aggregator';

  process(batch: DataBatch): void {
    const namespaces = batch.table(EntityType.Namespace);
    const cluster = batch.table(EntityType.Cluster);
    const clusterRow = cluster.size > 0 ? 0 : cluster.addRow({});
    const into = new Int32Array(namespaces.size).fill(clusterRow);
    sumInto(batch.metrics, namespaces, cluster, into, 'cluster', false);
  }
}
