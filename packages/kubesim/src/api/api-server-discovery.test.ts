import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiServer } from './api-server.js';
import type { ApiServer } from './api-server.js';
import { InMemoryObjectStore } from './in-memory-object-store.js';
import { podObject, populateSmallCluster } from './testing/fixtures.js';
import { httpRequest } from './testing/http-client.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('API server: discovery and get', () => {
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

  it('serves /version, /api, /apis and resource lists (never metrics.k8s.io)', async () => {
    expect((await httpRequest(`${server.url}/version`)).json).toMatchObject({
      major: '1',
      minor: '20',
      gitVersion: 'v1.20.7',
    });
    const api = await httpRequest(`${server.url}/api`, {
      headers: {
        accept:
          'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
      },
    });
    expect(api.headers['content-type']).toBe('application/json');
    expect(api.json).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const apis = (await httpRequest(`${server.url}/apis`)).json;
    expect(apis.kind).toBe('APIGroupList');
    expect(apis.groups.map((g: { name: string }) => g.name)).toEqual([
      'events.k8s.io',
      'authentication.k8s.io',
      'authorization.k8s.io',
      'example.dev',
    ]);
    const v1 = (await httpRequest(`${server.url}/api/v1`)).json;
    expect(v1.resources.find((r: { name: string }) => r.name === 'pods')).toEqual({
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ['get', 'list', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(v1.resources.map((r: { name: string }) => r.name)).toEqual([
      'namespaces',
      'namespaces/status',
      'nodes',
      'nodes/status',
      'pods',
      'pods/status',
      'events',
    ]);
    expect(
      (await httpRequest(`${server.url}/apis/example.dev/v1alpha1`)).json.resources[0].name,
    ).toBe('widgets');
    expect((await httpRequest(`${server.url}/apis/events.k8s.io`)).json).toMatchObject({
      kind: 'APIGroup',
      preferredVersion: { version: 'v1' },
    });
  });

  it('gets single objects and answers missing ones with a NotFound Status', async () => {
    const node = await httpRequest(`${server.url}/api/v1/nodes/node-a`);
    expect(node.json).toMatchObject({ kind: 'Node', metadata: { name: 'node-a' } });
    expect((await httpRequest(`${server.url}/api/v1/namespaces/default`)).json.kind).toBe(
      'Namespace',
    );
    expect(
      (await httpRequest(`${server.url}/api/v1/namespaces/default/pods/web-1/status`)).json.metadata
        .name,
    ).toBe('web-1');
    const missing = await httpRequest(`${server.url}/api/v1/namespaces/default/pods/nope`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'pods' },
      code: 404,
    });
    const grouped = await httpRequest(
      `${server.url}/apis/events.k8s.io/v1/namespaces/default/events/nope`,
    );
    expect(grouped.json.message).toBe('events.events.k8s.io "nope" not found');
    const unknown = await httpRequest(`${server.url}/api/v1/secrets`);
    expect(unknown.json).toMatchObject({
      reason: 'NotFound',
      message: 'the server could not find the requested resource',
      code: 404,
    });
    expect((await httpRequest(`${server.url}/api/v1/namespaces/default/nodes`)).status).toBe(404);
    expect((await httpRequest(`${server.url}/nothing`)).text).toBe('404 page not found\n');
    const post = await httpRequest(`${server.url}/api/v1/namespaces/default/pods`, {
      method: 'POST',
      body: '{}',
    });
    expect(post.json).toMatchObject({ reason: 'MethodNotAllowed', code: 405 });
  });

  it('consults extraRoutes first and falls through when they decline', async () => {
    const errors: unknown[] = [];
    const s2 = await createApiServer({
      store,
      onError: e => errors.push(e),
      extraRoutes: (req, res, url) => {
        if (url.pathname === '/_sim/truth') {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ method: req.method, q: url.searchParams.get('q') }));
          return true;
        }
        if (url.pathname === '/_sim/boom') throw new Error('boom');
        return Promise.resolve(false);
      },
    });
    try {
      expect((await httpRequest(`${s2.url}/_sim/truth?q=1`)).json).toEqual({
        method: 'GET',
        q: '1',
      });
      expect((await httpRequest(`${s2.url}/api/v1/nodes`)).json.kind).toBe('NodeList');
      const boom = await httpRequest(`${s2.url}/_sim/boom`);
      expect(boom.json).toMatchObject({ kind: 'Status', code: 500, reason: 'InternalError' });
      expect(errors).toHaveLength(1);
    } finally {
      await s2.close();
    }
  });

  it('serves events.k8s.io/v1 views of the stored events', async () => {
    const list = (
      await httpRequest(`${server.url}/apis/events.k8s.io/v1/namespaces/default/events`)
    ).json;
    expect(list).toMatchObject({ kind: 'EventList', apiVersion: 'events.k8s.io/v1' });
    const backoff = list.items.find((e: { reason: string }) => e.reason === 'BackOff');
    expect(backoff).toMatchObject({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      eventTime: null,
      note: 'Back-off restarting failed container',
      type: 'Warning',
      regarding: { kind: 'Pod', name: 'db-0' },
      deprecatedSource: { component: 'kubelet' },
      deprecatedCount: 4,
    });
    const byRegarding = (
      await httpRequest(
        `${server.url}/apis/events.k8s.io/v1/events?fieldSelector=regarding.name%3Ddb-0`,
      )
    ).json;
    expect(byRegarding.items).toHaveLength(1);
  });
});
