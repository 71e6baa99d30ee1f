import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CoreV1Api, KubeConfig, Metrics } from '@kubernetes/client-node';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { clusterApp } from '../testing/metrics-app.js';
import { SAMPLE } from '../testing/metrics-fixtures.js';

describe("@kubernetes/client-node's Metrics and CoreV1Api read the core", () => {
  let app: FastifyInstance;
  let kc: KubeConfig;

  beforeAll(async () => {
    app = await clusterApp(SAMPLE);
    await app.listen({ port: 0, host: '127.0.0.1' });
    kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: 'core',
          server: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
          skipTLSVerify: true,
        },
      ],
      users: [{ name: 'u' }],
      contexts: [{ name: 'ctx', cluster: 'core', user: 'u' }],
      currentContext: 'ctx',
    });
  });
  afterAll(() => app.close());

  it('getNodeMetrics returns the nodes with usage', async () => {
    const list = await new Metrics(kc).getNodeMetrics();
    expect(list.kind).toBe('NodeMetricsList');
    expect(list.items.map(n => [n.metadata.name, n.usage.cpu, n.usage.memory, n.window])).toEqual([
      ['node-a', '182413227n', '1048580Ki', '15.012s'],
      ['node-b', '1500m', '2Gi', '15.012s'],
    ]);
  });

  it('getPodMetrics returns pods of all namespaces and of one', async () => {
    const metrics = new Metrics(kc);
    const all = await metrics.getPodMetrics();
    expect(all.items.map(p => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual([
      'default/web-0',
      'default/web-1',
      'kube-system/dns',
    ]);
    const system = await metrics.getPodMetrics('kube-system');
    expect(system.items[0]?.containers).toEqual([
      { name: 'dns', usage: { cpu: '3m', memory: '20971527' } },
    ]);
  });

  it('CoreV1Api reads /api/v1/nodes with allocatable quantities', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const nodes = await core.listNode();
    expect(nodes.items.map(n => n.metadata?.name)).toEqual(['node-a', 'node-b', 'node-c']);
    const node = await core.readNode({ name: 'node-a' });
    expect(node.status?.allocatable).toEqual({ cpu: '3900m', memory: '15Gi', pods: '110' });
    expect(node.metadata?.creationTimestamp).toBeInstanceOf(Date);
  });
});
