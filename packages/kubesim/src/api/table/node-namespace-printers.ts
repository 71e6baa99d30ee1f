import { list, text } from '../object-access.js';
import type { KubeObject } from '../object-store.js';
import { ageSince } from './human-duration.js';
import { AGE_DESCRIPTION, NAME_DESCRIPTION, column } from './table-types.js';
import type { TableCell, TablePrinter } from './table-types.js';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** printNode: Name Status Roles Age Version, wide: addresses and node info. */
export const NODE_PRINTER: TablePrinter = {
  columns: [
    column('Name', NAME_DESCRIPTION, { format: 'name' }),
    column('Status', 'The status of the node'),
    column('Roles', 'The roles of the node'),
    column('Age', AGE_DESCRIPTION),
    column('Version', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'List of addresses reachable to the node.', { priority: 1 }),
    column('External-IP', 'List of addresses reachable to the node.', { priority: 1 }),
    column(
      'OS-Image',
      'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
      { priority: 1 },
    ),
    column(
      'Kernel-Version',
      "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
      { priority: 1 },
    ),
    column(
      'Container-Runtime',
      'ContainerRuntime Version reported by the node through runtime remote API (e.g. docker://1.5.0).',
      { priority: 1 },
    ),
  ],
  cells(node: KubeObject, nowMs: number): TableCell[] {
    const status: string[] = [];
    const ready = list(node, 'status', 'conditions').find(c => text(c, 'type') === 'Ready');
    if (ready !== undefined) status.push(text(ready, 'status') === 'True' ? 'Ready' : 'NotReady');
    if (status.length === 0) status.push('Unknown');
    if (text(node, 'spec', 'unschedulable') === 'true') status.push('SchedulingDisabled');
    const roles = nodeRoles(node.metadata.labels ?? {});
    return [
      node.metadata.name,
      status.join(','),
      roles.length > 0 ? roles.join(',') : '<none>',
      ageSince(node.metadata.creationTimestamp, nowMs),
      text(node, 'status', 'nodeInfo', 'kubeletVersion'),
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      orUnknown(text(node, 'status', 'nodeInfo', 'osImage')),
      orUnknown(text(node, 'status', 'nodeInfo', 'kernelVersion')),
      orUnknown(text(node, 'status', 'nodeInfo', 'containerRuntimeVersion')),
    ];
  },
  conditions: () => undefined,
};

/** printNamespace: Name Status Age. */
export const NAMESPACE_PRINTER: TablePrinter = {
  columns: [
    column('Name', NAME_DESCRIPTION, { format: 'name' }),
    column('Status', 'The status of the namespace'),
    column('Age', AGE_DESCRIPTION),
  ],
  cells: (ns: KubeObject, nowMs: number): TableCell[] => [
    ns.metadata.name,
    text(ns, 'status', 'phase'),
    ageSince(ns.metadata.creationTimestamp, nowMs),
  ],
  conditions: () => undefined,
};

/** findNodeRoles: node-role.kubernetes.io/<role> keys and the kubernetes.io/role value, sorted. */
function nodeRoles(labels: Readonly<Record<string, string>>): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(labels)) {
    if (key.startsWith(ROLE_PREFIX)) {
      const role = key.slice(ROLE_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (key === 'kubernetes.io/role' && value !== '') {
      roles.add(value);
    }
  }
  return [...roles].sort();
}

function address(node: KubeObject, type: string): string {
  const found = list(node, 'status', 'addresses').find(a => text(a, 'type') === type);
  return found === undefined ? '<none>' : text(found, 'address');
}

function orUnknown(value: string): string {
  return value === '' ? '<unknown>' : value;
}
