import {
  ClusterCache,
  KubeApiClient,
  loadKubeConfig,
  parseKubernetesSourceUri,
} from '@heapster/kube';
import { createApiServer, InMemoryObjectStore, rfc3339, type ApiServer } from '@heapster/kubesim';
import type { ClusterSpec, NodeSpec, PodSpec } from './metrics-fixtures.js';

/** kubesim serving the spec's Nodes and Pods, and the core's informers synced from it. */
export interface InformedCluster {
  readonly cache: ClusterCache;
  readonly server: ApiServer;
  close(): Promise<void>;
}

function nodeObject(node: NodeSpec, createdMs: number) {
  return {
    apiVersion: 'v1',
    kind: 'Node' as const,
    metadata: {
      name: node.name,
      creationTimestamp: rfc3339(createdMs),
      labels: { 'kubernetes.io/hostname': node.name, ...node.labels },
    },
    spec: {},
    status: {
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      allocatable: {
        cpu: `${node.allocatableCpuMillis ?? 3900}m`,
        memory: `${node.allocatableMemoryBytes ?? 15 * 2 ** 30}`,
        pods: '110',
      },
      conditions: [{ type: 'Ready', status: 'True' }],
      addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        kubeletVersion: 'v1.20.2',
        osImage: 'Ubuntu 20.04.1 LTS',
        kernelVersion: '5.4.0-1029-gcp',
        containerRuntimeVersion: 'containerd://1.4.3',
        machineID: 'not kept by the informer',
      },
    },
  };
}

function podObject(pod: PodSpec, createdMs: number) {
  return {
    apiVersion: 'v1',
    kind: 'Pod' as const,
    metadata: {
      name: pod.name,
      namespace: pod.namespace,
      creationTimestamp: rfc3339(createdMs),
      labels: { ...pod.labels },
    },
    spec: {
      nodeName: pod.node,
      containers: pod.containers.map(c => ({ name: c.name, image: 'busybox', resources: {} })),
    },
    status: { phase: 'Running', podIP: '10.1.0.1' },
  };
}

export async function startInformedCluster(spec: ClusterSpec): Promise<InformedCluster> {
  const store = new InMemoryObjectStore();
  const created = spec.timestamp - 2 * 86_400_000;
  for (const namespace of new Set(spec.pods.map(p => p.namespace))) {
    store.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace, creationTimestamp: rfc3339(created) },
      status: { phase: 'Active' },
    });
  }
  for (const node of spec.nodes) store.create(nodeObject(node, created));
  for (const pod of spec.pods) store.create(podObject(pod, created));
  const server = await createApiServer({ store });
  const source = parseKubernetesSourceUri(
    `kubernetes.summary_api:${server.url}?inClusterConfig=false`,
    {},
  );
  const loaded = loadKubeConfig(source.apiServer, { env: {}, homeDir: null });
  const cache = new ClusterCache({ client: new KubeApiClient(loaded.kubeConfig) });
  cache.start();
  await cache.onSynced();
  return {
    cache,
    server,
    close: async () => {
      await cache.stop();
      await server.close();
    },
  };
}
