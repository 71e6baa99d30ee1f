import { describe, expect, it } from '@jest/globals';
import { noopLogger } from '@heapster/runtime';
import Fastify from 'fastify';
import { installErrorHandling } from '../errors/error-handling.js';
import { delegatedAuth, requestUser, type DelegatedAuthOptions } from './delegated-auth.js';
import type { ReviewClient } from './review-client.js';
import { TtlCache } from './ttl-cache.js';
import type { UserInfo } from './user-info.js';

function fakeReviews(options: { down?: boolean } = {}) {
  const calls = { tokens: 0, access: 0 };
  const client: ReviewClient = {
    reviewToken: async token => {
      calls.tokens++;
      if (options.down === true) throw new Error('connect ECONNREFUSED 127.0.0.1:1');
      return token === 'good'
        ? { authenticated: true, user: { username: 'ann', groups: ['team'] } }
        : { authenticated: false, error: 'invalid token' };
    },
    reviewAccess: async (user: UserInfo) => {
      calls.access++;
      return { allowed: user.groups.includes('team'), reason: '' };
    },
  };
  return { client, calls };
}

async function appWith(options: DelegatedAuthOptions) {
  const app = Fastify();
  installErrorHandling(app, noopLogger);
  const auth = delegatedAuth(options);
  app.addHook('onRequest', auth.onRequest);
  app.get('/apis/metrics.k8s.io/v1beta1/nodes', async request => requestUser(request));
  app.get('/readyz', async () => 'ok');
  await app.ready();
  return app;
}

describe('delegatedAuth', () => {
  it('authenticates tokens once per TTL and adds system:authenticated', async () => {
    let now = 0;
    const { client, calls } = fakeReviews();
    const app = await appWith({
      reviews: client,
      tokenCacheTtlMs: 1000,
      authorizationCacheTtlMs: 1000,
      now: () => now,
    });
    const get = (token: string) =>
      app.inject({
        url: '/apis/metrics.k8s.io/v1beta1/nodes',
        headers: { authorization: `Bearer ${token}` },
      });
    const first = await get('good');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ username: 'ann', groups: ['team', 'system:authenticated'] });
    await get('good');
    expect(calls).toEqual({ tokens: 1, access: 1 });
    expect((await get('bad')).statusCode).toBe(401);
    expect((await get('bad')).statusCode).toBe(401);
    expect(calls.tokens).toBe(2);
    now = 1000;
    await get('good');
    expect(calls).toEqual({ tokens: 3, access: 2 });
    await app.close();
  });

  it('answers 503 when the API server cannot be asked, and never guesses', async () => {
    const { client } = fakeReviews({ down: true });
    const app = await appWith({ reviews: client });
    const res = await app.inject({
      url: '/apis/metrics.k8s.io/v1beta1/nodes',
      headers: { authorization: 'Bearer good' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ kind: 'Status', code: 503 });
    expect(res.json().message).toContain('authentication is unavailable: connect ECONNREFUSED');
    expect((await app.inject('/readyz')).statusCode).toBe(200);
    await app.close();
  });

  it('ignores front-proxy headers on a connection without a certificate', async () => {
    const { client } = fakeReviews();
    const app = await appWith({ reviews: client });
    const res = await app.inject({
      url: '/apis/metrics.k8s.io/v1beta1/nodes',
      headers: { 'x-remote-user': 'admin', 'x-remote-group': 'system:masters' },
    });
    expect(res.statusCode).toBe(401);
    await app.close();
  });
});

describe('TtlCache', () => {
  it('expires entries and evicts the oldest beyond its bound', () => {
    let now = 0;
    const cache = new TtlCache<number>(2, () => now);
    cache.set('a', 1, 10);
    cache.set('b', 2, 10);
    cache.set('c', 3, 10);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
    expect(cache.size).toBe(2);
    now = 10;
    expect(cache.get('c')).toBeUndefined();
    cache.set('d', 4, 0);
    expect(cache.get('d')).toBeUndefined();
  });
});
