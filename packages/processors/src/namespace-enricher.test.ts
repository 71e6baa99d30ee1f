import { describe, expect, it } from '@jest/globals';
import { EntityType, LabelId } from '@heapster/model';
import { NamespaceEnricher } from './namespace-enricher.js';
import { addRow, BatchFactory, namespaceSource } from './testing/batch-fixtures.js';

describe('NamespaceEnricher', () => {
  it('should set namespace_id on container, pod and namespace rows of known namespaces', () => {
    const batch = new BatchFactory().batch(0);
    const container = addRow(batch, EntityType.PodContainer, {
      namespace: 'shop',
      pod: 'web',
      container: 'c',
    });
    const pod = addRow(batch, EntityType.Pod, { namespace: 'shop', pod: 'web' });
    const ns = addRow(batch, EntityType.Namespace, { namespace: 'shop' });
    const unknown = addRow(batch, EntityType.Pod, { namespace: 'gone', pod: 'x' });
    const node = addRow(batch, EntityType.Node, { node: 'node-1' });
    let lookups = 0;
    const source = namespaceSource({ shop: 'uid-shop' });
    new NamespaceEnricher({
      getNamespace: name => {
        lookups++;
        return source.getNamespace(name);
      },
    }).process(batch);
    expect(batch.label(EntityType.PodContainer, container, LabelId.NamespaceId)).toBe('uid-shop');
    expect(batch.label(EntityType.Pod, pod, LabelId.NamespaceId)).toBe('uid-shop');
    expect(batch.label(EntityType.Namespace, ns, LabelId.NamespaceId)).toBe('uid-shop');
    expect(batch.label(EntityType.Pod, unknown, LabelId.NamespaceId)).toBe('');
    expect(batch.table(EntityType.Node).labelIds()).toEqual([]);
    expect(node).toBe(0);
    // One lookup per namespace, not per row.
    expect(lookups).toBe(2);
  });
});
