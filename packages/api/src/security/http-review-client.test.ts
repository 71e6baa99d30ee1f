import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiServer, InMemoryObjectStore, type ApiServer } from '@heapster/kubesim';
import { freePort } from '@heapster/testing';
import { ConfigError, PermanentError, RetryableError } from '@heapster/runtime';
import { HttpReviewClient } from './http-review-client.js';

describe('HttpReviewClient against kubesim', () => {
  let open: ApiServer;
  let guarded: ApiServer;

  beforeAll(async () => {
    const authPolicy = {
      tokens: {
        'alice-token': {
          username: 'alice',
          uid: 'u-1',
          groups: ['devs'],
          extra: { scopes: ['a'] },
        },
      },
      rules: [
        { group: 'devs', verbs: ['list'], apiGroups: ['metrics.k8s.io'], resources: ['pods'] },
      ],
    };
    open = await createApiServer({ store: new InMemoryObjectStore(), authPolicy });
    guarded = await createApiServer({
      store: new InMemoryObjectStore(),
      authPolicy,
      requireAuth: true,
    });
  });
  afterAll(async () => {
    await open?.close();
    await guarded?.close();
  });

  it('reviews tokens: the user with uid, groups and extra, or not authenticated', async () => {
    const client = new HttpReviewClient({ server: `${open.url}/` });
    expect(await client.reviewToken('alice-token')).toEqual({
      authenticated: true,
      user: {
        username: 'alice',
        uid: 'u-1',
        groups: ['devs', 'system:authenticated'],
        extra: { scopes: ['a'] },
      },
    });
    expect(await client.reviewToken('nope')).toEqual({
      authenticated: false,
      error: 'invalid bearer token',
    });
  });

  it('reviews access with resource and non-resource attributes', async () => {
    const client = new HttpReviewClient({ server: open.url });
    const alice = { username: 'alice', groups: ['devs'] };
    const list = {
      kind: 'resource',
      verb: 'list',
      group: 'metrics.k8s.io',
      version: 'v1beta1',
      resource: 'pods',
      namespace: 'x',
    } as const;
    expect((await client.reviewAccess(alice, list)).allowed).toBe(true);
    expect((await client.reviewAccess(alice, { ...list, verb: 'get', name: 'p' })).allowed).toBe(
      false,
    );
    expect((await client.reviewAccess({ username: 'bob', groups: [] }, list)).allowed).toBe(false);
    expect(
      (await client.reviewAccess(alice, { kind: 'nonResource', verb: 'get', path: '/apis' }))
        .allowed,
    ).toBe(false);
  });

  it('classifies failures: refused credentials are permanent, an absent server retryable', async () => {
    const refused = new HttpReviewClient({
      server: guarded.url,
      headers: { Authorization: 'Bearer x' },
    });
    await expect(refused.reviewToken('alice-token')).rejects.toThrow(PermanentError);
    await expect(refused.reviewToken('alice-token')).rejects.toThrow(/HTTP 401: Unauthorized/);
    const absent = new HttpReviewClient({ server: `http://127.0.0.1:${await freePort()}` });
    await expect(absent.reviewToken('t')).rejects.toThrow(RetryableError);
    expect(() => new HttpReviewClient({ server: 'ftp://x' })).toThrow(ConfigError);
    expect(() => new HttpReviewClient({ server: 'not a url' })).toThrow(/server/);
  });
});
