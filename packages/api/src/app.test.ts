import { afterEach, describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import { request } from 'node:http';
import { resolveApiAppOptions } from './app-options.js';
import { ApiError } from './errors/api-error.js';
import { sampleApp, type TestApp } from './testing/sample-cluster.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.app.close();
  t = undefined;
});

describe('resolveApiAppOptions', () => {
  it('should fill in the documented defaults', () => {
    expect(resolveApiAppOptions()).toEqual({
      disableExport: false,
      expositionPath: '/metrics/cluster',
      expositionTimestamps: false,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 65_000,
      bodyLimitBytes: 1_048_576,
      https: undefined,
    });
  });

  it('should report every bad field together, each by name', () => {
    let error: unknown;
    try {
      resolveApiAppOptions({
        expositionPath: '/metrics',
        requestTimeoutMs: 0,
        bodyLimitBytes: 1.5,
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map(p => p.field)).toEqual([
      'expositionPath',
      'requestTimeoutMs',
      'bodyLimitBytes',
    ]);
    expect(() => resolveApiAppOptions({ expositionPath: 'metrics' })).toThrow(/expositionPath/);
  });
});

describe('buildApiApp', () => {
  it('should serve the exposition at its configured path and refuse a bad type filter', async () => {
    t = await sampleApp({ expositionPath: '/federate/heapster' });
    const response = await t.app.inject({ url: '/federate/heapster?type=node' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.body).toContain('heapster_cpu_usage_rate{type="node",nodename="node-b"} 2002');
    const bad = await t.app.inject({ url: '/federate/heapster?type=pods' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ parameter: 'type', code: 'HEAPSTER_ERR_BAD_PARAMETER' });
    expect((await t.app.inject({ url: '/metrics/cluster' })).statusCode).toBe(404);
  });

  it("should count requests in Heapster's HTTP self-metrics at /metrics", async () => {
    t = await sampleApp();
    await t.app.inject({ url: '/api/v1/model/nodes/node-a/metrics/cpu/usage_rate' });
    await t.app.inject({ url: '/api/v1/model/nodes/nope/metrics/cpu/usage_rate' });
    await t.app.inject({ url: '/no/such/route' });
    const text = (await t.app.inject({ url: '/metrics' })).body;
    expect(text).toContain('http_requests_total{handler="nodeMetrics",method="get",code="200"} 1');
    expect(text).toContain('http_requests_total{handler="nodeMetrics",method="get",code="404"} 1');
    expect(text).toContain('http_requests_total{handler="notFound",method="get",code="404"} 1');
    expect(text).toMatch(/http_request_duration_microseconds_count\{handler="nodeMetrics"\} 2/);
    expect(text).toMatch(/http_response_size_bytes_count\{handler="nodeMetrics"\} 2/);
    expect(text).toMatch(/http_request_size_bytes_sum\{handler="nodeMetrics"\} \d+/);
  });

  it('should build twice on one registry (the metrics are shared, not registered twice)', async () => {
    t = await sampleApp();
    const second = await sampleApp({}, { registry: t.registry });
    await second.app.inject({ url: '/healthz' });
    expect(await t.registry.getSingleMetricAsString('http_requests_total')).toContain(
      'handler="healthz"',
    );
    await second.app.close();
  });

  it('should answer Kubernetes paths with a Status and framework errors with coded bodies', async () => {
    t = await sampleApp();
    const unknown = await t.app.inject({ url: '/apis/nothing.k8s.io/v1' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
    const badUrl = await t.app.inject({ url: '/api/v1/model/nodes/%E0%A4%A/metrics' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json()).toMatchObject({ code: 'HEAPSTER_ERR_BAD_REQUEST', status: 400 });
    const long = await t.app.inject({ url: `/api/v1/model/nodes/${'n'.repeat(20_000)}/metrics` });
    expect(long.statusCode).toBe(414);
    expect(long.json()).toMatchObject({ code: 'HEAPSTER_ERR_URI_TOO_LONG' });
    const post = await t.app.inject({
      method: 'POST',
      url: '/healthz',
      payload: 'x'.repeat(2_000_000),
    });
    expect(post.statusCode).toBeLessThan(500);
    expect(post.statusCode).toBeGreaterThanOrEqual(400);
  });

  it('should serve metrics.k8s.io only when its options are given', async () => {
    t = await sampleApp();
    const nodes = await t.app.inject({ url: '/apis/metrics.k8s.io/v1beta1/nodes' });
    expect(nodes.statusCode).toBe(200);
    expect(nodes.json()).toMatchObject({ kind: 'NodeMetricsList' });
    await t.app.close();
    t = await sampleApp({}, { metricsApi: undefined });
    const absent = await t.app.inject({ url: '/apis/metrics.k8s.io/v1beta1/nodes' });
    expect(absent.statusCode).toBe(404);
    expect(absent.json()).toMatchObject({ kind: 'Status', code: 404 });
  });

  it('should run the request guard before every route, answering its refusal coded', async () => {
    t = await sampleApp(
      {},
      {
        requestGuard: async request => {
          if (request.headers['x-user'] !== 'admin')
            throw new ApiError('HEAPSTER_ERR_FORBIDDEN', 'not admin');
        },
      },
    );
    const refused = await t.app.inject({ url: '/api/v1/model/nodes' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'HEAPSTER_ERR_FORBIDDEN', error: 'not admin' });
    const allowed = await t.app.inject({
      url: '/api/v1/model/nodes',
      headers: { 'x-user': 'admin' },
    });
    expect(allowed.statusCode).toBe(200);
    expect(await t.registry.getSingleMetricAsString('http_requests_total')).toContain('code="403"');
  });

  it('should serve over a real socket and close idempotently', async () => {
    t = await sampleApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/v1/model/nodes', timeout: 5_000 },
        res => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve(text));
        },
      );
      req.on('timeout', () => req.destroy(new Error('request timed out')));
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(body)).toEqual(['node-a', 'node-b']);
    await t.app.close();
    await t.app.close();
    t = undefined;
  });
});
