import { describe, expect, it } from '@jest/globals';
import { ConversionContext, ObjectDecodeError } from './conversion-context.js';
import { toKubeEvent } from './event-record.js';
import { toNamespaceInfo, toNodeInfo } from './node-record.js';
import { toPodInfo } from './pod-record.js';
import { NO_RESOURCES, toResourceAmounts } from './resource-amounts.js';
import { eventJson, namespaceJson, nodeJson, podJson } from './testing/fixtures.js';

const KI = 1024;
const MI = 1024 * KI;
const GI = 1024 * MI;

describe('toNodeInfo', () => {
  it('keeps only what the pipeline reads', () => {
    const node = toNodeInfo(nodeJson('node-1'), new ConversionContext(), ['example.com/host-id']);
    expect(node).toEqual({
      name: 'node-1',
      uid: 'uid-node-1',
      resourceVersion: '1021',
      labels: {
        'kubernetes.io/hostname': 'node-1',
        'kubernetes.io/os': 'linux',
        'node-role.kubernetes.io/worker': '',
      },
      annotations: { 'example.com/host-id': 'host-node-1' },
      externalID: '',
      unschedulable: false,
      ready: true,
      addresses: [
        { type: 'InternalIP', address: '172.18.0.3' },
        { type: 'Hostname', address: 'node-1' },
      ],
      kubeletPort: 10250,
      capacity: {
        cpuMillis: 8000,
        memoryBytes: 32795324 * KI,
        ephemeralBytes: 263174212 * KI,
        pods: 110,
        extended: { 'hugepages-2Mi': 0, 'nvidia.com/gpu': 2 },
      },
      allocatable: {
        cpuMillis: 7800,
        memoryBytes: 32692924 * KI,
        ephemeralBytes: 263174212 * KI,
        pods: 110,
        extended: { 'hugepages-2Mi': 0, 'nvidia.com/gpu': 2 },
      },
      creationTimestamp: Date.UTC(2026, 10, 20, 8, 15, 2),
      kubeletVersion: 'v1.27.3',
      osImage: 'Ubuntu 22.04.2 LTS',
      kernelVersion: '',
      containerRuntimeVersion: 'containerd://1.7.1',
    });
    expect(Object.isFrozen(node)).toBe(true);
  });

  it('keeps the nodeInfo strings kubectl prints and names a bad one', () => {
    const context = new ConversionContext();
    const raw = nodeJson('node-a');
    raw.status.nodeInfo.kernelVersion = '5.15.0-91-generic';
    raw.status.nodeInfo.bootID = 'not kept';
    const node = toNodeInfo(raw, context);
    expect(node.kernelVersion).toBe('5.15.0-91-generic');
    expect(node).not.toHaveProperty('bootID');
    const bare = nodeJson('node-c');
    delete bare.status.nodeInfo;
    expect(toNodeInfo(bare, context)).toMatchObject({
      kubeletVersion: '',
      osImage: '',
      kernelVersion: '',
      containerRuntimeVersion: '',
    });
    const bad = nodeJson('node-d');
    bad.status.nodeInfo.kubeletVersion = 127;
    expect(() => toNodeInfo(bad, context)).toThrow(
      new ObjectDecodeError('node node-d: status.nodeInfo.kubeletVersion is not a string'),
    );
  });

  it('reads NotReady, unschedulable, externalID, a missing kubelet port and no annotations asked for', () => {
    const raw = nodeJson('node-2', { ready: false, port: 0 });
    raw.spec.unschedulable = true;
    raw.spec.externalID = 'i-0abc';
    const node = toNodeInfo(raw, new ConversionContext());
    expect(node).toMatchObject({
      ready: false,
      unschedulable: true,
      externalID: 'i-0abc',
      kubeletPort: undefined,
      annotations: {},
    });
  });

  it('treats a node without conditions as not ready', () => {
    const raw = nodeJson('node-3');
    delete raw.status.conditions;
    expect(toNodeInfo(raw, new ConversionContext()).ready).toBe(false);
  });

  it('names the node and the field of a malformed object', () => {
    const raw = nodeJson('node-4');
    raw.status.addresses = 'InternalIP=1.2.3.4';
    expect(() => toNodeInfo(raw, new ConversionContext())).toThrow(
      new ObjectDecodeError('node node-4: status.addresses is not an array'),
    );
    const badQuantity = nodeJson('node-5');
    badQuantity.status.capacity.memory = '12 GB';
    expect(() => toNodeInfo(badQuantity, new ConversionContext())).toThrow(
      /node node-5: status.capacity.memory: .*12 GB/,
    );
    expect(() => toNodeInfo({ metadata: {} }, new ConversionContext())).toThrow(
      'node metadata.name is missing',
    );
    expect(() => toNodeInfo(null, new ConversionContext())).toThrow(
      'node metadata.name is missing',
    );
  });
});

