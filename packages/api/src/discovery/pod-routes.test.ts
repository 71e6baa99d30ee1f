import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import { clusterApp, metricsApp } from '../testing/metrics-app.js';
import { SAMPLE, storeOf } from '../testing/metrics-fixtures.js';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

describe('/api/v1/pods from the pod informer', () => {
  let app: FastifyInstance;
  const get = async (url: string, accept?: string) => {
    const res = await app.inject({ url, headers: accept === undefined ? {} : { accept } });
    return { status: res.statusCode, body: res.json(), type: res.headers['content-type'] };
  };

  beforeAll(async () => {
    app = await clusterApp(SAMPLE);
  });
  afterAll(() => app.close());

  it('is in the core group discovery next to nodes', async () => {
    const { body } = await get('/api/v1');
    expect(body.resources.map((r: any) => [r.name, r.kind, r.namespaced])).toEqual([
      ['nodes', 'Node', false],
      ['pods', 'Pod', true],
    ]);
  });

  it('lists every pod sorted by namespace and name, as v1.Pod objects', async () => {
    const { status, body, type } = await get('/api/v1/pods');
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/json/);
    expect(body).toMatchObject({ kind: 'PodList', apiVersion: 'v1' });
    expect(body.items.map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual([
      'default/netonly',
      'default/partial',
      'default/web-0',
      'default/web-1',
      'kube-system/dns',
    ]);
    expect(body.items[2]).toEqual({
      metadata: {
        name: 'web-0',
        namespace: 'default',
        uid: 'uid-default-web-0',
        resourceVersion: '9',
        creationTimestamp: '2026-07-29T10:00:00Z',
        labels: { app: 'web' },
      },
      spec: {
        containers: [
          {
            name: 'sidecar',
            image: 'busybox:1.36',
            resources: { requests: { cpu: '100m', memory: '64Mi' } },
          },
          {
            name: 'app',
            image: 'busybox:1.36',
            resources: { requests: { cpu: '100m', memory: '64Mi' } },
          },
        ],
        nodeName: 'node-a',
      },
      status: {
        phase: 'Running',
        podIP: '10.1.0.7',
        startTime: '2026-07-29T10:00:02Z',
        containerStatuses: [
          { name: 'sidecar', image: 'busybox:1.36', restartCount: 1 },
          { name: 'app', image: 'busybox:1.36', restartCount: 0 },
        ],
      },
    });
  });

  it('lists a namespace, gets one pod, and 404s a missing one with a Status', async () => {
    const namespaced = await get('/api/v1/namespaces/kube-system/pods');
    expect(namespaced.body.items.map((p: any) => p.metadata.name)).toEqual(['dns']);
    const one = await get('/api/v1/namespaces/default/pods/web-1');
    expect(one.body).toMatchObject({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'web-1' } });
    const missing = await get('/api/v1/namespaces/kube-system/pods/web-1');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ kind: 'Status', message: 'pods "web-1" not found' });
  });

  it('selects by labels and by the fields kube-apiserver supports for pods', async () => {
    const names = async (query: string) =>
      (await get(`/api/v1/pods?${query}`)).body.items.map((p: any) => p.metadata.name);
    expect(await names('labelSelector=app%3Dweb')).toEqual(['web-0', 'web-1']);
    expect(await names('labelSelector=app%3Dweb,tier')).toEqual(['web-1']);
    expect(await names('fieldSelector=spec.nodeName%3Dnode-b')).toEqual([
      'netonly',
      'partial',
      'dns',
    ]);
    expect(await names('fieldSelector=status.phase!%3DRunning')).toEqual([]);
    expect(
      await names('fieldSelector=metadata.namespace%3Ddefault,metadata.name!%3Dweb-0&limit=500'),
    ).toEqual(['netonly', 'partial', 'web-1']);
    const bad = await get('/api/v1/pods?fieldSelector=spec.restartPolicy%3DAlways');
    expect(bad.status).toBe(400);
    expect(bad.body.details.causes[0].field).toBe('fieldSelector');
    expect(bad.body.message).toContain('spec.restartPolicy');
    expect((await get('/api/v1/pods?watch=true')).status).toBe(405);
  });

  it('answers kubectl get pods with a Table', async () => {
    const { body } = await get('/api/v1/namespaces/default/pods?limit=500', TABLE);
    expect(body.kind).toBe('Table');
    expect(body.columnDefinitions.map((c: any) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Status', 0],
      ['Restarts', 0],
      ['Age', 0],
      ['IP', 1],
      ['Node', 1],
    ]);
    expect(body.rows.map((r: any) => r.cells)).toEqual([
      ['netonly', 'Running', 1, '3d', '10.1.0.7', 'node-b'],
      ['partial', 'Running', 1, '3d', '10.1.0.7', 'node-b'],
      ['web-0', 'Running', 1, '3d', '10.1.0.7', 'node-a'],
      ['web-1', 'Running', 1, '3d', '10.1.0.7', 'node-a'],
    ]);
    expect(body.rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      metadata: { name: 'netonly', namespace: 'default' },
    });
  });
});

describe('/api/v1/pods without a listing pod directory', () => {
  it('is not served when the directory only has labels', async () => {
    const app = await metricsApp({
      store: storeOf(SAMPLE),
      resolutionMs: 15_000,
      pods: { getPod: () => ({ labels: {} }) },
    });
    expect((await app.inject('/api/v1/pods')).statusCode).toBe(404);
    expect((await app.inject('/api/v1')).statusCode).toBe(404);
    await app.close();
  });
});
