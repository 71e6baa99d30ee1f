import { field, list, num, text } from '../object-access.js';
import type { KubeObject } from '../object-store.js';
import { ageSince } from './human-duration.js';
import { AGE_DESCRIPTION, NAME_DESCRIPTION, column } from './table-types.js';
import type { TableCell, TablePrinter, TableRowCondition } from './table-types.js';

const SUCCEEDED: TableRowCondition[] = [
  {
    type: 'Completed',
    status: 'True',
    reason: 'Succeeded',
    message: 'The pod has completed successfully.',
  },
];
const FAILED: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

/** printPod as in Kubernetes 1.20: Name Ready Status Restarts Age, wide: IP Node Nominated Node Readiness Gates. */
export const POD_PRINTER: TablePrinter = {
  columns: [
    column('Name', NAME_DESCRIPTION, { format: 'name' }),
    column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'The aggregate status of the containers in this pod.'),
    column('Restarts', 'The number of times the containers in this pod have been restarted.', {
      type: 'integer',
    }),
    column('Age', AGE_DESCRIPTION),
    column(
      'IP',
      'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
      { priority: 1 },
    ),
    column('Node', 'NodeName is a request to schedule this pod onto a specific node.', {
      priority: 1,
    }),
    column(
      'Nominated Node',
      'nominatedNodeName is set only when this pod preempts other pods on the node.',
      { priority: 1 },
    ),
    column(
      'Readiness Gates',
      'If specified, all readiness gates will be evaluated for pod readiness.',
      { priority: 1 },
    ),
  ],
  cells(pod: KubeObject, nowMs: number): TableCell[] {
    const { reason, ready, restarts } = podStatusSummary(pod);
    const total = list(pod, 'spec', 'containers').length;
    const podIPs = list(pod, 'status', 'podIPs');
    const ip = podIPs.length > 0 ? text(podIPs[0], 'ip') : text(pod, 'status', 'podIP');
    return [
      pod.metadata.name,
      `${ready}/${total}`,
      reason,
      restarts,
      ageSince(pod.metadata.creationTimestamp, nowMs),
      ip === '' ? '<none>' : ip,
      orNone(text(pod, 'spec', 'nodeName')),
      orNone(text(pod, 'status', 'nominatedNodeName')),
      readinessGates(pod),
    ];
  },
  conditions(pod: KubeObject): TableRowCondition[] | undefined {
    const phase = text(pod, 'status', 'phase');
    if (phase === 'Succeeded') return SUCCEEDED;
    if (phase === 'Failed') return FAILED;
    return undefined;
  },
};

function podStatusSummary(pod: KubeObject): { reason: string; ready: number; restarts: number } {
  let restarts = 0;
  let ready = 0;
  let reason = text(pod, 'status', 'reason') || text(pod, 'status', 'phase');
  let initializing = false;
  const initStatuses = list(pod, 'status', 'initContainerStatuses');
  const initCount = list(pod, 'spec', 'initContainers').length;
  for (let i = 0; i < initStatuses.length; i += 1) {
    const c = initStatuses[i];
    restarts += num(c, 'restartCount');
    const terminated = field(c, 'state', 'terminated');
    const waitingReason = text(c, 'state', 'waiting', 'reason');
    if (terminated !== undefined && num(terminated, 'exitCode') === 0) continue;
    if (terminated !== undefined) {
      const r = text(terminated, 'reason');
      if (r !== '') reason = `Init:${r}`;
      else if (num(terminated, 'signal') !== 0) reason = `Init:Signal:${num(terminated, 'signal')}`;
      else reason = `Init:ExitCode:${num(terminated, 'exitCode')}`;
    } else if (waitingReason !== '' && waitingReason !== 'PodInitializing') {
      reason = `Init:${waitingReason}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }
  if (!initializing) {
    restarts = 0;
    let hasRunning = false;
    const statuses = list(pod, 'status', 'containerStatuses');
    for (let i = statuses.length - 1; i >= 0; i -= 1) {
      const c = statuses[i];
      restarts += num(c, 'restartCount');
      const waiting = text(c, 'state', 'waiting', 'reason');
      const terminated = field(c, 'state', 'terminated');
      if (waiting !== '') reason = waiting;
      else if (terminated !== undefined && text(terminated, 'reason') !== '')
        reason = text(terminated, 'reason');
      else if (terminated !== undefined) {
        const signal = num(terminated, 'signal');
        reason = signal !== 0 ? `Signal:${signal}` : `ExitCode:${num(terminated, 'exitCode')}`;
      } else if (field(c, 'ready') === true && field(c, 'state', 'running') !== undefined) {
        hasRunning = true;
        ready += 1;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = list(pod, 'status', 'conditions').some(
        c => text(c, 'type') === 'Ready' && text(c, 'status') === 'True',
      );
      reason = podReady ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp !== undefined) {
    reason = text(pod, 'status', 'reason') === 'NodeLost' ? 'Unknown' : 'Terminating';
  }
  return { reason, ready, restarts };
}

function readinessGates(pod: KubeObject): string {
  const gates = list(pod, 'spec', 'readinessGates');
  if (gates.length === 0) return '<none>';
  const conditions = list(pod, 'status', 'conditions');
  let trueCount = 0;
  for (const gate of gates) {
    const condition = conditions.find(c => text(c, 'type') === text(gate, 'conditionType'));
    if (condition !== undefined && text(condition, 'status') === 'True') trueCount += 1;
  }
  return `${trueCount}/${gates.length}`;
}

function orNone(value: string): string {
  return value === '' ? '<none>' : value;
}
