import type { KubeObject } from '../api/object-store.js';
import type { SimContainerSpec, SimNode, SimPod } from './model-types.js';
import { rfc3339 } from './time-format.js';

/** Renders a SimPod as the core/v1 Pod JSON the API server would return. */

type Json = Record<string, unknown>;

// Sub-objects that are the same for many pods are shared between their objects (the store
// treats objects as immutable), which matters at 100,000 pods.
const TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];
const EMPTY: Json = {};
const PROJECTED_SOURCES = [
  { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
  { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
];
const shared = new Map<string, unknown>();
function memo<T>(key: string, make: () => T): T {
  let value = shared.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    shared.set(key, value);
  }
  return value;
}

function containerJson(c: SimContainerSpec): Json {
  const resources: Json = {};
  if (c.requests !== undefined) resources.requests = c.requests;
  if (c.limits !== undefined) resources.limits = c.limits;
  const port = c.port;
  return {
    name: c.name,
    image: c.image,
    ...(port === undefined ? {} : { ports: memo(`port:${port}`, () => [{ containerPort: port, protocol: 'TCP' }]) }),
    resources,
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  };
}

function volumeJson(pod: SimPod): Json[] {
  return pod.volumes.map((v) => {
    switch (v.kind) {
      case 'projected':
        return {
          name: v.name,
          projected: { defaultMode: 420, sources: PROJECTED_SOURCES },
        };
      case 'configMap':
        return { name: v.name, configMap: { name: `${pod.spec.template.app}-config`, defaultMode: 420 } };
      case 'emptyDir':
        return { name: v.name, emptyDir: {} };
      case 'pvc':
        return { name: v.name, persistentVolumeClaim: { claimName: v.claimName } };
    }
  });
}

function condition(type: string, status: string, at: number, reason?: string): Json {
  return { type, status, lastProbeTime: null, lastTransitionTime: rfc3339(at), ...(reason === undefined ? {} : { reason }) };
}

function containerStatuses(pod: SimPod, now: number): Json[] {
  return pod.containers.map((c, i) => {
    const base = { name: c.name, image: c.image, imageID: c.imageId };
    if (pod.phase === 'Pending') {
      return { ...base, state: { waiting: { reason: 'ContainerCreating' } }, lastState: EMPTY, ready: false, restartCount: 0, started: false };
    }
    if (pod.phase === 'Succeeded' || pod.phase === 'Failed') {
      const exitCode = pod.phase === 'Succeeded' ? 0 : 1;
      return {
        ...base,
        containerID: c.containerId,
        state: { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: rfc3339(c.startTime), finishedAt: rfc3339(now), containerID: c.containerId } },
        lastState: EMPTY,
        ready: false,
        restartCount: c.restartCount,
        started: false,
      };
    }
    const lastState = c.restartCount > 0
      ? { terminated: { exitCode: 1, reason: 'Error', startedAt: rfc3339(c.startTime - 60_000), finishedAt: rfc3339(c.startTime) } }
      : EMPTY;
    if (pod.crashLooping && i === 0) {
      return {
        ...base,
        containerID: c.containerId,
        state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=${c.name} pod=${pod.name}_${pod.namespace}(${pod.uid})` } },
        lastState,
        ready: false,
        restartCount: c.restartCount,
        started: false,
      };
    }
    return {
      ...base,
      containerID: c.containerId,
      state: { running: { startedAt: rfc3339(c.startTime) } },
      lastState,
      ready: true,
      restartCount: c.restartCount,
      started: true,
    };
  });
}

export function podObject(pod: SimPod, node: SimNode, now: number): KubeObject {
  const spec = pod.spec;
  const created = spec.createdAt;
  const running = pod.phase === 'Running';
  const ready = running && !pod.crashLooping;
  const finished = pod.phase === 'Succeeded' || pod.phase === 'Failed';
  const conditions = [
    condition('Initialized', pod.phase === 'Pending' && spec.initContainers.length > 0 ? 'False' : 'True', created + 1000),
    condition('Ready', ready ? 'True' : 'False', ready ? pod.startTime : now, ready ? undefined : finished ? 'PodCompleted' : 'ContainersNotReady'),
    condition('ContainersReady', ready ? 'True' : 'False', ready ? pod.startTime : now, ready ? undefined : finished ? 'PodCompleted' : 'ContainersNotReady'),
    condition('PodScheduled', 'True', created),
  ];
  const initStatuses = spec.initContainers.map((c) => ({
    name: c.name,
    image: c.image,
    imageID: `${c.image.split(':')[0] ?? c.image}@sha256:${'0'.repeat(64)}`,
    ...(pod.phase === 'Pending'
      ? { state: { running: { startedAt: rfc3339(created + 1000) } }, ready: false, started: true }
      : { state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: rfc3339(created + 1000), finishedAt: rfc3339(pod.startTime) } }, ready: true, started: false }),
    lastState: {},
    restartCount: 0,
  }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: pod.name,
      namespace: pod.namespace,
      uid: pod.uid,
      resourceVersion: '',
      creationTimestamp: rfc3339(created),
      labels: pod.labels,
      ...(spec.generateName === undefined ? {} : { generateName: spec.generateName }),
      ownerReferences: memo(`owner:${spec.ownerUid}`, () => [
        { apiVersion: spec.ownerKind === 'Job' ? 'batch/v1' : 'apps/v1', kind: spec.ownerKind, name: spec.ownerName, uid: spec.ownerUid, controller: true, blockOwnerDeletion: true },
      ]),
    },
    spec: {
      volumes: volumeJson(pod),
      ...(spec.initContainers.length === 0 ? {} : { initContainers: spec.initContainers.map(containerJson) }),
      containers: spec.containers.map(containerJson),
      restartPolicy: spec.template.controller === 'Job' ? 'OnFailure' : 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      serviceAccount: 'default',
      nodeName: pod.nodeName,
      securityContext: EMPTY,
      schedulerName: 'default-scheduler',
      tolerations: TOLERATIONS,
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: {
      phase: pod.phase,
      conditions,
      hostIP: node.address,
      hostIPs: memo(`host:${node.address}`, () => [{ ip: node.address }]),
      podIP: pod.podIp,
      podIPs: [{ ip: pod.podIp }],
      startTime: rfc3339(created + 500),
      ...(initStatuses.length === 0 ? {} : { initContainerStatuses: initStatuses }),
      containerStatuses: containerStatuses(pod, now),
      qosClass: spec.qosClass,
    },
  };
}

/** A pod the scheduler cannot place (it asks for more GPUs than any node has). */
export function unschedulablePodObject(name: string, namespace: string, uid: string, createdAt: number, nodes: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, uid, resourceVersion: '', creationTimestamp: rfc3339(createdAt), labels: { app: 'big-trainer' } },
    spec: {
      containers: [
        containerJson({
          name: 'trainer',
          image: 'nvcr.io/nvidia/pytorch:24.03-py3',
          requests: { cpu: '8', memory: '64Gi', 'nvidia.com/gpu': '16' },
          limits: { 'nvidia.com/gpu': '16' },
        }),
      ],
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      priority: 0,
    },
    status: {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: rfc3339(createdAt),
          reason: 'Unschedulable',
          message: `0/${nodes} nodes are available: ${nodes} Insufficient nvidia.com/gpu.`,
        },
      ],
      qosClass: 'Burstable',
    },
  };
}
