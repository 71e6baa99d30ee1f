import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecentStore } from '@heapster/store-memory';
import type { FastifyInstance } from 'fastify';
import { clusterApp, metricsApp } from '../testing/metrics-app.js';
import { buildBatch, SAMPLE, storeOf } from '../testing/metrics-fixtures.js';

const V = '/apis/metrics.k8s.io/v1beta1';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

describe('metrics.k8s.io over a populated store', () => {
  let app: FastifyInstance;
  const get = async (url: string, accept?: string) => {
    const res = await app.inject({ url, headers: accept === undefined ? {} : { accept } });
    return { status: res.statusCode, body: res.json(), type: res.headers['content-type'] };
  };

  beforeAll(async () => {
    app = await clusterApp(SAMPLE);
  });
  afterAll(() => app.close());

  it('lists nodes with usage, sorted by name, with real windows and apimachinery quantities', async () => {
    const { status, body, type } = await get(`${V}/nodes`);
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/json/);
    expect(body).toEqual({
      kind: 'NodeMetricsList',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {},
      items: [
        {
          metadata: {
            name: 'node-a',
            creationTimestamp: '2026-08-01T10:00:05Z',
            labels: { 'kubernetes.io/hostname': 'node-a', zone: 'a' },
          },
          timestamp: '2026-08-01T10:00:00Z',
          window: '15.012s',
          usage: { cpu: '182413227n', memory: '1048580Ki' },
        },
        {
          metadata: {
            name: 'node-b',
            creationTimestamp: '2026-08-01T10:00:05Z',
            labels: { 'kubernetes.io/hostname': 'node-b', zone: 'b' },
          },
          timestamp: '2026-08-01T10:00:00Z',
          window: '15.012s',
          usage: { cpu: '1500m', memory: '2Gi' },
        },
      ],
    });
  });

  it('gets one node with kind and apiVersion, and 404s a node without usage', async () => {
    const { status, body } = await get(`${V}/nodes/node-b`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1' });
    expect(body.usage).toEqual({ cpu: '1500m', memory: '2Gi' });
    const missing = await get(`${V}/nodes/node-c`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'NotFound',
      code: 404,
      message: 'nodemetrics.metrics.k8s.io "node-c" not found',
    });
  });

  it('lists pods of all namespaces sorted by (namespace, name), containers by name', async () => {
    const { body } = await get(`${V}/pods`);
    expect(body.kind).toBe('PodMetricsList');
    const names = body.items.map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`);
    expect(names).toEqual(['default/web-0', 'default/web-1', 'kube-system/dns']);
    const web0 = body.items[0];
    expect(web0.containers).toEqual([
      { name: 'app', usage: { cpu: '250m', memory: '100Mi' } },
      { name: 'sidecar', usage: { cpu: '1m', memory: '4620Ki' } },
    ]);
    // The widest container window covers both rates.
    expect(web0.window).toBe('15.001s');
    expect(web0.metadata.labels).toEqual({ app: 'web' });
    // No window known anywhere: the resolution.
    expect(body.items[2].window).toBe('15s');
    expect(body.items[2].containers[0].usage).toEqual({ cpu: '3m', memory: '20971527' });
  });

  it('serves a namespace, one pod, and hides partial and data-less pods', async () => {
    const ns = await get(`${V}/namespaces/kube-system/pods`);
    expect(ns.body.items.map((p: any) => p.metadata.name)).toEqual(['dns']);
    const one = await get(`${V}/namespaces/default/pods/web-1`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      kind: 'PodMetrics',
      metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web', tier: 'front' } },
      window: '14.987s',
      containers: [{ name: 'app', usage: { cpu: '12500u', memory: '34Mi' } }],
    });
    for (const name of ['partial', 'netonly', 'nope']) {
      const res = await get(`${V}/namespaces/default/pods/${name}`);
      expect(res.status).toBe(404);
      expect(res.body.message).toBe(`podmetrics.metrics.k8s.io "${name}" not found`);
    }
    expect((await get(`${V}/namespaces/nowhere/pods`)).body.items).toEqual([]);
  });

  it('filters by labelSelector and fieldSelector', async () => {
    const names = async (url: string) =>
      (await get(url)).body.items.map((p: any) => p.metadata.name);
    expect(await names(`${V}/pods?labelSelector=app%3Dweb`)).toEqual(['web-0', 'web-1']);
    expect(await names(`${V}/pods?labelSelector=app%3Dweb,tier!%3Dfront`)).toEqual(['web-0']);
    expect(await names(`${V}/pods?labelSelector=app%20in%20(web,db),!tier`)).toEqual(['web-0']);
    expect(await names(`${V}/namespaces/default/pods?labelSelector=k8s-app`)).toEqual([]);
    expect(await names(`${V}/pods?fieldSelector=metadata.namespace%3Dkube-system`)).toEqual([
      'dns',
    ]);
    expect(await names(`${V}/pods?fieldSelector=metadata.name!%3Dweb-0`)).toEqual(['web-1', 'dns']);
    expect(await names(`${V}/nodes?fieldSelector=metadata.name%3Dnode-b`)).toEqual(['node-b']);
    expect(await names(`${V}/nodes?fieldSelector=metadata.name%3Dnode-c`)).toEqual([]);
    expect(await names(`${V}/nodes?labelSelector=zone%20notin%20(a)`)).toEqual(['node-b']);
  });

  it('answers bad selectors with a 400 Status naming the parameter', async () => {
    for (const [param, value] of [
      ['labelSelector', 'app in (web'],
      ['labelSelector', 'a b'],
      ['labelSelector', '-bad=x'],
      ['labelSelector', 'count>abc'],
      ['fieldSelector', 'spec.nodeName=node-a'],
      ['fieldSelector', 'nonsense'],
      ['includeObject', 'Everything'],
    ] as const) {
      const res = await get(`${V}/pods?${param}=${encodeURIComponent(value)}`, TABLE);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
      expect(res.body.message).toContain(param);
      expect(res.body.details.causes[0].field).toBe(param);
    }
  });

  it('refuses watch and writes with 405', async () => {
    const watch = await get(`${V}/pods?watch=true`);
    expect(watch.status).toBe(405);
    expect(watch.body.reason).toBe('MethodNotAllowed');
    const post = await app.inject({ method: 'DELETE', url: `${V}/nodes/node-a` });
    expect(post.statusCode).toBe(405);
  });

  it('serves v1alpha1 with the same objects', async () => {
    const { body } = await get('/apis/metrics.k8s.io/v1alpha1/nodes/node-a');
    expect(body.apiVersion).toBe('metrics.k8s.io/v1alpha1');
    expect(body.usage.cpu).toBe('182413227n');
    const list = await get('/apis/metrics.k8s.io/v1alpha1/namespaces/default/pods/');
    expect(list.body.kind).toBe('PodMetricsList');
    expect(list.body.items).toHaveLength(2);
  });

  it('answers Table requests with metrics-server columns and summed pods', async () => {
    const { body } = await get(`${V}/namespaces/default/pods`, TABLE);
    expect(body.kind).toBe('Table');
    expect(body.apiVersion).toBe('meta.k8s.io/v1');
    expect(body.columnDefinitions.map((c: any) => c.name)).toEqual([
      'Name',
      'CPU',
      'Memory',
      'Window',
    ]);
    expect(body.rows[0].cells).toEqual(['web-0', '251m', '107020Ki', '15.001s']);
    expect(body.rows[0].object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: {
        name: 'web-0',
        namespace: 'default',
        creationTimestamp: '2026-08-01T10:00:05Z',
        labels: { app: 'web' },
      },
    });
    const nodes = await get(`${V}/nodes?includeObject=Object`, TABLE);
    expect(nodes.body.rows[1].object).toMatchObject({
      kind: 'NodeMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      usage: { cpu: '1500m' },
    });
    const none = await get(`${V}/nodes/node-a?includeObject=None`, TABLE);
    expect(none.body.rows).toEqual([{ cells: ['node-a', '182413227n', '1048580Ki', '15.012s'] }]);
  });

  it('serves JSON to kubectl 1.32 (protobuf first) and to unknown media types', async () => {
    for (const accept of ['application/vnd.kubernetes.protobuf, */*', 'text/html', '']) {
      const res = await get(`${V}/nodes`, accept);
      expect(res.body.kind).toBe('NodeMetricsList');
    }
  });
});

describe('metrics.k8s.io across batches', () => {
  it('serves an unfiltered list as the same bytes until the next batch', async () => {
    let now = SAMPLE.timestamp + 1_000;
    const store = storeOf(SAMPLE);
    const app = await metricsApp({ store, resolutionMs: 15_000, now: () => now });
    const first = (await app.inject(`${V}/pods`)).body;
    now += 7_000;
    expect((await app.inject(`${V}/pods`)).body).toBe(first);
    // A namespace's list is cut from those bytes; a selection is rendered per request.
    const namespaced = (await app.inject(`${V}/namespaces/default/pods`)).json();
    expect(namespaced.items[0].metadata.creationTimestamp).toBe('2026-08-01T10:00:01Z');
    const selected = (
      await app.inject(`${V}/pods?fieldSelector=metadata.namespace=default`)
    ).json();
    expect(selected.items[0].metadata.creationTimestamp).toBe('2026-08-01T10:00:08Z');
    const next = buildBatch({
      ...SAMPLE,
      timestamp: SAMPLE.timestamp + 15_000,
      pods: [
        {
          namespace: 'x',
          name: 'p',
          node: 'node-a',
          containers: [{ name: 'c', cpu: 1, memory: 1024 }],
        },
      ],
    });
    store.add(next.batch, next.windows);
    const after = (await app.inject(`${V}/pods`)).json();
    expect(after.items).toEqual([
      {
        metadata: { name: 'p', namespace: 'x', creationTimestamp: '2026-08-01T10:00:08Z' },
        timestamp: '2026-08-01T10:00:15Z',
        window: '15s',
        containers: [{ name: 'c', usage: { cpu: '1m', memory: '1Ki' } }],
      },
    ]);
    await app.close();
  });
});

describe('metrics.k8s.io before the first batch', () => {
  it('lists nothing and 404s every object', async () => {
    const app = await metricsApp({
      store: new RecentStore({ resolutionMs: 60_000 }),
      resolutionMs: 60_000,
    });
    const list = await app.inject(`${V}/pods`);
    expect(list.json()).toEqual({
      kind: 'PodMetricsList',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {},
      items: [],
    });
    expect((await app.inject(`${V}/nodes/x`)).statusCode).toBe(404);
    expect(
      (await app.inject({ url: `${V}/nodes`, headers: { accept: TABLE } })).json().rows,
    ).toEqual([]);
    // Without directories there are no labels and no /api/v1/nodes.
    expect((await app.inject('/api/v1/nodes')).statusCode).toBe(404);
    await app.close();
  });

  it('refuses options it cannot serve with, naming the field', async () => {
    await expect(
      metricsApp({ store: new RecentStore({ resolutionMs: 1000 }), resolutionMs: 0 }),
    ).rejects.toThrow(/resolutionMs/);
  });
});
