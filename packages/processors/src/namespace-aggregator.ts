import { EntityType, LabelId, type DataBatch } from '@heapster/model';
import { sumInto } from './column-sum.js';
import type { DataProcessor } from './data-processor.js';
import { rowsByIdentity } from './pod-index.js';

/**
 * Heapster's namespace_aggregator (§4.2 item 5): sums pod values into `namespace:<ns>` rows
 * for every metric flagged `aggregation.namespace` (cpu/usage_rate, memory/usage, cpu and
 * memory requests and limits), creating the namespace rows, which carry the namespace_id of
 * their pods. Pods without a namespace are skipped.
 */
export class NamespaceAggregator implements DataProcessor {
  readonly name = 'namespace_aggregator';

  process(batch: DataBatch): void {
    const pods = batch.table(EntityType.Pod);
    const namespaces = batch.table(EntityType.Namespace);
    const rows = rowsByIdentity(namespaces, 'namespace');
    const namespaceOf = new Int32Array(pods.size).fill(-1);
    for (let row = 0; row < pods.size; row++) {
      const id = pods.identityId(row, 'namespace');
      if (id === 0) continue;
      let nsRow = rows.get(id);
      if (nsRow === undefined) {
        nsRow = namespaces.addRow({ namespace: batch.strings.get(id) });
        rows.set(id, nsRow);
      }
      if (namespaces.label(nsRow, LabelId.NamespaceId) === '') {
        const uid = pods.label(row, LabelId.NamespaceId);
        if (uid !== '') namespaces.setLabel(nsRow, LabelId.NamespaceId, uid);
      }
      namespaceOf[row] = nsRow;
    }
    sumInto(batch.metrics, pods, namespaces, namespaceOf, 'namespace', false);
  }
}
