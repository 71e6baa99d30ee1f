import { describe, expect, it } from '@jest/globals';
import { noopLogger } from '@heapster/runtime';
import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandling, sendApiError } from '../errors/error-handling.js';
import { delegatedAuth } from '../security/delegated-auth.js';
import { clusterApp } from '../testing/metrics-app.js';
import { directoriesOf, SAMPLE, storeOf } from '../testing/metrics-fixtures.js';
import { metricsApiPlugin } from './metrics-api-plugin.js';

/** A seeded generator: a failure reproduces with the printed seed. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const SEGMENTS = [
  'apis',
  'api',
  'v1',
  'v1beta1',
  'v1alpha1',
  'v2',
  'metrics.k8s.io',
  'nodes',
  'pods',
  'namespaces',
  'default',
  'kube-system',
  'node-a',
  'web-0',
  'dns',
  '',
  '..',
  '.',
  '%2F',
  '%00',
  '%zz',
  '%E2%82%AC',
  'ünï',
  'a'.repeat(300),
  '*',
  ':name',
  '?',
  '%3F',
  'nodes%2Fnode-a',
];
const SELECTOR_ATOMS = [
  'app',
  '=',
  '==',
  '!=',
  ',',
  ' ',
  '!',
  '(',
  ')',
  'in',
  'notin',
  'web',
  '>',
  '<',
  '1',
  'x/y',
  'metadata.name',
  'metadata.namespace',
  'spec.nodeName',
  'status.phase',
  'status.podIP',
  'Running',
  '\\',
  '\\,',
  '%',
  '"',
  "'",
  '-',
  '_',
];
const PARAMS = ['labelSelector', 'fieldSelector', 'includeObject', 'watch', 'limit', 'continue'];
const ACCEPTS = [
  undefined,
  'application/json',
  'application/json;as=Table;v=v1;g=meta.k8s.io',
  'application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
  'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io',
  'application/vnd.kubernetes.protobuf',
  ';;;,,as=;=',
  '*/*',
];
const METHODS = ['GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)] as T;
}

function randomRequest(next: () => number) {
  const depth = 1 + Math.floor(next() * 7);
  // metrics.k8s.io mostly, the core group's nodes and pods next, anything else otherwise.
  const where = next();
  const prefix =
    where < 0.6
      ? ['apis', 'metrics.k8s.io', pick(next, ['v1beta1', 'v1alpha1'])]
      : where < 0.8
        ? ['api', 'v1']
        : [];
  const segments = [...prefix, ...Array.from({ length: depth }, () => pick(next, SEGMENTS))];
  const query = Array.from({ length: Math.floor(next() * 4) }, () => {
    const value = Array.from({ length: Math.floor(next() * 8) }, () =>
      pick(next, SELECTOR_ATOMS),
    ).join('');
    return `${pick(next, PARAMS)}=${next() < 0.8 ? encodeURIComponent(value) : value}`;
  });
  const url = `/${segments.join('/')}${query.length > 0 ? `?${query.join('&')}` : ''}`;
  const accept = pick(next, ACCEPTS);
  return { method: pick(next, METHODS), url, headers: accept === undefined ? {} : { accept } };
}

/** The path the server saw: dot segments are resolved on the way in ('' when unparsable). */
function servedPath(url: string): string {
  try {
    return new URL(`http://localhost${url}`).pathname;
  } catch {
    return '';
  }
}

async function fuzz(
  app: FastifyInstance,
  seed: number,
  count: number,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  const next = random(seed);
  for (let i = 0; i < count; i++) {
    const request = randomRequest(next);
    const res = await app.inject({ ...request, headers: { ...request.headers, ...extraHeaders } });
    if (res.statusCode >= 500) {
      throw new Error(
        `seed ${seed} #${i}: ${request.method} ${request.url} → ${res.statusCode} ${res.body}`,
      );
    }
    const path = servedPath(request.url);
    if (
      request.method !== 'HEAD' &&
      (path === '/apis' || path.startsWith('/apis/') || path.startsWith('/api/'))
    ) {
      const body = res.json();
      if (res.statusCode >= 400)
        expect(body).toMatchObject({ kind: 'Status', code: res.statusCode });
    }
  }
}

describe('fuzzing the metrics.k8s.io and discovery routes', () => {
  it('answers random paths, parameters and media types without a 5xx', async () => {
    const app = await clusterApp(SAMPLE);
    await fuzz(app, 20260801, 2000);
    await app.close();
  });

  it('does the same behind delegated authentication', async () => {
    const app = Fastify({
      frameworkErrors: (error, request, reply) => {
        sendApiError(error, request, reply, noopLogger);
      },
    });
    installErrorHandling(app, noopLogger);
    app.addHook(
      'onRequest',
      delegatedAuth({
        reviews: {
          reviewToken: async () => ({ authenticated: true, user: { username: 'u', groups: [] } }),
          reviewAccess: async (_user, access) => ({
            allowed: access.verb !== 'delete',
            reason: '',
          }),
        },
      }).onRequest,
    );
    await app.register(metricsApiPlugin, {
      store: storeOf(SAMPLE),
      resolutionMs: 15_000,
      ...directoriesOf(SAMPLE, SAMPLE.timestamp),
    });
    await fuzz(app, 7, 1000, { authorization: 'Bearer t' });
    await app.close();
  });
});
