// Objects shaped as a 1.2x API server serialises them (trimmed real `kubectl get -o json`
// output), for conversion tests and for seeding kubesim's store.

export function nodeJson(
  name: string,
  overrides: { ready?: boolean; port?: number; ip?: string; rv?: string } = {},
): Record<string, any> {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-${name}`,
      resourceVersion: overrides.rv ?? '1021',
      creationTimestamp: '2026-11-20T08:15:02Z',
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'node-role.kubernetes.io/worker': '',
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        'example.com/host-id': `host-${name}`,
      },
      managedFields: [
        {
          manager: 'kubelet',
          operation: 'Update',
          apiVersion: 'v1',
          time: '2026-11-20T08:15:02Z',
          fieldsType: 'FieldsV1',
          fieldsV1: {},
        },
      ],
    },
    spec: {
      podCIDR: '10.244.1.0/24',
      podCIDRs: ['10.244.1.0/24'],
      providerID: `kind://docker/kind/${name}`,
    },
    status: {
      capacity: {
        cpu: '8',
        'ephemeral-storage': '263174212Ki',
        'hugepages-2Mi': '0',
        memory: '32795324Ki',
        pods: '110',
        'nvidia.com/gpu': '2',
      },
      allocatable: {
        cpu: '7800m',
        'ephemeral-storage': '263174212Ki',
        'hugepages-2Mi': '0',
        memory: '32692924Ki',
        pods: '110',
        'nvidia.com/gpu': '2',
      },
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          lastHeartbeatTime: '2026-11-22T00:10:00Z',
          lastTransitionTime: '2026-11-20T08:15:02Z',
          reason: 'KubeletHasSufficientMemory',
          message: '',
        },
        {
          type: 'Ready',
          status: overrides.ready === false ? 'False' : 'True',
          lastHeartbeatTime: '2026-11-22T00:10:00Z',
          lastTransitionTime: '2026-11-20T08:15:40Z',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        },
      ],
      addresses: [
        { type: 'InternalIP', address: overrides.ip ?? '172.18.0.3' },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: overrides.port ?? 10250 } },
      nodeInfo: {
        kubeletVersion: 'v1.27.3',
        containerRuntimeVersion: 'containerd://1.7.1',
        osImage: 'Ubuntu 22.04.2 LTS',
      },
      images: [{ names: ['registry.k8s.io/etcd:3.5.7-0'], sizeBytes: 101639218 }],
    },
  };
}

export function podJson(
  namespace: string,
  name: string,
  overrides: { node?: string; rv?: string; restarts?: number; phase?: string; uid?: string } = {},
): Record<string, any> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${name.slice(0, -5)}-`,
      namespace,
      uid: overrides.uid ?? `0b6f3c1e-7e2d-4a55-9a3e-${name.padEnd(12, '0').slice(0, 12)}`,
      resourceVersion: overrides.rv ?? '52411',
      creationTimestamp: '2026-11-21T10:00:00Z',
      labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' },
      annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-21T09:59:00Z' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-7d4b9c8f6d',
          uid: 'rs-uid',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
      managedFields: [
        {
          manager: 'kube-controller-manager',
          operation: 'Update',
          apiVersion: 'v1',
          time: '2026-11-21T10:00:00Z',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:metadata': {} },
        },
      ],
    },
    spec: {
      volumes: [
        {
          name: 'kube-api-access-x',
          projected: {
            sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }],
            defaultMode: 420,
          },
        },
      ],
      initContainers: [
        {
          name: 'migrate',
          image: 'example/migrate:1.2',
          resources: { requests: { cpu: '50m', memory: '32Mi' } },
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      containers: [
        {
          name: 'web',
          image: 'nginx:1.25',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          env: [{ name: 'MODE', value: 'production' }],
          resources: {
            requests: { cpu: '250m', memory: '64Mi', 'ephemeral-storage': '1Gi' },
            limits: { cpu: '1', memory: '128Mi', 'nvidia.com/gpu': '1' },
          },
          volumeMounts: [
            {
              name: 'kube-api-access-x',
              readOnly: true,
              mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
            },
          ],
          livenessProbe: {
            httpGet: { path: '/healthz', port: 80, scheme: 'HTTP' },
            periodSeconds: 10,
          },
          terminationMessagePath: '/dev/termination-log',
          imagePullPolicy: 'IfNotPresent',
        },
        {
          name: 'sidecar',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'sleep infinity'],
          resources: {},
        },
      ],
      restartPolicy: 'Always',
      nodeName: overrides.node ?? 'node-1',
      serviceAccountName: 'default',
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
    },
    status: {
      phase: overrides.phase ?? 'Running',
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: '2026-11-21T10:00:09Z',
        },
      ],
      hostIP: '172.18.0.3',
      podIP: '10.244.1.17',
      podIPs: [{ ip: '10.244.1.17' }],
      startTime: '2026-11-21T10:00:01Z',
      initContainerStatuses: [
        {
          name: 'migrate',
          state: { terminated: { exitCode: 0, reason: 'Completed' } },
          ready: true,
          restartCount: 1,
          image: 'example/migrate:1.2',
          imageID: '',
          containerID: 'containerd://aa',
        },
      ],
      containerStatuses: [
        {
          name: 'sidecar',
          state: { running: { startedAt: '2026-11-21T10:00:05Z' } },
          ready: true,
          restartCount: 0,
          image: 'busybox:1.36',
          imageID: '',
          containerID: 'containerd://bb',
        },
        {
          name: 'web',
          state: { running: { startedAt: '2026-11-21T10:00:08Z' } },
          ready: true,
          restartCount: overrides.restarts ?? 3,
          image: 'nginx:1.25',
          imageID: '',
          containerID: 'containerd://cc',
        },
      ],
      qosClass: 'Burstable',
    },
  };
}

export function namespaceJson(name: string): Record<string, any> {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      uid: `ns-${name}`,
      resourceVersion: '12',
      creationTimestamp: '2026-11-20T08:14:00Z',
      labels: { 'kubernetes.io/metadata.name': name },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export function eventJson(
  namespace: string,
  name: string,
  extra: Record<string, any> = {},
): Record<string, any> {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace, creationTimestamp: '2026-11-21T10:00:01Z' },
    involvedObject: {
      kind: 'Pod',
      namespace,
      name: 'web-7d4b9c8f6d-abcde',
      uid: 'pod-uid',
      apiVersion: 'v1',
      resourceVersion: '52400',
      fieldPath: 'spec.containers{web}',
    },
    reason: 'Pulled',
    message: 'Container image "nginx:1.25" already present on machine',
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: '2026-11-21T10:00:01Z',
    lastTimestamp: '2026-11-21T10:00:01Z',
    count: 1,
    type: 'Normal',
    eventTime: null,
    reportingComponent: '',
    reportingInstance: '',
    ...extra,
  };
}
