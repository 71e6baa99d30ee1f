import { EntityType, LabelId, type DataBatch } from '@heapster/model';
import type { NamespaceSource } from './cluster-sources.js';
import type { DataProcessor } from './data-processor.js';

const ENRICHED_TYPES = [EntityType.PodContainer, EntityType.Pod, EntityType.Namespace] as const;

/**
 * Heapster's namespace_based_enricher (§4.2 item 3): `namespace_id` (the namespace's UID) on
 * container, pod and namespace rows whose namespace the source knows. Namespace rows do not
 * exist yet at this point of the chain; the namespace aggregator copies the id from the pods.
 */
export class NamespaceEnricher implements DataProcessor {
  readonly name = 'namespace_based_enricher';

  constructor(private readonly _namespaces: NamespaceSource) {}

  process(batch: DataBatch): void {
    // One lookup per namespace, not per row: a batch has thousands of rows per namespace.
    const uids = new Map<number, string>();
    for (const type of ENRICHED_TYPES) {
      const table = batch.table(type);
      for (let row = 0; row < table.size; row++) {
        const id = table.identityId(row, 'namespace');
        if (id === 0) continue;
        let uid = uids.get(id);
        if (uid === undefined) {
          uid = this._namespaces.getNamespace(batch.strings.get(id))?.uid ?? '';
          uids.set(id, uid);
        }
        if (uid !== '') table.setLabel(row, LabelId.NamespaceId, uid);
      }
    }
  }
}
