#!/usr/bin/env node
// Scenario "kube-pod-records": heap per pod of the slim pod records the informers keep.
//
// Converts PODS realistic v1.Pod objects (2 containers with requests/limits, labels, owner
// references, statuses, managedFields) into @heapster/kube's PodInfo records, keeps them in a Map
// by namespace/name as ClusterCache does, and prints heap bytes per record.
// Run: node --expose-gc bench/kube-pod-records.mjs [--pods N]
import { ConversionContext, toPodInfo } from '@heapster/kube';

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(2);
}
const flag = process.argv.indexOf('--pods');
const pods = flag >= 0 ? Number(process.argv[flag + 1]) : 100_000;

function container(name, i) {
  return {
    name,
    image: `registry.local/team-${i % 20}/${name}:1.${i % 7}`,
    resources: {
      requests: {
        cpu: ['100m', '0.25', '500m'][i % 3],
        memory: ['128Mi', '268435456', '1Gi'][i % 3],
      },
      limits: { cpu: '1', memory: '2Gi' },
    },
    ports: [{ containerPort: 8080, protocol: 'TCP' }],
    env: [{ name: 'MODE', value: 'production' }],
  };
}

function podJson(i) {
  const namespace = `team-${i % 20}`;
  const name = `web-${i.toString(36).padStart(6, '0')}-x7k2p`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: `4f1c${i.toString(16).padStart(8, '0')}-7e2d-4a55-9a3e-0c1d2e3f4a5b`,
      resourceVersion: String(1000 + i),
      creationTimestamp: '2026-11-22T00:00:00Z',
      labels: { app: `web-${i % 50}`, 'pod-template-hash': 'x7k2p', tier: 'backend' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `web-${i % 50}-x7k2p`, uid: 'u' },
      ],
      managedFields: [
        { manager: 'kube-controller-manager', operation: 'Update', fieldsV1: { f: {} } },
      ],
    },
    spec: {
      nodeName: `node-${i % 1000}`,
      containers: [container('app', i), container('sidecar', i)],
    },
    status: {
      phase: 'Running',
      podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      startTime: '2026-11-22T00:00:05Z',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        {
          name: 'app',
          ready: true,
          restartCount: i % 4,
          image: 'x',
          imageID: 'y',
          containerID: 'z',
        },
        {
          name: 'sidecar',
          ready: true,
          restartCount: 0,
          image: 'x',
          imageID: 'y',
          containerID: 'z',
        },
      ],
    },
  };
}

function heap() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

const context = new ConversionContext();
const cache = new Map();
const before = heap();
const started = process.hrtime.bigint();
for (let i = 0; i < pods; i++) {
  const info = toPodInfo(podJson(i), context);
  cache.set(`${info.namespace}/${info.name}`, info);
}
const convertMs = Number(process.hrtime.bigint() - started) / 1e6;
const bytes = heap() - before;
console.log(
  JSON.stringify(
    {
      scenario: 'kube-pod-records',
      pods: cache.size,
      heapBytesPerPod: Math.round(bytes / pods),
      convertMicrosPerPod: Number(((convertMs * 1000) / pods).toFixed(2)),
      node: process.version,
    },
    null,
    2,
  ),
);
