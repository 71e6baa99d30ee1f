import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:https';
import { createApiServer } from './api-server.js';
import type { ApiServer } from './api-server.js';
import { InMemoryObjectStore } from './in-memory-object-store.js';
import { populateSmallCluster } from './testing/fixtures.js';
import { makeTestCerts } from './testing/test-certs.js';
import type { TestCerts } from './testing/test-certs.js';

function parse(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface Reply {
  status: number;
  json: any;
}

describe('API server over HTTPS with tokens, client certificates and a policy', () => {
  let certs: TestCerts;
  let server: ApiServer;

  const call = (
    path: string,
    options: { token?: string; cert?: boolean; method?: string; body?: unknown } = {},
  ): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const req = request(
        `${server.url}${path}`,
        {
          method: options.method ?? 'GET',
          headers,
          ca: certs.ca,
          timeout: 10_000,
          ...(options.cert === true ? { cert: certs.clientCert, key: certs.clientKey } : {}),
        },
        res => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: parse(text) }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(options.body === undefined ? undefined : JSON.stringify(options.body));
    });

  beforeAll(async () => {
    certs = makeTestCerts('alice', 'devs');
    const store = new InMemoryObjectStore();
    populateSmallCluster(store, Date.now());
    server = await createApiServer({
      store,
      tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.ca },
      authPolicy: {
        tokens: {
          'admin-token': { username: 'admin', groups: ['system:masters'] },
          'heapster-token': {
            username: 'system:serviceaccount:kube-system:heapster',
            uid: 'sa-1',
            groups: ['system:serviceaccounts'],
          },
          'nobody-token': { username: 'nobody' },
        },
        rules: [
          {
            user: 'system:serviceaccount:kube-system:heapster',
            verbs: ['get', 'list', 'watch'],
            apiGroups: [''],
            resources: ['nodes', 'pods', 'namespaces', 'events'],
          },
          {
            user: 'system:serviceaccount:kube-system:heapster',
            verbs: ['create'],
            apiGroups: ['authentication.k8s.io', 'authorization.k8s.io'],
            resources: ['tokenreviews', 'subjectaccessreviews'],
          },
          { group: 'devs', verbs: ['list'], resources: ['pods'], namespaces: ['default'] },
          {
            group: 'system:authenticated',
            verbs: ['get'],
            nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*'],
          },
          {
            group: 'system:authenticated',
            verbs: ['create'],
            apiGroups: ['authorization.k8s.io'],
            resources: ['selfsubjectaccessreviews'],
          },
        ],
      },
    });
  });
  afterAll(() => server.close());

  it('serves https and leaves /version and /healthz public', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect((await call('/version')).json.gitVersion).toBe('v1.20.2');
    expect((await call('/healthz')).json).toBe('ok');
  });

  it('answers 401 without credentials or with an unknown token', async () => {
    for (const reply of [
      await call('/api/v1/pods'),
      await call('/api/v1/pods', { token: 'wrong' }),
    ]) {
      expect(reply.status).toBe(401);
      expect(reply.json).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
  });

  it('authorises requests by the policy and answers 403 like RBAC', async () => {
    expect((await call('/api/v1/pods', { token: 'heapster-token' })).json.kind).toBe('PodList');
    expect((await call('/api/v1/nodes/node-a', { token: 'admin-token' })).status).toBe(200);
    const denied = await call('/api/v1/pods', { token: 'nobody-token' });
    expect(denied.status).toBe(403);
    expect(denied.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      reason: 'Forbidden',
      code: 403,
      details: { kind: 'pods' },
      message:
        'pods is forbidden: User "nobody" cannot list resource "pods" in API group "" at the cluster scope',
    });
    const namespaced = await call('/api/v1/namespaces/kube-system/pods/x', {
      token: 'nobody-token',
    });
    expect(namespaced.json.message).toBe(
      'pods "x" is forbidden: User "nobody" cannot get resource "pods" in API group "" in the namespace "kube-system"',
    );
    expect(
      (
        await call('/api/v1/namespaces/default/events?watch=true&timeoutSeconds=1', {
          token: 'heapster-token',
        })
      ).status,
    ).toBe(200);
    expect((await call('/apis', { token: 'nobody-token' })).json.kind).toBe('APIGroupList');
    expect((await call('/openapi/v2', { token: 'nobody-token' })).json.message).toBe(
      'forbidden: User "nobody" cannot get path "/openapi/v2"',
    );
  });

  it('authenticates client certificates: CN is the user, O the groups', async () => {
    expect((await call('/api/v1/namespaces/default/pods', { cert: true })).json.items).toHaveLength(
      3,
    );
    const denied = await call('/api/v1/namespaces/team-a/pods', { cert: true });
    expect(denied.json.message).toBe(
      'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "team-a"',
    );
  });

  it('serves TokenReview with the real request/response shapes', async () => {
    const review = (token: string): Promise<Reply> =>
      call('/apis/authentication.k8s.io/v1/tokenreviews', {
        token: 'heapster-token',
        method: 'POST',
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } },
      });
    const ok = await review('nobody-token');
    expect(ok.status).toBe(201);
    expect(ok.json).toEqual({
      kind: 'TokenReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { token: 'nobody-token' },
      status: {
        authenticated: true,
        user: { username: 'nobody', groups: ['system:authenticated'] },
      },
    });
    const heapster = await review('heapster-token');
    expect(heapster.json.status.user).toEqual({
      username: 'system:serviceaccount:kube-system:heapster',
      uid: 'sa-1',
      groups: ['system:serviceaccounts', 'system:authenticated'],
    });
    const bad = await review('forged');
    expect(bad.json.status).toEqual({ user: {}, error: 'invalid bearer token' });
    const forbidden = await call('/apis/authentication.k8s.io/v1/tokenreviews', {
      token: 'nobody-token',
      method: 'POST',
      body: { spec: { token: 'x' } },
    });
    expect(forbidden.status).toBe(403);
  });

  it('serves SubjectAccessReview and SelfSubjectAccessReview decisions from the policy', async () => {
    const sar = (spec: unknown): Promise<Reply> =>
      call('/apis/authorization.k8s.io/v1/subjectaccessreviews', {
        token: 'heapster-token',
        method: 'POST',
        body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec },
      });
    const allowed = await sar({
      user: 'bob',
      groups: ['devs'],
      resourceAttributes: { namespace: 'default', verb: 'list', resource: 'pods' },
    });
    expect(allowed.status).toBe(201);
    expect(allowed.json).toMatchObject({
      kind: 'SubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      status: { allowed: true, reason: 'allowed by rule #2' },
    });
    const denied = await sar({
      user: 'bob',
      resourceAttributes: { namespace: 'default', verb: 'delete', resource: 'pods' },
    });
    expect(denied.json.status).toEqual({ allowed: false });
    const nonResource = await sar({
      user: 'bob',
      groups: ['system:authenticated'],
      nonResourceAttributes: { path: '/apis/metrics.k8s.io', verb: 'get' },
    });
    expect(nonResource.json.status.allowed).toBe(true);
    const invalid = await sar({ user: 'bob' });
    expect(invalid.status).toBe(422);
    expect(invalid.json).toMatchObject({ reason: 'Invalid', code: 422 });
    const self = await call('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      cert: true,
      method: 'POST',
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { namespace: 'default', verb: 'list', resource: 'pods' } },
      },
    });
    expect(self.json.status.allowed).toBe(true);
  });

  it('validates the policy, naming the bad field', async () => {
    const store = new InMemoryObjectStore();
    await expect(
      createApiServer({ store, authPolicy: { rules: [{ verbs: [] }] } }),
    ).rejects.toThrow("authPolicy.rules[0].verbs must be '*' or a non-empty array of verbs");
    await expect(
      createApiServer({ store, authPolicy: { tokens: { abcdef: { username: '' } } } }),
    ).rejects.toThrow('authPolicy.tokens["abcd…"].username must be a non-empty string');
  });
});
