import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import { clusterApp } from '../testing/metrics-app.js';
import { SAMPLE } from '../testing/metrics-fixtures.js';

const TABLE =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const DISCOVERY_133 =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('discovery and /api/v1/nodes', () => {
  let app: FastifyInstance;
  const get = async (url: string, accept?: string) => {
    const res = await app.inject({ url, headers: accept === undefined ? {} : { accept } });
    return { status: res.statusCode, body: res.json(), type: res.headers['content-type'] };
  };

  beforeAll(async () => {
    app = await clusterApp(SAMPLE);
  });
  afterAll(() => app.close());

  it('advertises metrics.k8s.io with v1beta1 preferred, also to kubectl 1.33', async () => {
    const { body, type } = await get('/apis', DISCOVERY_133);
    expect(type).toMatch(/^application\/json/);
    expect(body).toEqual({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [
        {
          name: 'metrics.k8s.io',
          versions: [
            { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' },
            { groupVersion: 'metrics.k8s.io/v1alpha1', version: 'v1alpha1' },
          ],
          preferredVersion: { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' },
        },
      ],
    });
    expect((await get('/apis/metrics.k8s.io')).body).toMatchObject({
      kind: 'APIGroup',
      name: 'metrics.k8s.io',
    });
  });

  it('lists the two resources of each version, get and list only', async () => {
    for (const version of ['v1beta1', 'v1alpha1']) {
      const { body } = await get(`/apis/metrics.k8s.io/${version}`);
      expect(body.kind).toBe('APIResourceList');
      expect(body.groupVersion).toBe(`metrics.k8s.io/${version}`);
      expect(body.resources).toEqual([
        {
          name: 'nodes',
          singularName: '',
          namespaced: false,
          kind: 'NodeMetrics',
          verbs: ['get', 'list'],
        },
        {
          name: 'pods',
          singularName: '',
          namespaced: true,
          kind: 'PodMetrics',
          verbs: ['get', 'list'],
        },
      ]);
    }
    expect((await get('/apis/metrics.k8s.io/v2')).status).toBe(404);
  });

  it('serves /api, /api/v1 and /version', async () => {
    const api = await get('/api');
    expect(api.body).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: 'localhost:80' }],
    });
    const v1 = await get('/api/v1');
    expect(v1.body.resources.map((r: any) => [r.name, r.kind])).toEqual([
      ['nodes', 'Node'],
      ['pods', 'Pod'],
    ]);
    expect((await get('/version')).body).toMatchObject({
      gitVersion: 'v0.0.0-heapster',
      major: '0',
    });
  });

  it('renders nodes with allocatable quantities, sorted, selectable', async () => {
    const { body } = await get('/api/v1/nodes');
    expect(body.kind).toBe('NodeList');
    expect(body.items.map((n: any) => n.metadata.name)).toEqual(['node-a', 'node-b', 'node-c']);
    expect(body.items[0]).toEqual({
      metadata: {
        name: 'node-a',
        uid: 'uid-node-a',
        resourceVersion: '7',
        creationTimestamp: '2026-07-29T10:00:00Z',
        labels: { 'kubernetes.io/hostname': 'node-a', zone: 'a' },
      },
      spec: {},
      status: {
        capacity: { cpu: '4', memory: '16Gi', pods: '110' },
        allocatable: { cpu: '3900m', memory: '15Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
        addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: {
          kernelVersion: '',
          osImage: 'Ubuntu 20.04.1 LTS',
          containerRuntimeVersion: 'containerd://1.4.3',
          kubeletVersion: 'v1.20.2',
        },
      },
    });
    const one = await get('/api/v1/nodes/node-b');
    expect(one.body).toMatchObject({
      kind: 'Node',
      apiVersion: 'v1',
      metadata: { name: 'node-b' },
    });
    const selected = await get('/api/v1/nodes?labelSelector=zone%3Db');
    expect(selected.body.items.map((n: any) => n.metadata.name)).toEqual(['node-b']);
    const missing = await get('/api/v1/nodes/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ kind: 'Status', message: 'nodes "nope" not found' });
    const bad = await get('/api/v1/nodes?labelSelector=%3D%3D');
    expect(bad.status).toBe(400);
    expect(bad.body.details.causes[0].field).toBe('labelSelector');
  });

  it('answers kubectl get nodes with a Table', async () => {
    const { body } = await get('/api/v1/nodes?limit=500', TABLE);
    expect(body.kind).toBe('Table');
    expect(
      body.columnDefinitions.filter((c: any) => c.priority === 0).map((c: any) => c.name),
    ).toEqual(['Name', 'Status', 'Roles', 'Age', 'Version']);
    expect(body.rows[0].cells).toEqual([
      'node-a',
      'Ready',
      '<none>',
      '3d',
      'v1.20.2',
      '10.0.0.1',
      '<none>',
      'Ubuntu 20.04.1 LTS',
      '<unknown>',
      'containerd://1.4.3',
    ]);
    expect(body.rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      metadata: { name: 'node-a', uid: 'uid-node-a' },
    });
  });
});
