import type { ContainerView, PodObjectView } from '../metrics-api/directories.js';
import { rfc3339Seconds } from '../metrics-api/metrics-json.js';
import type { TableColumn, TableRow } from '../metrics-api/table-json.js';
import { humanDuration } from './human-duration.js';
import { resourceList } from './node-json.js';

/** What `fieldSelector` may name on `/api/v1/pods` (those of kube-apiserver's the records keep). */
export const POD_FIELDS: readonly string[] = [
  'metadata.name',
  'metadata.namespace',
  'spec.nodeName',
  'status.phase',
  'status.podIP',
];

export function podField(pod: PodObjectView, field: string): string {
  switch (field) {
    case 'metadata.name':
      return pod.name;
    case 'metadata.namespace':
      return pod.namespace;
    case 'spec.nodeName':
      return pod.nodeName;
    case 'status.phase':
      return pod.phase;
    default:
      return pod.podIP;
  }
}

/**
 * v1.Pod objects re-rendered from the pod informer's records, for clients pointed straight at
 * the core: `kubectl top pods -l x` lists pods when no metrics match (to tell "no such pods"
 * from "metrics not available yet"), and `kubectl get pods` then works too. Only what the
 * records keep is present: no container states or readiness, no conditions, volumes or
 * tolerations; container statuses carry the restart count only.
 */
export function podObject(pod: PodObjectView): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  if (pod.initContainers.length > 0) spec.initContainers = pod.initContainers.map(container);
  spec.containers = pod.containers.map(container);
  if (pod.nodeName !== '') spec.nodeName = pod.nodeName;
  const status: Record<string, unknown> = {};
  if (pod.phase !== '') status.phase = pod.phase;
  if (pod.podIP !== '') status.podIP = pod.podIP;
  if (pod.startTime !== undefined) status.startTime = rfc3339Seconds(pod.startTime);
  if (pod.initContainers.length > 0)
    status.initContainerStatuses = pod.initContainers.map(containerStatus);
  status.containerStatuses = pod.containers.map(containerStatus);
  return { metadata: podMetadata(pod), spec, status };
}

export function podMetadata(pod: PodObjectView): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    name: pod.name,
    namespace: pod.namespace,
    uid: pod.uid,
    resourceVersion: pod.resourceVersion,
    creationTimestamp: Number.isFinite(pod.creationTimestamp)
      ? rfc3339Seconds(pod.creationTimestamp)
      : null,
  };
  if (Object.keys(pod.labels).length > 0) metadata.labels = pod.labels;
  return metadata;
}

function container(c: ContainerView): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  const limits = resourceList(c.limits);
  const requests = resourceList(c.requests);
  if (Object.keys(limits).length > 0) resources.limits = limits;
  if (Object.keys(requests).length > 0) resources.requests = requests;
  return { name: c.name, image: c.image, resources };
}

function containerStatus(c: ContainerView): Record<string, unknown> {
  return { name: c.name, image: c.image, restartCount: c.restartCount };
}

/**
 * kube-apiserver's pod columns as far as the records go: `NAME STATUS RESTARTS AGE`, `-o wide`
 * adds IP and NODE. READY is left out rather than guessed (the records keep no readiness), and
 * STATUS is the phase (no container waiting reasons such as CrashLoopBackOff).
 */
export const POD_COLUMNS: readonly TableColumn[] = [
  { name: 'Name', type: 'string', format: 'name', description: 'Name of the pod' },
  { name: 'Status', type: 'string', description: 'The phase of the pod' },
  {
    name: 'Restarts',
    type: 'integer',
    description: 'The number of times the containers in this pod have been restarted.',
  },
  { name: 'Age', type: 'string', description: 'Time since the pod was created' },
  { name: 'IP', type: 'string', description: 'IP address allocated to the pod.', priority: 1 },
  { name: 'Node', type: 'string', description: 'The node the pod runs on.', priority: 1 },
];

export function podRow(pod: PodObjectView, nowMs: number): TableRow {
  let restarts = 0;
  for (const c of pod.containers) restarts += c.restartCount;
  return {
    cells: [
      pod.name,
      pod.phase === '' ? 'Unknown' : pod.phase,
      restarts,
      Number.isFinite(pod.creationTimestamp)
        ? humanDuration(nowMs - pod.creationTimestamp)
        : '<unknown>',
      pod.podIP === '' ? '<none>' : pod.podIP,
      pod.nodeName === '' ? '<none>' : pod.nodeName,
    ],
    objectJson: () => JSON.stringify(podObject(pod)),
    metadataJson: () => JSON.stringify(podMetadata(pod)),
  };
}
