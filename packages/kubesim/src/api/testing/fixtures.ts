import { rfc3339 } from '../in-memory-object-store.js';
import type { NewObject } from '../in-memory-object-store.js';
import type { KubeObject, ObjectStore } from '../object-store.js';

/** Realistic-looking objects for API tests (shapes as a 1.20 cluster serves them). */

export function namespaceObject(name: string, createdMs: number): NewObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      creationTimestamp: rfc3339(createdMs),
      labels: { 'kubernetes.io/metadata.name': name },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export function nodeObject(
  name: string,
  createdMs: number,
  options: { ready?: boolean; roles?: string[]; ip?: string; labels?: Record<string, string> } = {},
): NewObject {
  const labels: Record<string, string> = {
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    ...options.labels,
  };
  for (const role of options.roles ?? []) labels[`node-role.kubernetes.io/${role}`] = '';
  const transition = rfc3339(createdMs);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, creationTimestamp: rfc3339(createdMs), labels },
    spec: { podCIDR: '10.244.0.0/24', providerID: `kubesim://${name}` },
    status: {
      capacity: { cpu: '4', memory: '16393156Ki', pods: '110', 'ephemeral-storage': '102350Mi' },
      allocatable: { cpu: '4', memory: '16290756Ki', pods: '110', 'ephemeral-storage': '94318Mi' },
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          lastHeartbeatTime: transition,
          lastTransitionTime: transition,
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
        },
        {
          type: 'Ready',
          status: options.ready === false ? 'False' : 'True',
          lastHeartbeatTime: transition,
          lastTransitionTime: transition,
          reason: options.ready === false ? 'KubeletNotReady' : 'KubeletReady',
          message:
            options.ready === false
              ? 'container runtime is down'
              : 'kubelet is posting ready status',
        },
      ],
      addresses: [
        { type: 'InternalIP', address: options.ip ?? '10.0.0.10' },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: 'c0ffee',
        systemUUID: 'c0ffee',
        bootID: 'b00t',
        kernelVersion: '5.10.0-21-amd64',
        osImage: 'Debian GNU/Linux 11 (bullseye)',
        containerRuntimeVersion: 'containerd://1.4.3',
        kubeletVersion: 'v1.20.2',
        kubeProxyVersion: 'v1.20.2',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

export function podObject(
  namespace: string,
  name: string,
  createdMs: number,
  options: {
    node?: string;
    labels?: Record<string, string>;
    ip?: string;
    phase?: string;
    restarts?: number;
    ready?: boolean;
  } = {},
): NewObject {
  const phase = options.phase ?? 'Running';
  const running = phase === 'Running';
  const started = rfc3339(createdMs + 2000);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      creationTimestamp: rfc3339(createdMs),
      labels: options.labels ?? {},
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'registry.k8s.io/pause:3.2',
          resources: { requests: { cpu: '100m', memory: '64Mi' } },
        },
      ],
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'default',
      ...(options.node === undefined ? {} : { nodeName: options.node }),
    },
    status: {
      phase,
      conditions: [
        { type: 'Ready', status: running && options.ready !== false ? 'True' : 'False' },
      ],
      ...(options.ip === undefined ? {} : { podIP: options.ip, podIPs: [{ ip: options.ip }] }),
      ...(options.node === undefined ? {} : { hostIP: '10.0.0.10', startTime: started }),
      containerStatuses: [
        {
          name: 'app',
          ready: running && options.ready !== false,
          restartCount: options.restarts ?? 0,
          image: 'registry.k8s.io/pause:3.2',
          imageID:
            'registry.k8s.io/pause@sha256:927d98197ec1141a368550822d18fa1c60bdae27b78b0c004f705f548c07814f',
          state: running
            ? { running: { startedAt: started } }
            : { waiting: { reason: 'ContainerCreating' } },
        },
      ],
    },
  };
}

export function eventObject(
  namespace: string,
  name: string,
  atMs: number,
  options: {
    kind?: string;
    object?: string;
    reason?: string;
    type?: string;
    message?: string;
    count?: number;
    component?: string;
  } = {},
): NewObject {
  const at = rfc3339(atMs);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace, creationTimestamp: at },
    involvedObject: {
      kind: options.kind ?? 'Pod',
      namespace,
      name: options.object ?? 'web-1',
      apiVersion: 'v1',
    },
    reason: options.reason ?? 'Scheduled',
    message:
      options.message ??
      `Successfully assigned ${namespace}/${options.object ?? 'web-1'} to node-a`,
    source: { component: options.component ?? 'default-scheduler' },
    firstTimestamp: at,
    lastTimestamp: at,
    count: options.count ?? 1,
    type: options.type ?? 'Normal',
    eventTime: null,
    reportingComponent: '',
    reportingInstance: '',
  };
}

/** A small cluster: 3 namespaces, 3 nodes, 5 pods, 3 events. Returns what it created. */
export function populateSmallCluster(store: ObjectStore, nowMs: number): KubeObject[] {
  const day = 86_400_000;
  const created: KubeObject[] = [];
  for (const ns of ['default', 'kube-system', 'team-a'])
    created.push(store.create(namespaceObject(ns, nowMs - 10 * day)));
  created.push(
    store.create(
      nodeObject('node-a', nowMs - 3 * day, {
        roles: ['control-plane', 'master'],
        ip: '10.0.0.10',
      }),
    ),
  );
  created.push(store.create(nodeObject('node-b', nowMs - 3 * day, { ip: '10.0.0.11' })));
  created.push(
    store.create(nodeObject('node-c', nowMs - 5 * 60_000, { ready: false, ip: '10.0.0.12' })),
  );
  created.push(
    store.create(
      podObject('default', 'web-1', nowMs - 2 * 3_600_000, {
        node: 'node-b',
        labels: { app: 'web', tier: 'frontend' },
        ip: '10.244.1.5',
        restarts: 2,
      }),
    ),
  );
  created.push(
    store.create(
      podObject('default', 'web-2', nowMs - 2 * 3_600_000, {
        node: 'node-b',
        labels: { app: 'web', tier: 'frontend' },
        ip: '10.244.1.6',
      }),
    ),
  );
  created.push(
    store.create(
      podObject('default', 'db-0', nowMs - day, {
        node: 'node-a',
        labels: { app: 'db' },
        ip: '10.244.0.7',
      }),
    ),
  );
  created.push(
    store.create(
      podObject('kube-system', 'coredns-74ff55c5b-x2x9z', nowMs - 3 * day, {
        node: 'node-a',
        labels: { 'k8s-app': 'kube-dns' },
        ip: '10.244.0.2',
      }),
    ),
  );
  created.push(
    store.create(
      podObject('team-a', 'batch-7', nowMs - 90_000, {
        labels: { app: 'batch' },
        phase: 'Pending',
      }),
    ),
  );
  created.push(store.create(eventObject('default', 'web-1.16b7a1c2d3e4f5a6', nowMs - 3 * 60_000)));
  created.push(
    store.create(
      eventObject('default', 'db-0.16b7a1c2d3e4f5a7', nowMs - 65_000, {
        object: 'db-0',
        reason: 'BackOff',
        type: 'Warning',
        message: 'Back-off restarting failed container',
        count: 4,
        component: 'kubelet',
      }),
    ),
  );
  created.push(
    store.create(
      eventObject('kube-system', 'node-c.16b7a1c2d3e4f5a8', nowMs - 30_000, {
        kind: 'Node',
        object: 'node-c',
        reason: 'NodeNotReady',
        type: 'Warning',
        message: 'Node node-c status is now: NodeNotReady',
        component: 'node-controller',
      }),
    ),
  );
  return created;
}
