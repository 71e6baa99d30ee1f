import { formatBytes, formatMilliCPU } from '@heapster/model';
import { rfc3339Seconds } from '../metrics-api/metrics-json.js';
import type { NodeView, ResourceView } from '../metrics-api/directories.js';
import type { TableColumn, TableRow } from '../metrics-api/table-json.js';
import { humanDuration } from './human-duration.js';

/**
 * v1.Node objects re-rendered from the node informer's records, for `kubectl top` pointed
 * straight at the core (`kubectl top nodes` needs `status.allocatable` for CPU% and MEMORY%).
 * Re-rendering rather than proxying the API server: no extra API-server load per `kubectl top`,
 * and the answer matches the node set the core scrapes. What the records do not keep (taints,
 * images, most of nodeInfo, condition times) is absent; in-cluster, behind an APIService, the
 * aggregator serves `/api/v1/nodes` itself and this path is not used.
 */
export function nodeObject(node: NodeView): Record<string, unknown> {
  const status: Record<string, unknown> = {
    capacity: resourceList(node.capacity),
    allocatable: resourceList(node.allocatable),
    conditions: [
      {
        type: 'Ready',
        status: node.ready ? 'True' : 'False',
        reason: node.ready ? 'KubeletReady' : 'KubeletNotReady',
      },
    ],
    addresses: node.addresses.map(a => ({ type: a.type, address: a.address })),
  };
  if (node.kubeletPort !== undefined)
    status.daemonEndpoints = { kubeletEndpoint: { Port: node.kubeletPort } };
  const nodeInfo = systemInfo(node);
  if (Object.keys(nodeInfo).length > 0) status.nodeInfo = nodeInfo;
  return {
    metadata: nodeMetadata(node),
    spec: node.unschedulable ? { unschedulable: true } : {},
    status,
  };
}

/** status.nodeInfo: the strings the directory keeps, in v1.NodeSystemInfo's field order. */
function systemInfo(node: NodeView): Record<string, string> {
  const info: Record<string, string> = {};
  if (node.kernelVersion !== undefined) info.kernelVersion = node.kernelVersion;
  if (node.osImage !== undefined) info.osImage = node.osImage;
  if (node.containerRuntimeVersion !== undefined)
    info.containerRuntimeVersion = node.containerRuntimeVersion;
  if (node.kubeletVersion !== undefined) info.kubeletVersion = node.kubeletVersion;
  return info;
}

export function nodeMetadata(node: NodeView): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    name: node.name,
    uid: node.uid,
    resourceVersion: node.resourceVersion,
    creationTimestamp: Number.isFinite(node.creationTimestamp)
      ? rfc3339Seconds(node.creationTimestamp)
      : null,
  };
  if (Object.keys(node.labels).length > 0) metadata.labels = node.labels;
  return metadata;
}

/** A v1.ResourceList of amounts, quantities as the API server prints them. */
export function resourceList(amounts: ResourceView): Record<string, string> {
  const list: Record<string, string> = {};
  if (amounts.cpuMillis !== undefined) list.cpu = formatMilliCPU(amounts.cpuMillis);
  if (amounts.ephemeralBytes !== undefined)
    list['ephemeral-storage'] = formatBytes(amounts.ephemeralBytes);
  if (amounts.memoryBytes !== undefined) list.memory = formatBytes(amounts.memoryBytes);
  if (amounts.pods !== undefined) list.pods = String(amounts.pods);
  for (const [name, value] of Object.entries(amounts.extended ?? {})) {
    list[name] = name.startsWith('hugepages-') ? formatBytes(value) : String(value);
  }
  return list;
}

/**
 * kube-apiserver's node columns (`NAME STATUS ROLES AGE VERSION`; `-o wide` adds addresses,
 * OS image, kernel and container runtime).
 */
export const NODE_COLUMNS: readonly TableColumn[] = [
  { name: 'Name', type: 'string', format: 'name', description: 'Name of the node' },
  { name: 'Status', type: 'string', description: 'The status of the node' },
  { name: 'Roles', type: 'string', description: 'The roles of the node' },
  { name: 'Age', type: 'string', description: 'Time since the node was created' },
  { name: 'Version', type: 'string', description: 'Kubelet Version reported by the node.' },
  { name: 'Internal-IP', type: 'string', description: 'InternalIP address', priority: 1 },
  { name: 'External-IP', type: 'string', description: 'ExternalIP address', priority: 1 },
  { name: 'OS-Image', type: 'string', description: 'OS Image reported by the node.', priority: 1 },
  {
    name: 'Kernel-Version',
    type: 'string',
    description: 'Kernel Version reported by the node.',
    priority: 1,
  },
  {
    name: 'Container-Runtime',
    type: 'string',
    description: 'ContainerRuntime Version reported by the node.',
    priority: 1,
  },
];

export function nodeRow(node: NodeView, nowMs: number): TableRow {
  const address = (type: string): string =>
    node.addresses.find(a => a.type === type)?.address ?? '<none>';
  return {
    cells: [
      node.name,
      `${node.ready ? 'Ready' : 'NotReady'}${node.unschedulable ? ',SchedulingDisabled' : ''}`,
      roles(node.labels),
      Number.isFinite(node.creationTimestamp)
        ? humanDuration(nowMs - node.creationTimestamp)
        : '<unknown>',
      node.kubeletVersion ?? '',
      address('InternalIP'),
      address('ExternalIP'),
      orUnknown(node.osImage),
      orUnknown(node.kernelVersion),
      orUnknown(node.containerRuntimeVersion),
    ],
    objectJson: () => JSON.stringify(nodeObject(node)),
    metadataJson: () => JSON.stringify(nodeMetadata(node)),
  };
}

/** kubectl's ROLES: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role` values. */
function roles(labels: Readonly<Record<string, string>>): string {
  const found = new Set<string>();
  for (const [key, value] of Object.entries(labels)) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role !== '') found.add(role);
    } else if (key === 'kubernetes.io/role' && value !== '') {
      found.add(value);
    }
  }
  return found.size === 0 ? '<none>' : [...found].sort().join(',');
}

/** kubectl prints `<unknown>` for an empty nodeInfo string. */
function orUnknown(value: string | undefined): string {
  return value === undefined || value === '' ? '<unknown>' : value;
}