describe('toPodInfo', () => {
  it('keeps identity, placement, times, containers with resources and restart counts', () => {
    const pod = toPodInfo(podJson('shop', 'web-7d4b9c8f6d-abcde'), new ConversionContext());
    expect(pod).toEqual({
      namespace: 'shop',
      name: 'web-7d4b9c8f6d-abcde',
      uid: '0b6f3c1e-7e2d-4a55-9a3e-web-7d4b9c8f',
      resourceVersion: '52411',
      nodeName: 'node-1',
      labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' },
      phase: 'Running',
      startTime: Date.UTC(2026, 10, 21, 10, 0, 1),
      creationTimestamp: Date.UTC(2026, 10, 21, 10, 0, 0),
      podIP: '10.244.1.17',
      containers: [
        {
          name: 'web',
          image: 'nginx:1.25',
          requests: { cpuMillis: 250, memoryBytes: 64 * MI, ephemeralBytes: GI, extended: {} },
          limits: { cpuMillis: 1000, memoryBytes: 128 * MI, extended: { 'nvidia.com/gpu': 1 } },
          restartCount: 3,
        },
        {
          name: 'sidecar',
          image: 'busybox:1.36',
          requests: NO_RESOURCES,
          limits: NO_RESOURCES,
          restartCount: 0,
        },
      ],
      initContainers: [
        {
          name: 'migrate',
          image: 'example/migrate:1.2',
          requests: { cpuMillis: 50, memoryBytes: 32 * MI, extended: {} },
          limits: NO_RESOURCES,
          restartCount: 1,
        },
      ],
    });
  });

  it('reads a pending pod: no node, no IP, no start time, no statuses', () => {
    const raw = podJson('shop', 'web-7d4b9c8f6d-pendi');
    delete raw.spec.nodeName;
    raw.status = { phase: 'Pending' };
    const pod = toPodInfo(raw, new ConversionContext());
    expect(pod).toMatchObject({ nodeName: '', podIP: '', startTime: undefined, phase: 'Pending' });
    expect(pod.containers.map(c => c.restartCount)).toEqual([0, 0]);
  });

  it('shares repeated strings and identical resource lists between pods', () => {
    const context = new ConversionContext();
    const a = toPodInfo(
      JSON.parse(JSON.stringify(podJson('shop', 'web-7d4b9c8f6d-aaaaa'))),
      context,
    );
    const b = toPodInfo(
      JSON.parse(JSON.stringify(podJson('shop', 'web-7d4b9c8f6d-bbbbb'))),
      context,
    );
    expect(b.containers[0]!.requests).toBe(a.containers[0]!.requests);
    expect(b.containers[0]!.limits).toBe(a.containers[0]!.limits);
  });

  it('names the pod and the field of a malformed object', () => {
    const raw = podJson('shop', 'web-7d4b9c8f6d-broke');
    raw.spec.containers[0].resources.limits.cpu = 2;
    expect(() => toPodInfo(raw, new ConversionContext())).toThrow(
      'pod shop/web-7d4b9c8f6d-broke: spec.containers[0].resources.limits.cpu is not a quantity string',
    );
    const noNamespace = podJson('shop', 'web-7d4b9c8f6d-nonss');
    delete noNamespace.metadata.namespace;
    expect(() => toPodInfo(noNamespace, new ConversionContext())).toThrow(
      'pod web-7d4b9c8f6d-nonss: metadata.namespace is missing',
    );
    const badTime = podJson('shop', 'web-7d4b9c8f6d-tiime');
    badTime.status.startTime = 'yesterday';
    expect(() => toPodInfo(badTime, new ConversionContext())).toThrow(
      'status.startTime is not a timestamp: "yesterday"',
    );
  });
});

