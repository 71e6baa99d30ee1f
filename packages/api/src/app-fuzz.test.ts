import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FuzzInput, seededRandom } from './testing/fuzz-input.js';
import { sampleApp, type TestApp } from './testing/sample-cluster.js';

// Every route of the app with placeholders for its parameters.
const ROUTES = [
  '/api/v1/model/metrics/{metric}',
  '/api/v1/model/metrics',
  '/api/v1/model/nodes',
  '/api/v1/model/nodes/{node}/metrics',
  '/api/v1/model/nodes/{node}/metrics/{metric}',
  '/api/v1/model/nodes/{node}/freecontainers',
  '/api/v1/model/nodes/{node}/freecontainers/{container}/metrics',
  '/api/v1/model/nodes/{node}/freecontainers/{container}/metrics/{metric}',
  '/api/v1/model/namespaces',
  '/api/v1/model/namespaces/{ns}/metrics',
  '/api/v1/model/namespaces/{ns}/metrics/{metric}',
  '/api/v1/model/namespaces/{ns}/pods',
  '/api/v1/model/namespaces/{ns}/pods/{pod}/metrics',
  '/api/v1/model/namespaces/{ns}/pods/{pod}/metrics/{metric}',
  '/api/v1/model/namespaces/{ns}/pods/{pod}/containers',
  '/api/v1/model/namespaces/{ns}/pods/{pod}/containers/{container}/metrics',
  '/api/v1/model/namespaces/{ns}/pods/{pod}/containers/{container}/metrics/{metric}',
  '/api/v1/model/namespaces/{ns}/pod-list/{pods}/metrics/{metric}',
  '/api/v1/model/debug/allkeys',
  '/api/v1/metric-export',
  '/api/v1/metric-export-schema',
  '/metrics',
  '/metrics/cluster',
  '/healthz',
  '/healthz/healthz',
  '/livez',
  '/readyz',
  '/apis/metrics.k8s.io/v1beta1/nodes/{node}',
  '/apis/metrics.k8s.io/v1beta1/namespaces/{ns}/pods/{pod}',
  '/apis/metrics.k8s.io/v1beta1/pods',
  '/{ns}/{node}',
];

const REAL: Record<string, readonly string[]> = {
  node: ['node-a', 'node-b'],
  ns: ['default', 'kube-system'],
  pod: ['web-1', 'web-2', 'dns'],
  container: ['app', 'sidecar', 'kubelet'],
  pods: ['web-1,web-2', 'dns', 'web-1,,x'],
  metric: [
    'cpu/usage_rate',
    'cpu-usage',
    'filesystem/usage',
    'custom/queue_delta',
    'cpu%2Fusage_rate',
    'nope/x',
  ],
};
const PARAMS = [
  'start',
  'end',
  'labels',
  'type',
  'labelSelector',
  'fieldSelector',
  'limit',
  'x',
  '__proto__',
  'start[]',
];
const METHODS = ['GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'] as const;
const SEED = 20_240_101;
const CASES = 2_500;

let t: TestApp;
beforeAll(async () => {
  t = await sampleApp();
});
afterAll(async () => {
  await t.app.close();
});

function fuzzUrl(input: FuzzInput): string {
  const path = input
    .pick(ROUTES)
    .replace(/\{(\w+)\}/g, (_m, name: string) => input.segment(REAL[name] ?? ['x']));
  const query: string[] = [];
  for (let i = input.int(4); i > 0; i--) query.push(`${input.pick(PARAMS)}=${input.value()}`);
  return query.length === 0 ? path : `${path}?${query.join('&')}`;
}

describe('fuzzing routes and parameters', () => {
  it(`should never answer user input with a 5xx (seed ${SEED}, ${CASES} requests)`, async () => {
    const input = new FuzzInput(seededRandom(SEED));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < CASES; i++) {
      const method = input.pick(METHODS);
      const url = fuzzUrl(input);
      const payload = method === 'GET' || method === 'HEAD' ? undefined : input.value();
      const response = await t.app.inject({ method, url, payload });
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      if (response.statusCode >= 500)
        failures.push(
          `#${i} ${method} ${url.slice(0, 300)} → ${response.statusCode} ${response.body.slice(0, 200)}`,
        );
      else if (response.statusCode >= 400 && method !== 'HEAD') {
        const body = response.json() as { code?: unknown };
        if (typeof body.code !== 'string' && typeof body.code !== 'number') {
          failures.push(
            `#${i} ${method} ${url.slice(0, 300)} → uncoded body ${response.body.slice(0, 200)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
    // The cases reach the handlers, not only the router: successes, bad parameters, 404s, 414s.
    for (const status of [200, 400, 404, 414])
      expect([status, statuses.get(status) ?? 0]).not.toEqual([status, 0]);
  });
});
