import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { issueCertificate } from '@heapster/tls';
import { start } from '../kubesim.js';
import type { Kubesim } from '../kubesim.js';
import { get } from '../testing/kubelet-client.js';
import { validateSummary } from './summary-schema.js';

describe('simulated kubelets', () => {
  let sim: Kubesim;
  const readOnly = (node: number, path: string): string => {
    const n = sim.nodes[node]!;
    return `http://${n.address}:${n.readOnlyPort}${path}`;
  };
  const secure = (node: number, path: string): string => {
    const n = sim.nodes[node]!;
    return `https://${n.address}:${n.kubeletPort}${path}`;
  };

  beforeAll(async () => {
    sim = await start({
      nodes: 3,
      podsPerNode: 6,
      seed: 11,
      autoTick: false,
      adminToken: 'admin-token',
      tokens: {
        'metrics-only': { username: 'metrics-reader' },
        'stats-reader': { username: 'system:serviceaccount:kube-system:heapster' },
      },
      authRules: [
        { user: 'metrics-reader', verbs: ['get'], resources: ['nodes/metrics'] },
        { user: 'system:serviceaccount:kube-system:heapster', verbs: ['get'], resources: ['nodes/stats', 'nodes/metrics', 'nodes/proxy'] },
      ],
    });
  });
  afterAll(() => sim.stop());

  it('listens on each node\'s own loopback address, one port shared by all nodes', async () => {
    expect(new Set(sim.nodes.map((n) => n.address)).size).toBe(3);
    expect(new Set(sim.nodes.map((n) => n.readOnlyPort)).size).toBe(1);
    for (const [i, n] of sim.nodes.entries()) {
      const res = await get(readOnly(i, '/stats/summary'));
      expect(JSON.parse(res.text).node.nodeName).toBe(n.name);
    }
    const node = sim.store.get('Node', undefined, 'node-0002') as any;
    expect(node.status.daemonEndpoints.kubeletEndpoint.Port).toBe(sim.kubeletPort);
  });

  it('serves /stats/summary with and without the trailing slash, and only_cpu_and_memory', async () => {
    for (const path of ['/stats/summary', '/stats/summary/']) {
      const res = await get(readOnly(0, path));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
      expect(validateSummary(JSON.parse(res.text))).toEqual([]);
    }
    const small = JSON.parse((await get(readOnly(0, '/stats/summary?only_cpu_and_memory=true'))).text);
    expect(small.node.network).toBeUndefined();
    expect(small.pods[0].cpu.usageCoreNanoSeconds).toBeGreaterThan(0);
  });

  it('serves /metrics/resource, /healthz, and 404/405 for anything else', async () => {
    const metrics = await get(readOnly(1, '/metrics/resource'));
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(metrics.text).toMatch(/^node_cpu_usage_seconds_total [0-9.e+]+ \d{13}$/m);
    expect((await get(readOnly(1, '/healthz'))).text).toBe('ok');
    expect((await get(readOnly(1, '/nope'))).status).toBe(404);
    expect((await get(readOnly(1, '/stats/summary'), { method: 'POST', body: '{}' })).status).toBe(405);
  });

  it('on HTTPS, presents a certificate for the node IP signed by the cluster CA and requires a token', async () => {
    const ca = sim.ca.certPem;
    expect((await get(secure(0, '/stats/summary'), { ca })).status).toBe(401);
    expect((await get(secure(0, '/stats/summary'), { ca, token: 'wrong' })).status).toBe(401);
    const ok = await get(secure(0, '/stats/summary'), { ca, token: 'admin-token' });
    expect(ok.status).toBe(200);
    expect(validateSummary(JSON.parse(ok.text))).toEqual([]);
    await expect(get(secure(0, '/healthz'), { token: 'admin-token' })).rejects.toThrow(/certificate/i);
  });

  it('authorises nodes/<subresource> per path like the kubelet', async () => {
    const ca = sim.ca.certPem;
    const denied = await get(secure(1, '/stats/summary'), { ca, token: 'metrics-only' });
    expect(denied.status).toBe(403);
    expect(denied.text).toBe('Forbidden (user=metrics-reader, verb=get, resource=nodes, subresource=stats)');
    expect((await get(secure(1, '/metrics/resource'), { ca, token: 'metrics-only' })).status).toBe(200);
    expect((await get(secure(1, '/healthz'), { ca, token: 'metrics-only' })).status).toBe(403);
    expect((await get(secure(1, '/stats/summary'), { ca, token: 'stats-reader' })).status).toBe(200);
  });

  it('accepts a client certificate signed by the cluster CA (CN = user, O = groups)', async () => {
    const client = await issueCertificate(sim.ca, { commonName: 'heapster', organizations: ['system:masters'], usage: 'client' });
    const res = await get(secure(2, '/stats/summary'), { ca: sim.ca.certPem, cert: client.certPem, key: client.keyPem });
    expect(res.status).toBe(200);
    const stranger = await issueCertificate(sim.ca, { commonName: 'nobody', usage: 'client' });
    expect((await get(secure(2, '/stats/summary'), { ca: sim.ca.certPem, cert: stranger.certPem, key: stranger.keyPem })).status).toBe(403);
  });
});
