import { describe, expect, it } from '@jest/globals';
import { ENTITY_TYPES, entityTypeName } from '../entity-type.js';
import { ENTITY_TYPE_KEY_LABELS } from './entity-key-labels.js';
import { LabelCatalogue, LabelCatalogueError, storeLabelKeyProblem } from './label-catalogue.js';
import { LabelId, STATIC_LABELS } from './labels.js';

function pascal(key: string): string {
  return key
    .split('_')
    .map(word => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');
}

describe('static labels (heapster.md §2)', () => {
  it('LabelId names every static label with its id', () => {
    expect(LabelId).toEqual(
      Object.fromEntries(STATIC_LABELS.map(label => [pascal(label.key), label.id])),
    );
  });

  it('puts each label on the entity types of the reference', () => {
    const levels = Object.fromEntries(
      STATIC_LABELS.map(label => [label.key, label.levels.join(' ')]),
    );
    expect(levels).toMatchObject({
      type: 'pod_container pod ns node cluster sys_container',
      nodename: 'pod_container pod node sys_container',
      hostname: 'pod_container pod node sys_container',
      host_id: 'pod_container pod node sys_container',
      pod_id: 'pod_container pod',
      pod_name: 'pod_container pod',
      namespace_name: 'pod_container pod ns',
      namespace_id: 'pod_container pod ns',
      container_name: 'pod_container sys_container',
      container_base_image: 'pod_container',
      labels: 'pod_container pod node',
      make: 'pod_container sys_container',
      schedulable: 'node',
      cluster_name: '',
    });
  });

  it('marks series, sink-side and legacy labels', () => {
    const kinds = (flag: 'perSeries' | 'sinkSide' | 'legacyOnly') =>
      STATIC_LABELS.filter(label => label[flag] === true).map(label => label.key);
    expect(kinds('perSeries')).toEqual(['resource_id', 'make', 'model', 'accelerator_id']);
    expect(kinds('sinkSide')).toEqual([
      'cluster_name',
      'cluster',
      'custom_metric_name',
      'resource_type',
      'volume_name',
    ]);
    expect(kinds('legacyOnly')).toEqual(['schedulable']);
  });
});

describe('LabelCatalogue', () => {
  it('registers --store_label labels after the static ones and returns them again', () => {
    const catalogue = new LabelCatalogue();
    const app = catalogue.ensure('app');
    expect(app).toMatchObject({ id: STATIC_LABELS.length, key: 'app', dynamic: true });
    expect(app.levels).toEqual(['pod_container', 'pod', 'node']);
    expect(catalogue.ensure('app')).toBe(app);
    expect(catalogue.byKey('app')).toBe(app);
    expect(catalogue.byId(LabelId.PodName)?.key).toBe('pod_name');
    expect(catalogue.has('team')).toBe(false);
  });

  it.each([
    ['type', /Heapster's own labels/],
    ['app.kubernetes.io/name', /newName=original/],
    ['_private', /starting with a letter/],
    ['trailing_', /ending with a letter/],
    ['', /must be/],
    ['x'.repeat(64), /1-63/],
  ])('refuses %j, naming it', (key, reason) => {
    const attempt = () => new LabelCatalogue().ensure(key);
    expect(attempt).toThrow(LabelCatalogueError);
    expect(attempt).toThrow(`label ${JSON.stringify(key)}`);
    expect(attempt).toThrow(reason);
  });

  it('accepts keys safe for Prometheus and Kubernetes alike', () => {
    expect(storeLabelKeyProblem('team_name2')).toBeUndefined();
  });

  it('is bounded', () => {
    const catalogue = new LabelCatalogue(STATIC_LABELS, { maxLabels: STATIC_LABELS.length + 1 });
    catalogue.ensure('a');
    expect(() => catalogue.ensure('b')).toThrow('the catalogue is full');
  });
});

describe('ENTITY_TYPE_KEY_LABELS', () => {
  it('names the identifying labels of every entity type, all of them static labels', () => {
    expect(ENTITY_TYPE_KEY_LABELS).toEqual({
      pod_container: ['namespace_name', 'pod_name', 'container_name'],
      pod: ['namespace_name', 'pod_name'],
      ns: ['namespace_name'],
      node: ['nodename'],
      cluster: [],
      sys_container: ['nodename', 'container_name'],
    });
    const keys = new Set(STATIC_LABELS.map(label => label.key));
    for (const type of ENTITY_TYPES) {
      for (const key of ENTITY_TYPE_KEY_LABELS[entityTypeName(type)])
        expect(keys.has(key)).toBe(true);
    }
  });
});
