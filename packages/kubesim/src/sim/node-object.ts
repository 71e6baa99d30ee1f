import type { KubeObject } from '../api/object-store.js';
import type { SimNode } from './model-types.js';
import { kibibytes, millicores } from './quantities.js';
import { rfc3339 } from './time-format.js';

export const KUBELET_VERSION = 'v1.29.4';

/** Renders a SimNode as the core/v1 Node JSON a kubelet registers and keeps updated. */
export function nodeObject(node: SimNode, now: number): KubeObject {
  const heartbeat = rfc3339(now);
  const since = rfc3339(node.createdAt + 30_000);
  const reservedCpu = node.cpuMillicores >= 16_000 ? 190 : 90;
  const memory = kibibytes(node.memoryBytes);
  const allocatableMemory = kibibytes(node.memoryBytes - Math.round(node.memoryBytes * 0.07) - 100 * 1024 * 1024);
  const ephemeral = kibibytes(node.fsCapacity);
  const capacity: Record<string, string> = {
    cpu: millicores(node.cpuMillicores).text,
    'ephemeral-storage': ephemeral.text,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: memory.text,
    pods: String(node.maxPods),
  };
  const allocatable: Record<string, string> = {
    cpu: millicores(node.cpuMillicores - reservedCpu).text,
    // The kubelet writes allocatable ephemeral storage in plain bytes.
    'ephemeral-storage': String(Math.floor(node.fsCapacity * 0.9)),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: allocatableMemory.text,
    pods: String(node.maxPods),
  };
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/instance-type': node.machineType,
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': node.name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': node.machineType,
    'topology.kubernetes.io/region': 'sim-region-1',
    'topology.kubernetes.io/zone': node.zone,
  };
  if (node.gpuModel !== undefined) {
    capacity['nvidia.com/gpu'] = String(node.gpuCount);
    allocatable['nvidia.com/gpu'] = String(node.gpuCount);
    labels['cloud.google.com/gke-accelerator'] = node.gpuModel;
    labels.accelerator = node.gpuModel;
  }
  if (node.index === 0) labels['node-role.kubernetes.io/control-plane'] = '';
  const ready = node.ready
    ? { type: 'Ready', status: 'True', lastHeartbeatTime: heartbeat, lastTransitionTime: since, reason: 'KubeletReady', message: 'kubelet is posting ready status' }
    : { type: 'Ready', status: 'Unknown', lastHeartbeatTime: heartbeat, lastTransitionTime: heartbeat, reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' };
  const addresses = [
    ...(node.addressUsable ? [{ type: 'InternalIP', address: node.address }] : []),
    { type: 'Hostname', address: node.name },
  ];
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      uid: node.systemUuid,
      resourceVersion: '',
      creationTimestamp: rfc3339(node.createdAt),
      labels,
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `${node.podCidrPrefix}.0/24`,
      podCIDRs: [`${node.podCidrPrefix}.0/24`],
      providerID: `kubesim://sim-region-1/${node.zone}/${node.name}`,
      ...(node.ready ? {} : { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: heartbeat }] }),
    },
    status: {
      capacity,
      allocatable,
      conditions: [
        { type: 'MemoryPressure', status: node.ready ? 'False' : 'Unknown', lastHeartbeatTime: heartbeat, lastTransitionTime: since, reason: node.ready ? 'KubeletHasSufficientMemory' : 'NodeStatusUnknown', message: node.ready ? 'kubelet has sufficient memory available' : 'Kubelet stopped posting node status.' },
        { type: 'DiskPressure', status: node.ready ? 'False' : 'Unknown', lastHeartbeatTime: heartbeat, lastTransitionTime: since, reason: node.ready ? 'KubeletHasNoDiskPressure' : 'NodeStatusUnknown', message: node.ready ? 'kubelet has no disk pressure' : 'Kubelet stopped posting node status.' },
        { type: 'PIDPressure', status: node.ready ? 'False' : 'Unknown', lastHeartbeatTime: heartbeat, lastTransitionTime: since, reason: node.ready ? 'KubeletHasSufficientPID' : 'NodeStatusUnknown', message: node.ready ? 'kubelet has sufficient PID available' : 'Kubelet stopped posting node status.' },
        ready,
      ],
      addresses,
      daemonEndpoints: { kubeletEndpoint: { Port: node.kubeletPort } },
      nodeInfo: {
        machineID: node.machineId,
        systemUUID: node.systemUuid,
        bootID: node.bootId,
        kernelVersion: '6.1.0-21-cloud-amd64',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.15',
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/** The Namespace JSON for one of the simulation's namespaces. */
export function namespaceObject(name: string, uid: string, createdAt: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid, resourceVersion: '', creationTimestamp: rfc3339(createdAt), labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}
