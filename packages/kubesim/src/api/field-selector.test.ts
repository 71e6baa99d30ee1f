import { describe, expect, it } from '@jest/globals';
import { FieldSelector } from './field-selector.js';
import { SelectorParseError } from './label-selector.js';
import { EVENT_FIELDS, NODE_FIELDS, POD_FIELDS, compileFieldSelector } from './object-fields.js';
import type { KubeObject } from './object-store.js';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-1',
    namespace: 'default',
    uid: 'u',
    resourceVersion: '5',
    creationTimestamp: '2020-01-01T00:00:00Z',
  },
  spec: { nodeName: 'node-a', restartPolicy: 'Always' },
  status: { phase: 'Running', podIP: '10.0.0.5' },
} as KubeObject;

const event = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: {
    name: 'e1',
    namespace: 'default',
    uid: 'u',
    resourceVersion: '6',
    creationTimestamp: '2020-01-01T00:00:00Z',
  },
  involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'abc' },
  reason: 'BackOff',
  type: 'Warning',
  source: { component: 'kubelet', host: 'node-a' },
} as KubeObject;

describe('FieldSelector', () => {
  const podCases: [string, boolean][] = [
    ['', true],
    ['metadata.name=web-1', true],
    ['metadata.name==web-1', true],
    ['metadata.name!=web-1', false],
    ['spec.nodeName=node-a,status.phase=Running', true],
    ['spec.nodeName=node-b', false],
    ['status.phase!=Pending', true],
    ['metadata.namespace=default', true],
    ['spec.nodeName=', false],
    ['status.nominatedNodeName=', true],
  ];
  it.each(podCases)('pods: %j → %s', (text, expected) => {
    expect(compileFieldSelector(FieldSelector.parse(text), POD_FIELDS)(pod)).toBe(expected);
  });

  const eventCases: [string, boolean][] = [
    ['involvedObject.kind=Pod,involvedObject.name=web-1', true],
    ['involvedObject.namespace=default,involvedObject.uid=abc', true],
    ['reason=BackOff,type=Warning', true],
    ['source=kubelet', true],
    ['type=Normal', false],
  ];
  it.each(eventCases)('events: %j → %s', (text, expected) => {
    expect(compileFieldSelector(FieldSelector.parse(text), EVENT_FIELDS)(event)).toBe(expected);
  });

  it('unescapes \\, \\= and \\\\ in values', () => {
    expect(FieldSelector.parse('reason=a\\,b\\=c\\\\d').requirements).toEqual([
      { field: 'reason', operator: '=', value: 'a,b=c\\d' },
    ]);
  });

  it('rejects unsupported fields like the API server', () => {
    expect(() => compileFieldSelector(FieldSelector.parse('xyz=1'), POD_FIELDS)).toThrow(
      new SelectorParseError('field label not supported: xyz'),
    );
    expect(() =>
      compileFieldSelector(FieldSelector.parse('metadata.namespace=x'), NODE_FIELDS),
    ).toThrow('field label not supported: metadata.namespace');
  });

  it('rejects malformed selectors', () => {
    expect(() => FieldSelector.parse('metadata.name')).toThrow(
      "invalid selector: 'metadata.name'; can't understand 'metadata.name'",
    );
    expect(() => FieldSelector.parse('reason=a\\b')).toThrow(
      'invalid field selector: invalid escape sequence: \\b',
    );
    expect(() => FieldSelector.parse('reason=a=b')).toThrow(
      'invalid field selector: unescaped character in value: 61',
    );
  });
});
