import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { start } from './kubesim.js';
import type { Kubesim } from './kubesim.js';
import type { GroundTruth } from './sim/ground-truth.js';
import { get } from './testing/kubelet-client.js';

const post = (url: string, body: unknown): ReturnType<typeof get> => get(url, { method: 'POST', body: JSON.stringify(body) });

describe('kubesim start(): store, simulation, kubelets and API server together', () => {
  let sim: Kubesim;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubesim-test-'));
    sim = await start({ nodes: 4, podsPerNode: 6, seed: 5, kubeconfigPath: join(dir, 'kubeconfig') });
  });
  afterAll(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a kubeconfig @kubernetes/client-node loads as it is, and lists the nodes', async () => {
    const text = await readFile(join(dir, 'kubeconfig'), 'utf8');
    expect(text).toContain(`server: "${sim.apiUrl}"`);
    expect(text).toContain('insecure-skip-tls-verify: true');
    const kc = new KubeConfig();
    kc.loadFromFile(join(dir, 'kubeconfig'));
    const nodes = await kc.makeApiClient(CoreV1Api).listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual(['node-0001', 'node-0002', 'node-0003', 'node-0004']);
    const ip = nodes.items[0]?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    expect(ip).toBe(sim.nodes[0]!.address);
  });

  it('serves the ground truth at /_sim/truth, optionally for one node', async () => {
    const all = JSON.parse((await get(`${sim.apiUrl}/_sim/truth`)).text) as GroundTruth;
    expect(all.kind).toBe('KubesimTruth');
    expect(all.nodes).toHaveLength(4);
    expect(all.segment.endMs - all.segment.startMs).toBe(60_000);
    expect(all.nodes[0]!.pods.length).toBeGreaterThan(0);
    const one = JSON.parse((await get(`${sim.apiUrl}/_sim/truth?node=node-0003`)).text) as GroundTruth;
    expect(one.nodes.map((n) => n.name)).toEqual(['node-0003']);
    const handle = sim.truth({ node: 'node-0003' });
    expect(handle.nodes[0]!.pods.map((p) => p.uid)).toEqual(one.nodes[0]!.pods.map((p) => p.uid));
    const bad = await get(`${sim.apiUrl}/_sim/truth?node=nope`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ kind: 'Status', code: 400 });
    const nodes = JSON.parse((await get(`${sim.apiUrl}/_sim/nodes`)).text);
    expect(nodes[0]).toEqual({ name: 'node-0001', address: sim.nodes[0]!.address, kubeletPort: sim.kubeletPort, readOnlyPort: sim.kubeletReadOnlyPort, ready: true, addressUsable: true });
  });

  it('switches kubelet and API-server faults with POST /_sim/faults', async () => {
    const on = await post(`${sim.apiUrl}/_sim/faults`, {
      kubelet: { set: [{ kind: 'error', nodes: ['node-0001'], status: 502 }] },
      api: { scope: 'Pod', listFailure: { status: 503 } },
    });
    expect(on.status).toBe(200);
    expect(JSON.parse(on.text)).toMatchObject({ affected: [['node-0001']], kubelet: [{ kind: 'error', node: 'node-0001', status: 502 }], api: { listFailure: { Pod: { status: 503 } } } });
    const n = sim.nodes[0]!;
    expect((await get(`http://${n.address}:${n.readOnlyPort}/stats/summary`)).status).toBe(502);
    expect((await get(`${sim.apiUrl}/api/v1/pods`)).status).toBe(503);
    expect((await get(`${sim.apiUrl}/api/v1/nodes`)).status).toBe(200);
    const off = await post(`${sim.apiUrl}/_sim/faults`, { kubelet: { clear: true }, api: { reset: true } });
    expect(JSON.parse(off.text)).toMatchObject({ kubelet: [], api: { listFailure: {} } });
    expect((await get(`${sim.apiUrl}/api/v1/pods`)).status).toBe(200);
    const bad = await post(`${sim.apiUrl}/_sim/faults`, { kubelet: { set: [{ kind: 'melt', percent: 5 }] } });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).message).toMatch(/kind must be one of/);
  });

  it('restarts a container with POST /_sim/restart', async () => {
    const pod = sim.truth().nodes[2]!.pods[1]!;
    const res = await post(`${sim.apiUrl}/_sim/restart`, { namespace: pod.namespace, pod: pod.name });
    expect(res.status).toBe(200);
    const after = sim.truth({ node: 'node-0003' }).nodes[0]!.pods.find((p) => p.uid === pod.uid)!;
    expect(after.containers[0]!.restartCount).toBe(pod.containers[0]!.restartCount + 1);
    expect((await post(`${sim.apiUrl}/_sim/restart`, { namespace: 'x', pod: 'y' })).status).toBe(400);
  });
});

describe('kubesim over HTTPS', () => {
  let sim: Kubesim;
  beforeAll(async () => {
    sim = await start({ nodes: 2, podsPerNode: 3, https: true, adminToken: 'secret-admin' });
  });
  afterAll(() => sim.stop());

  it('needs a token; its kubeconfig carries the CA and the admin token', async () => {
    expect(sim.apiUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect((await get(`${sim.apiUrl}/api/v1/nodes`, { ca: sim.ca.certPem })).status).toBe(401);
    expect(sim.kubeconfig).toContain('certificate-authority-data: ');
    expect(sim.kubeconfig).toContain('token: "secret-admin"');
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    const nodes = await kc.makeApiClient(CoreV1Api).listNode();
    expect(nodes.items).toHaveLength(2);
  });
});

describe('kubesim stop()', () => {
  it('closes hung kubelet requests and every listener', async () => {
    const sim = await start({ nodes: 2, podsPerNode: 2 });
    sim.faults.set({ kind: 'hang', nodes: ['node-0001'] });
    const n = sim.nodes[0]!;
    const pending = get(`http://${n.address}:${n.readOnlyPort}/stats/summary`, { timeoutMs: 20_000 });
    // Wait until the request has reached the kubelet before stopping.
    await get(`http://${sim.nodes[1]!.address}:${n.readOnlyPort}/healthz`);
    await sim.stop();
    await expect(pending).rejects.toThrow(/socket hang up|ECONNRESET/);
    await expect(get(`http://${n.address}:${n.readOnlyPort}/healthz`, { timeoutMs: 2000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(get(`${sim.apiUrl}/version`, { timeoutMs: 2000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('kubesim start(): kubelet request listeners', () => {
  it('tells of a request as it arrives and again once it is answered', async () => {
    const seen: string[] = [];
    const sim = await start({
      nodes: 1,
      podsPerNode: 2,
      seed: 3,
      onKubeletRequestStart: () => seen.push('start'),
      onKubeletRequest: (e) => seen.push(`done ${e.node} ${e.url} ${e.status}`),
    });
    try {
      const node = sim.nodes[0]!;
      const answer = await get(`http://${node.address}:${sim.kubeletReadOnlyPort}/stats/summary`);
      expect(answer.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).toEqual(['start', 'done node-0001 /stats/summary 200']);
    } finally {
      await sim.stop();
    }
  });
});
