import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findKubectl, runKubectl, spawnKubectlWatch, waitFor } from '@heapster/testing';
import type { KubectlWhich } from '@heapster/testing';
import { start } from './kubesim.js';
import type { Kubesim } from './kubesim.js';

/** Output lines split into columns (kubectl pads columns with 3+ spaces). */
const table = (stdout: string): string[][] =>
  stdout
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s{2,}/));

describe.each<[KubectlWhich]>([['1.20'], ['newest']])('real kubectl (%s) against a simulated cluster', (which) => {
  let sim: Kubesim;
  let kubectl: string;
  const run = async (...args: string[]): Promise<string> => {
    const result = await runKubectl(kubectl, sim.apiUrl, args);
    if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${String(result.code)}: ${result.stderr}`);
    return result.stdout;
  };

  beforeAll(async () => {
    kubectl = findKubectl(which);
    sim = await start({ nodes: 4, podsPerNode: 8, seed: 2, eventsPerSecond: 20, churnPodsPerMinute: 30 });
  });
  afterAll(() => sim.stop());

  it('get nodes: every node Ready with its kubelet version', async () => {
    const rows = table(await run('get', 'nodes'));
    expect(rows[0]).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['node-0001', 'node-0002', 'node-0003', 'node-0004']);
    for (const r of rows.slice(1)) {
      expect(r[1]).toBe('Ready');
      expect(r[4]).toBe('v1.29.4');
    }
  });

  it('get pods -A -o wide: pod IPs and nodes from the simulation', async () => {
    const rows = table(await run('get', 'pods', '-A', '-o', 'wide'));
    expect(rows[0]?.slice(0, 8)).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE']);
    const body = rows.slice(1);
    expect(body.length).toBeGreaterThanOrEqual(30);
    for (const r of body.filter((row) => row[3] === 'Running')) {
      expect(r[6]).toMatch(/^10\.\d+\.\d+\.\d+$/);
      expect(r[7]).toMatch(/^node-000[1-4]$/);
    }
  });

  it('get pods -l app=kube-proxy -A: one DaemonSet pod per node', async () => {
    const rows = table(await run('get', 'pods', '-l', 'app=kube-proxy', '-A'));
    expect(rows.slice(1).map((r) => r[1]?.replace(/-\w{5}$/, ''))).toEqual(['kube-proxy', 'kube-proxy', 'kube-proxy', 'kube-proxy']);
  });

  it('get ns and get events -A', async () => {
    expect(table(await run('get', 'ns')).slice(1).map((r) => r[0])).toEqual(
      expect.arrayContaining(['default', 'kube-system', 'team-a', 'ml']),
    );
    const events = table(await run('get', 'events', '-A'));
    expect(events[0]).toEqual(['NAMESPACE', 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(events.length).toBeGreaterThan(5);
    expect(events.slice(1).some((r) => r[2] === 'Warning')).toBe(true);
  });

  it('get events -A --watch prints events as the simulation emits them', async () => {
    const watch = await spawnKubectlWatch(kubectl, sim.apiUrl, ['get', 'events', '-A', '--watch', '--output-watch-events=false'], { killAfterMs: 20_000 });
    try {
      const lines = (): number => watch.stdout().split('\n').length;
      const initial = await waitFor(() => (lines() > 3 ? lines() : 0), { description: 'the initial event list', timeoutMs: 15_000 });
      await waitFor(() => lines() > initial + 5, { description: 'new events on the watch', timeoutMs: 15_000 });
    } finally {
      await watch.stop();
    }
    expect(watch.stdout()).toMatch(/(Warning|Normal)\s+\w+/);
  });
});
