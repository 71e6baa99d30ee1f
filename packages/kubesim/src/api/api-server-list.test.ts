import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiServer } from './api-server.js';
import type { ApiServer } from './api-server.js';
import { InMemoryObjectStore } from './in-memory-object-store.js';
import { podObject, populateSmallCluster } from './testing/fixtures.js';
import { TABLE_ACCEPT, httpRequest } from './testing/http-client.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('API server: list', () => {
  const store = new InMemoryObjectStore({ now: () => NOW });
  let server: ApiServer;

  beforeAll(async () => {
    populateSmallCluster(store, NOW);
    for (let i = 0; i < 25; i += 1)
      store.create(
        podObject('load', `p-${String(i).padStart(2, '0')}`, NOW, {
          labels: { app: i % 2 === 0 ? 'even' : 'odd' },
        }),
      );
    server = await createApiServer({
      store,
      now: () => NOW,
      kubeVersion: 'v1.20.7',
      extraGroups: [
        {
          name: 'example.dev',
          versions: [
            {
              version: 'v1alpha1',
              resources: [
                {
                  name: 'widgets',
                  singularName: 'widget',
                  namespaced: true,
                  kind: 'Widget',
                  verbs: ['get'],
                },
              ],
            },
          ],
        },
      ],
    });
  });
  afterAll(() => server.close());

  it('lists all namespaces, one namespace, with label and field selectors', async () => {
    const all = (await httpRequest(`${server.url}/api/v1/pods`)).json;
    expect(all.kind).toBe('PodList');
    expect(all.metadata.resourceVersion).toBe(String(store.resourceVersion));
    expect(all.items).toHaveLength(30);
    const names = (q: string): Promise<string[]> =>
      httpRequest(`${server.url}${q}`).then(r =>
        r.json.items.map((i: { metadata: { name: string } }) => i.metadata.name),
      );
    expect(await names('/api/v1/namespaces/default/pods')).toEqual(['db-0', 'web-1', 'web-2']);
    expect(await names('/api/v1/pods?labelSelector=app%3Dweb')).toEqual(['web-1', 'web-2']);
    expect(await names('/api/v1/pods?labelSelector=app%20in%20(db,web),tier!%3Dfrontend')).toEqual([
      'db-0',
    ]);
    expect(await names('/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-a')).toEqual([
      'db-0',
      'coredns-74ff55c5b-x2x9z',
    ]);
    expect(
      await names('/api/v1/pods?fieldSelector=status.phase%3DPending,metadata.namespace%3Dteam-a'),
    ).toEqual(['batch-7']);
    expect(await names('/api/v1/events?fieldSelector=involvedObject.kind%3DNode')).toEqual([
      'node-c.16b7a1c2d3e4f5a8',
    ]);
    expect(await names('/api/v1/nodes?labelSelector=node-role.kubernetes.io/master')).toEqual([
      'node-a',
    ]);
  });

  it('rejects bad selectors with a 400 Status naming the problem', async () => {
    const field = await httpRequest(`${server.url}/api/v1/pods?fieldSelector=xyz%3D1`);
    expect(field.status).toBe(400);
    expect(field.json).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      message: 'field label not supported: xyz',
      code: 400,
    });
    expect(field.json.details.causes[0]).toMatchObject({ field: 'fieldSelector' });
    const label = await httpRequest(`${server.url}/api/v1/pods?labelSelector=app%20in%20(a`);
    expect(label.json).toMatchObject({
      reason: 'BadRequest',
      message: "unable to parse requirement: found '', expected: ',' or ')'",
    });
    expect(label.json.details.causes[0].message).toContain('labelSelector "app in (a"');
  });

  it('paginates with limit and an opaque continue token, keeping the first page resourceVersion', async () => {
    const seen: string[] = [];
    let token = '';
    let pages = 0;
    let firstRV = '';
    do {
      const page = (
        await httpRequest(
          `${server.url}/api/v1/namespaces/load/pods?limit=10${token === '' ? '' : `&continue=${encodeURIComponent(token)}`}`,
        )
      ).json;
      if (pages === 0) {
        firstRV = page.metadata.resourceVersion;
        store.create(podObject('load', 'p-zz-created-during-paging', NOW));
      }
      expect(page.metadata.resourceVersion).toBe(firstRV);
      seen.push(...page.items.map((i: { metadata: { name: string } }) => i.metadata.name));
      token = page.metadata.continue ?? '';
      pages += 1;
    } while (token !== '');
    expect(pages).toBe(3);
    expect(seen.slice(0, 3)).toEqual(['p-00', 'p-01', 'p-02']);
    expect(new Set(seen).size).toBe(26);
    const filtered = (
      await httpRequest(
        `${server.url}/api/v1/namespaces/load/pods?limit=12&labelSelector=app%3Deven`,
      )
    ).json;
    expect(filtered.items).toHaveLength(12);
    const rest = (
      await httpRequest(
        `${server.url}/api/v1/namespaces/load/pods?limit=12&labelSelector=app%3Deven&continue=${filtered.metadata.continue}`,
      )
    ).json;
    expect(rest.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual([
      'p-24',
    ]);
    expect(rest.metadata.continue).toBeUndefined();
    const whole = (await httpRequest(`${server.url}/api/v1/pods?limit=5&resourceVersion=0`)).json;
    expect(whole.items.length).toBeGreaterThan(5);
    const bad = await httpRequest(`${server.url}/api/v1/pods?limit=5&continue=garbage`);
    expect(bad.json).toMatchObject({ code: 400, reason: 'BadRequest' });
  });

  it('answers 410 Expired for a continue token older than the retained history', async () => {
    const small = new InMemoryObjectStore({ historyLimit: 2 });
    for (let i = 0; i < 4; i += 1) small.create(podObject('x', `p${i}`, NOW));
    const s2 = await createApiServer({ store: small });
    try {
      const first = (await httpRequest(`${s2.url}/api/v1/pods?limit=1`)).json;
      for (let i = 0; i < 3; i += 1) small.create(podObject('x', `q${i}`, NOW));
      const expired = await httpRequest(
        `${s2.url}/api/v1/pods?limit=1&continue=${first.metadata.continue}`,
      );
      expect(expired.status).toBe(410);
      expect(expired.json).toMatchObject({ reason: 'Expired', code: 410 });
      expect(expired.json.message).toMatch(/^The provided continue parameter is too old/);
    } finally {
      await s2.close();
    }
  });

  it('returns meta.k8s.io Tables for as=Table Accept headers', async () => {
    const nodes = await httpRequest(`${server.url}/api/v1/nodes?limit=500`, {
      headers: { accept: TABLE_ACCEPT },
    });
    expect(nodes.json.kind).toBe('Table');
    expect(nodes.json.apiVersion).toBe('meta.k8s.io/v1');
    expect(nodes.json.columnDefinitions.map((c: { name: string }) => c.name).slice(0, 5)).toEqual([
      'Name',
      'Status',
      'Roles',
      'Age',
      'Version',
    ]);
    expect(nodes.json.rows[0].cells.slice(0, 5)).toEqual([
      'node-a',
      'Ready',
      'control-plane,master',
      '3d',
      'v1.20.2',
    ]);
    expect(nodes.json.rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: 'node-a' },
    });
    const beta = await httpRequest(`${server.url}/api/v1/namespaces`, {
      headers: { accept: 'application/json;as=Table;v=v1beta1;g=meta.k8s.io' },
    });
    expect(beta.json.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect(beta.json.rows.map((r: { cells: unknown[] }) => r.cells)).toEqual([
      ['default', 'Active', '10d'],
      ['kube-system', 'Active', '10d'],
      ['team-a', 'Active', '10d'],
    ]);
    const full = await httpRequest(
      `${server.url}/api/v1/namespaces/default/pods?includeObject=Object`,
      { headers: { accept: TABLE_ACCEPT } },
    );
    expect(full.json.rows[0].object).toMatchObject({
      kind: 'Pod',
      apiVersion: 'v1',
      spec: { nodeName: 'node-a' },
    });
    const one = await httpRequest(`${server.url}/api/v1/nodes/node-c`, {
      headers: { accept: TABLE_ACCEPT },
    });
    expect(one.json.rows).toHaveLength(1);
    expect(one.json.rows[0].cells.slice(0, 2)).toEqual(['node-c', 'NotReady']);
    const plain = await httpRequest(`${server.url}/api/v1/nodes`, {
      headers: { accept: 'application/vnd.kubernetes.protobuf, */*' },
    });
    expect(plain.json.kind).toBe('NodeList');
  });

  it('streams a large list in chunks with the same content', async () => {
    const big = new InMemoryObjectStore();
    for (let i = 0; i < 3000; i += 1)
      big.create(
        podObject(`ns-${i % 7}`, `pod-${i}`, NOW, { node: `node-${i % 50}`, labels: { app: 'x' } }),
      );
    const s2 = await createApiServer({ store: big });
    try {
      const res = await httpRequest(`${s2.url}/api/v1/pods`);
      expect(res.headers['transfer-encoding']).toBe('chunked');
      expect(res.json.items).toHaveLength(3000);
      expect(res.json.items[0].metadata.namespace).toBe('ns-0');
    } finally {
      await s2.close();
    }
  });
});
