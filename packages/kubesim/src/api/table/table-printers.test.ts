import { describe, expect, it } from '@jest/globals';
import { InMemoryObjectStore } from '../in-memory-object-store.js';
import { eventObject, namespaceObject, nodeObject, podObject } from '../testing/fixtures.js';
import { EVENT_PRINTER } from './event-printer.js';
import { humanDuration } from './human-duration.js';
import { NAMESPACE_PRINTER, NODE_PRINTER } from './node-namespace-printers.js';
import { POD_PRINTER } from './pod-printer.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (apimachinery HumanDuration)', () => {
  const cases: [number, string][] = [
    [-5 * s, '<invalid>'],
    [-1 * s, '0s'],
    [0, '0s'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [5 * m + 1 * s, '5m1s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [3 * d + 5 * h, '3d5h'],
    [8 * d, '8d'],
    [729 * d, '729d'],
    [2 * 365 * d + 10 * d, '2y10d'],
    [9 * 365 * d, '9y'],
  ];
  it.each(cases)('%d ms → %s', (ms, expected) => expect(humanDuration(ms)).toBe(expected));
});

describe('server-side printers', () => {
  const store = new InMemoryObjectStore();

  it('prints nodes with status, sorted roles, age, version and wide cells', () => {
    const node = store.create(
      nodeObject('node-a', NOW - 3 * d, { roles: ['master', 'control-plane'], ip: '10.0.0.1' }),
    );
    expect(NODE_PRINTER.columns.map(c => c.name)).toEqual([
      'Name',
      'Status',
      'Roles',
      'Age',
      'Version',
      'Internal-IP',
      'External-IP',
      'OS-Image',
      'Kernel-Version',
      'Container-Runtime',
    ]);
    expect(NODE_PRINTER.columns.map(c => c.priority)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(NODE_PRINTER.cells(node, NOW)).toEqual([
      'node-a',
      'Ready',
      'control-plane,master',
      '3d',
      'v1.20.2',
      '10.0.0.1',
      '<none>',
      'Debian GNU/Linux 11 (bullseye)',
      '5.10.0-21-amd64',
      'containerd://1.4.3',
    ]);
    const cordoned = store.create({
      ...nodeObject('node-b', NOW - 90 * s, { ready: false }),
      spec: { unschedulable: true },
    });
    expect(NODE_PRINTER.cells(cordoned, NOW).slice(0, 4)).toEqual([
      'node-b',
      'NotReady,SchedulingDisabled',
      '<none>',
      '90s',
    ]);
  });

  it('prints pods like kubectl 1.20 (ready count, reason, restarts, wide cells)', () => {
    const pod = store.create(
      podObject('default', 'web-1', NOW - 2 * h, { node: 'node-a', ip: '10.244.0.5', restarts: 3 }),
    );
    expect(POD_PRINTER.cells(pod, NOW)).toEqual([
      'web-1',
      '1/1',
      'Running',
      3,
      '120m',
      '10.244.0.5',
      'node-a',
      '<none>',
      '<none>',
    ]);
    const pending = store.create(podObject('default', 'p', NOW - 10 * s, { phase: 'Pending' }));
    expect(POD_PRINTER.cells(pending, NOW).slice(1, 3)).toEqual(['0/1', 'ContainerCreating']);
    const done = store.create(podObject('default', 'job', NOW, { phase: 'Succeeded' }));
    expect(POD_PRINTER.conditions(done)).toEqual([
      expect.objectContaining({ type: 'Completed', reason: 'Succeeded' }),
    ]);
    const terminating = store.create({
      ...podObject('default', 't', NOW),
      metadata: { name: 't', namespace: 'default', deletionTimestamp: '2026-11-22T12:00:00Z' },
    });
    expect(POD_PRINTER.cells(terminating, NOW)[2]).toBe('Terminating');
  });

  it('prints events with the wide columns in the middle', () => {
    const event = store.create(
      eventObject('default', 'e1', NOW - 65 * s, {
        reason: 'BackOff',
        type: 'Warning',
        object: 'db-0',
        count: 4,
        component: 'kubelet',
        message: ' Back-off \n',
      }),
    );
    expect(EVENT_PRINTER.columns.map(c => `${c.name}:${c.priority}`)).toEqual([
      'Last Seen:0',
      'Type:0',
      'Reason:0',
      'Object:0',
      'Subobject:1',
      'Source:1',
      'Message:0',
      'First Seen:1',
      'Count:1',
      'Name:1',
    ]);
    expect(EVENT_PRINTER.cells(event, NOW)).toEqual([
      '65s',
      'Warning',
      'BackOff',
      'pod/db-0',
      '',
      'kubelet',
      'Back-off',
      '65s',
      4,
      'e1',
    ]);
  });

  it('prints namespaces', () => {
    const ns = store.create(namespaceObject('team-a', NOW - 10 * d));
    expect(NAMESPACE_PRINTER.cells(ns, NOW)).toEqual(['team-a', 'Active', '10d']);
  });
});
