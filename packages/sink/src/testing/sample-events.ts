import type { KubeEvent } from '@heapster/model';

/** Two events: a pod event with a count bump, and a node warning with a multi-line message. */
export function sampleEvents(): KubeEvent[] {
  return [
    {
      metadata: { name: 'web-1.17a', namespace: 'default', uid: 'ev-1', resourceVersion: '101' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'uid-web-1' },
      reason: 'Pulled',
      message: 'Container image "nginx:1.25" already present on machine',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: '2024-01-01T00:00:10Z',
      lastTimestamp: '2024-01-01T00:00:40Z',
      count: 3,
      type: 'Normal',
    },
    {
      metadata: { name: 'node-1.17b', namespace: 'default', uid: 'ev-2', resourceVersion: '102' },
      involvedObject: { kind: 'Node', name: 'node-1', uid: 'node-1' },
      reason: 'NodeNotReady',
      message: 'Node node-1 status is now: NodeNotReady\nkubelet stopped posting',
      source: { component: 'node-controller' },
      eventTime: '2024-01-01T00:00:50.123456Z',
      type: 'Warning',
    },
  ];
}

/**
 * Four event shapes: the two sample events (the node warning with an explicit null
 * lastTimestamp, as the events.k8s.io API sends it), an event of a type Kubernetes does not
 * define, and one carrying no time at all.
 */
export function sampleEventShapes(): KubeEvent[] {
  const [podEvent, nodeWarning] = sampleEvents() as [KubeEvent, KubeEvent];
  // Rebuilt in the API's field order: golden files hold the serialized entries.
  const { type, ...warning } = nodeWarning;
  return [
    podEvent,
    { ...warning, lastTimestamp: null, type },
    {
      metadata: { name: 'job.17c', namespace: 'batch', uid: 'ev-3', resourceVersion: '103' },
      involvedObject: { kind: 'Job', namespace: 'batch', name: 'job' },
      reason: 'Custom',
      lastTimestamp: '2024-01-01T00:00:55Z',
      type: 'Info',
    },
    {
      metadata: { name: 'odd.17d', namespace: 'default', uid: 'ev-4', resourceVersion: '104' },
      involvedObject: { kind: 'Pod', name: 'odd' },
      reason: 'NoTime',
    },
  ];
}
