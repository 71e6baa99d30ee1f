import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { ProcessHandle, tempDir, waitFor } from '@heapster/testing';
import type { TempDir } from '@heapster/testing';
import { get } from './testing/kubelet-client.js';
import { transpilePackage } from './testing/transpile.js';

const READY = /^kubesim ready: api=(http:\/\/127\.0\.0\.1:\d+)$/;

describe('kubesim CLI', () => {
  let build: { dir: string; cleanup(): Promise<void> };
  let scratch: TempDir;
  const cli = (...args: string[]): ProcessHandle => ProcessHandle.start({ command: process.execPath, args: [join(build.dir, 'cli.js'), ...args] });

  beforeAll(async () => {
    build = await transpilePackage();
    scratch = await tempDir('kubesim-cli');
  }, 60_000);
  afterAll(async () => {
    await build.cleanup();
    await scratch.cleanup();
  });

  it('documents every flag in --help', async () => {
    const p = cli('--help');
    expect(await p.waitForExit(20_000)).toMatchObject({ code: 0 });
    for (const flag of [
      '--nodes', '--pods-per-node', '--seed', '--segment', '--stats-interval', '--churn', '--events-per-second',
      '--max-events', '--event-ttl', '--crash-loop-fraction', '--gpu-node-fraction', '--unschedulable-pods',
      '--bind-base', '--tick', '--api-port', '--https', '--no-kubelet-https', '--kubelet-port',
      '--kubelet-read-only-port', '--admin-token', '--token', '--kubeconfig-out', '--ca-out', '--client-cert-out',
      '--fault', '--api-fault', '--kube-version', '--history-limit', '--idle-gc', '--verbose',
    ]) {
      expect(p.stdout()).toContain(flag);
    }
  });

  it.each([
    [['--nodes', 'abc'], /--nodes/],
    [['--segment', 'soon'], /--segment/],
    [['--fault', 'melt:percent=5'], /kind must be one of/],
    [['--bind-base', '10.0.0.1'], /--bind-base/],
    [['--segment', '7s', '--stats-interval', '2s'], /--segment \(7\) must be a multiple of --stats-interval/],
    [['--fault', 'slow:nodes=node-0042'], /no node named "node-0042"/],
    [['--bogus'], /unknown option '--bogus'/],
  ])('rejects %j with exit code 2 and an error naming the problem', async (args, message) => {
    const p = cli(...args);
    expect(await p.waitForExit(20_000)).toMatchObject({ code: 2 });
    expect(p.stderr()).toMatch(message);
    expect(p.stdout()).not.toMatch(/kubesim ready/);
  });

  it('prints one ready line, writes a working kubeconfig, applies start-up faults, and stops on SIGTERM', async () => {
    const kubeconfig = join(scratch.path, 'kubeconfig');
    const p = cli('--nodes', '3', '--pods-per-node', '4', '--seed', '1', '--api-port', '0', '--kubeconfig-out', kubeconfig,
      '--fault', 'error:nodes=node-0002,status=503', '--api-fault', 'listFailure=500@Event', '--idle-gc');
    try {
      const line = await waitFor(() => READY.exec(p.stdout().trim())?.[1], {
        description: 'the kubesim ready line',
        timeoutMs: 30_000,
        giveUpIf: () => (p.exitStatus === undefined ? undefined : `exited: ${p.stderr()}`),
      });
      expect(p.stdout().trim().split('\n')).toHaveLength(1);
      const kc = new KubeConfig();
      kc.loadFromFile(kubeconfig);
      expect(kc.getCurrentCluster()?.server).toBe(line);
      const core = kc.makeApiClient(CoreV1Api);
      const nodes = await core.listNode();
      expect(nodes.items.map((n) => n.metadata?.name)).toEqual(['node-0001', 'node-0002', 'node-0003']);
      const address = (i: number): string => nodes.items[i]?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
      const truth = JSON.parse((await get(`${line}/_sim/truth`)).text);
      const port = truth.nodes[0].readOnlyPort as number;
      expect((await get(`http://${address(0)}:${port}/stats/summary`)).status).toBe(200);
      expect((await get(`http://${address(1)}:${port}/stats/summary`)).status).toBe(503);
      expect((await get(`${line}/api/v1/events`)).status).toBe(500);
    } finally {
      const status = await p.stop({ signal: 'SIGTERM' });
      expect(status.code).toBe(0);
    }
  });
});
