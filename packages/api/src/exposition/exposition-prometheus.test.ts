import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startPrometheus, waitFor, type PrometheusServer } from '@heapster/testing';
import { sampleApp, type TestApp } from '../testing/sample-cluster.js';

// A real Prometheus 2.42 scrapes the exposition path over a socket, as it would in a cluster.
let t: TestApp;
let prometheus: PrometheusServer;

beforeAll(async () => {
  t = await sampleApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  prometheus = await startPrometheus({
    scrapeConfigs: [
      {
        job_name: 'heapster',
        metrics_path: '/metrics/cluster',
        static_configs: [{ targets: [`127.0.0.1:${port}`] }],
      },
      {
        job_name: 'heapster-self',
        static_configs: [{ targets: [`127.0.0.1:${port}`] }],
      },
    ],
  });
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await t?.app.close();
});

describe('Prometheus scraping the exposition', () => {
  it('should answer a PromQL query with the pod CPU the store holds', async () => {
    const query = 'heapster_cpu_usage_rate{type="pod",namespace_name="default",pod_name="web-1"}';
    const [sample] = await waitFor(
      async () => {
        const result = await prometheus.query(query);
        return result.length > 0 ? result : undefined;
      },
      { description: `Prometheus to answer ${query}`, timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(Number(sample!.value[1])).toBe(252);
    expect(sample!.metric).toMatchObject({
      job: 'heapster',
      pod_id: 'uid-web-1',
      labels: 'app:web,tier:"front"',
    });
  });

  it('should ingest counters, labeled metrics and floats of every level', async () => {
    const [fs] = await prometheus.query(
      'heapster_filesystem_usage{type="pod_container",pod_name="web-1",container_name="app",resource_id="logs"}',
    );
    expect(Number(fs!.value[1])).toBe(202);
    const sum = await prometheus.query('sum(heapster_cpu_usage_rate{type="node"})');
    expect(Number(sum[0]!.value[1])).toBe(3004);
    const [ratio] = await prometheus.query('heapster_cpu_node_utilization{nodename="node-a"}');
    expect(Number(ratio!.value[1])).toBe(0.25);
    const counters = await prometheus.query('heapster_cpu_usage_total{type="node"}');
    expect(counters).toHaveLength(2);
  });

  it('should count its own scrapes in the self-metrics at /metrics', async () => {
    const query =
      'http_requests_total{job="heapster-self",handler="prometheusExposition",code="200"}';
    const [sample] = await waitFor(
      async () => {
        const result = await prometheus.query(query);
        return result.length > 0 ? result : undefined;
      },
      { description: `Prometheus to answer ${query}`, timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(Number(sample!.value[1])).toBeGreaterThan(0);
  });
});
