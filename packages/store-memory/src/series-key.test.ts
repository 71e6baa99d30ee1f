import { describe, expect, it } from '@jest/globals';
import { EntityType } from '@heapster/model';
import { seriesParts } from './series-key.js';

describe('seriesParts', () => {
  it("should parse Heapster's key of each type", () => {
    expect(seriesParts(EntityType.PodContainer, 'namespace:a/pod:b/container:c')).toEqual({
      namespace: 'a',
      pod: 'b',
      container: 'c',
    });
    expect(seriesParts(EntityType.Pod, 'namespace:a/pod:b')).toEqual({ namespace: 'a', pod: 'b' });
    expect(seriesParts(EntityType.Namespace, 'namespace:a')).toEqual({ namespace: 'a' });
    expect(seriesParts(EntityType.Node, 'node:n')).toEqual({ node: 'n' });
    expect(seriesParts(EntityType.SysContainer, 'node:n/container:kubelet')).toEqual({
      node: 'n',
      container: 'kubelet',
    });
    expect(seriesParts(EntityType.Cluster, 'cluster')).toEqual({});
  });

  it('should refuse a key of another type and pass parts through', () => {
    expect(seriesParts(EntityType.Node, 'namespace:a')).toBeUndefined();
    expect(seriesParts(EntityType.Pod, 'namespace:a/pod:b/container:c')).toBeUndefined();
    expect(seriesParts(EntityType.Cluster, 'clusterx')).toBeUndefined();
    expect(seriesParts(EntityType.Pod, { namespace: 'a', pod: 'b' })).toEqual({
      namespace: 'a',
      pod: 'b',
    });
  });
});