describe('toResourceAmounts', () => {
  it.each([
    [{ cpu: '100m' }, { cpuMillis: 100, extended: {} }],
    [{ cpu: '0.1' }, { cpuMillis: 100, extended: {} }],
    [{ cpu: '1.5' }, { cpuMillis: 1500, extended: {} }],
    [{ cpu: '5e-1' }, { cpuMillis: 500, extended: {} }],
    [{ cpu: '0.0001' }, { cpuMillis: 1, extended: {} }],
    [{ memory: '1Gi' }, { memoryBytes: GI, extended: {} }],
    [{ memory: '1.5Gi' }, { memoryBytes: 1.5 * GI, extended: {} }],
    [{ memory: '512M' }, { memoryBytes: 512e6, extended: {} }],
    [{ memory: '128974848' }, { memoryBytes: 128974848, extended: {} }],
    [{ memory: '129e6' }, { memoryBytes: 129e6, extended: {} }],
    [
      { 'ephemeral-storage': '2Gi', pods: '110' },
      { ephemeralBytes: 2 * GI, pods: 110, extended: {} },
    ],
    [
      { 'hugepages-1Gi': '2Gi', 'example.com/fpga': '3' },
      { extended: { 'hugepages-1Gi': 2 * GI, 'example.com/fpga': 3 } },
    ],
  ])('converts %j', (list, expected) => {
    expect(toResourceAmounts(list, 'resources', new ConversionContext())).toEqual(expected);
  });

  it('maps an absent or empty list to the shared empty amounts', () => {
    const context = new ConversionContext();
    expect(toResourceAmounts(undefined, 'r', context)).toBe(NO_RESOURCES);
    expect(toResourceAmounts({}, 'r', context)).toBe(NO_RESOURCES);
  });
});

describe('toNamespaceInfo', () => {
  it('keeps name, uid, phase and creation time', () => {
    expect(toNamespaceInfo(namespaceJson('shop'), new ConversionContext())).toEqual({
      name: 'shop',
      uid: 'ns-shop',
      resourceVersion: '12',
      phase: 'Active',
      creationTimestamp: Date.UTC(2026, 10, 20, 8, 14, 0),
    });
  });
});

describe('toKubeEvent', () => {
  it('hands back the server JSON with timestamps as sent, minus managedFields', () => {
    const raw = eventJson('shop', 'web.17a', { lastTimestamp: '2026-11-21T10:00:01.123456Z' });
    raw.metadata.uid = 'ev-1';
    raw.metadata.resourceVersion = '77';
    raw.metadata.managedFields = [{ manager: 'kubelet' }];
    const event = toKubeEvent(raw);
    expect(event.lastTimestamp).toBe('2026-11-21T10:00:01.123456Z');
    expect(event.metadata).toEqual({
      name: 'web.17a',
      namespace: 'shop',
      uid: 'ev-1',
      resourceVersion: '77',
      creationTimestamp: '2026-11-21T10:00:01Z',
    });
    expect(event.eventTime).toBeNull();
  });

  it('rejects an event without identity or with a non-string timestamp', () => {
    expect(() => toKubeEvent(eventJson('shop', 'x'))).toThrow(
      'event shop/x: metadata.uid is missing',
    );
    const badTime = eventJson('shop', 'y', { lastTimestamp: 1700000000 });
    badTime.metadata.uid = 'u';
    badTime.metadata.resourceVersion = '1';
    expect(() => toKubeEvent(badTime)).toThrow(
      'event shop/y: lastTimestamp is not a timestamp string',
    );
  });
});
