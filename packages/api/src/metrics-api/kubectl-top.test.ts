import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findKubectl, runKubectl } from '@heapster/testing';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { startInformedCluster, type InformedCluster } from '../testing/informed-cluster.js';
import { metricsApp } from '../testing/metrics-app.js';
import { directoriesOf, SAMPLE, storeOf, type ContainerSpec } from '../testing/metrics-fixtures.js';
import { randomCluster } from '../testing/random-cluster.js';
import { MetricsResponseCache } from './metrics-response-cache.js';

// kubectl's rounding: CPU is Quantity.MilliValue() (rounded up), memory Value() / 2^20 (down),
// percentages truncated. The store holds millicores; the API serves whole nanocores.
const milli = (millicores: number): number => Math.ceil(Math.round(millicores * 1e6) / 1e6);
const mebi = (bytes: number): number => Math.floor(Math.round(bytes) / 2 ** 20);

/** kubectl's table output as rows of cells (header dropped). */
function rows(stdout: string): string[][] {
  return stdout
    .trim()
    .split('\n')
    .slice(1)
    .map(line => line.trim().split(/\s+/));
}

const CPU_NANOS: Record<string, bigint> = { n: 1n, u: 1_000n, m: 1_000_000n, '': 1_000_000_000n };
const MEMORY_BYTES: Record<string, bigint> = {
  '': 1n,
  k: 1000n,
  Ki: 1024n,
  Mi: 1024n ** 2n,
  Gi: 1024n ** 3n,
};

/** An integer quantity as the API serves it, times its suffix's unit from `units`. */
function quantity(text: string, units: Record<string, bigint>): bigint {
  const [, digits = '', suffix = ''] = /^(\d+)([A-Za-z]*)$/.exec(text) ?? [];
  const unit = units[suffix];
  if (digits === '' || unit === undefined) throw new Error(`unexpected quantity ${text}`);
  return BigInt(digits) * unit;
}

interface PodMetricsItem {
  metadata: { namespace: string; name: string };
  containers: { name: string; usage: { cpu: string; memory: string } }[];
}

/** `kubectl top pods -A --containers` rows for a PodMetricsList, with kubectl's rounding. */
function containerRows(list: { items: PodMetricsItem[] }): string[][] {
  return list.items.flatMap(pod =>
    pod.containers.map(c => {
      const nanos = quantity(c.usage.cpu, CPU_NANOS);
      const bytes = quantity(c.usage.memory, MEMORY_BYTES);
      const millis = (nanos + 999_999n) / 1_000_000n;
      return [
        pod.metadata.namespace,
        pod.metadata.name,
        c.name,
        `${millis}m`,
        `${bytes / 2n ** 20n}Mi`,
      ];
    }),
  );
}

const container = (namespace: string, pod: string, name: string): ContainerSpec => {
  const spec = SAMPLE.pods.find(p => p.namespace === namespace && p.name === pod);
  const found = spec?.containers.find(c => c.name === name);
  if (found === undefined) throw new Error(`no container ${namespace}/${pod}/${name}`);
  return found;
};

describe.each(['1.20', 'newest'] as const)('real kubectl %s against the core', which => {
  let cluster: InformedCluster;
  let app: FastifyInstance;
  let server: string;
  const kubectl = (...args: string[]) => runKubectl(findKubectl(which), server, args);

  beforeAll(async () => {
    cluster = await startInformedCluster(SAMPLE);
    app = await metricsApp({
      store: storeOf(SAMPLE),
      resolutionMs: 15_000,
      nodes: cluster.cache,
      pods: cluster.cache,
      now: () => SAMPLE.timestamp + 5_000,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await cluster?.close();
  });

  it('top nodes prints the store values and percentages of allocatable', async () => {
    const result = await kubectl('top', 'nodes');
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const expected = SAMPLE.nodes
      .filter(n => n.cpu !== undefined)
      .map(n => {
        const cpu = milli(n.cpu ?? 0);
        const memory = Math.round(n.memory ?? 0);
        return [
          n.name,
          `${cpu}m`,
          `${Math.trunc((cpu / 3900) * 100)}%`,
          `${mebi(memory)}Mi`,
          `${Math.trunc((memory / (15 * 2 ** 30)) * 100)}%`,
        ];
      })
      .sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
    // node-c has no CPU rate yet: kubectl lists it from /api/v1/nodes without numbers.
    expected.push(['node-c', '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
    expect(rows(result.stdout)).toEqual(expected);
  });

  it('top node NAME prints one node', async () => {
    const result = await kubectl('top', 'node', 'node-b');
    expect(result.code).toBe(0);
    expect(rows(result.stdout)).toEqual([['node-b', '1500m', '38%', '2048Mi', '13%']]);
  });

  it('top pods -A --containers prints every container of every served pod', async () => {
    const result = await kubectl('top', 'pods', '-A', '--containers');
    expect(result.code).toBe(0);
    const printed = rows(result.stdout).sort();
    const expected = [
      ['default', 'web-0', 'app'],
      ['default', 'web-0', 'sidecar'],
      ['default', 'web-1', 'app'],
      ['kube-system', 'dns', 'dns'],
    ].map(([ns = '', pod = '', name = '']) => {
      const c = container(ns, pod, name);
      return [ns, pod, name, `${milli(c.cpu ?? 0)}m`, `${mebi(c.memory ?? 0)}Mi`];
    });
    expect(printed).toEqual(expected.sort());
  });

  it('top pod NAME -n NS sums the containers', async () => {
    const result = await kubectl('top', 'pod', 'web-0', '-n', 'default');
    expect(result.code).toBe(0);
    // kubectl sums the containers' quantities, then rounds.
    const cpu = milli(250 + 1);
    const memory = mebi(100 * 2 ** 20 + 4620 * 1024);
    expect(rows(result.stdout)).toEqual([['web-0', `${cpu}m`, `${memory}Mi`]]);
  });

  it('top pods -l app=web selects by the informer labels', async () => {
    const result = await kubectl('top', 'pods', '-l', 'app=web');
    expect(result.code).toBe(0);
    expect(rows(result.stdout).map(r => r[0])).toEqual(['web-0', 'web-1']);
  });

  it('top pod of a pod without usage is a NotFound from the server', async () => {
    const result = await kubectl('top', 'pod', 'partial', '-n', 'default');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('podmetrics.metrics.k8s.io "partial" not found');
  });

  it('get nodes resolves nodes to the core group and prints the Table with VERSION', async () => {
    const result = await kubectl('get', 'nodes');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]?.split(/\s+/)).toEqual([
      'NAME',
      'STATUS',
      'ROLES',
      'AGE',
      'VERSION',
    ]);
    expect(rows(result.stdout)).toEqual([
      ['node-a', 'Ready', '<none>', '2d', 'v1.20.2'],
      ['node-b', 'Ready', '<none>', '2d', 'v1.20.2'],
      ['node-c', 'Ready', '<none>', '2d', 'v1.20.2'],
    ]);
    const wide = await kubectl('get', 'nodes', '-o', 'wide');
    expect(wide.code).toBe(0);
    // OS-IMAGE has spaces: check the line rather than the cells.
    expect(wide.stdout).toMatch(
      /node-a +Ready +<none> +2d +v1\.20\.2 +10\.0\.0\.1 +<none> +Ubuntu 20\.04\.1 LTS +5\.4\.0-1029-gcp +containerd:\/\/1\.4\.3/,
    );
  });

  it('get pods resolves pods to the core group: the informer pods, not PodMetrics', async () => {
    const result = await kubectl('get', 'pods', '-A');
    expect(result.code).toBe(0);
    expect(rows(result.stdout)).toEqual([
      ['default', 'netonly', 'Running', '0', '2d'],
      ['default', 'partial', 'Running', '0', '2d'],
      ['default', 'web-0', 'Running', '0', '2d'],
      ['default', 'web-1', 'Running', '0', '2d'],
      ['kube-system', 'dns', 'Running', '0', '2d'],
    ]);
    const wide = await kubectl('get', 'pods', '-n', 'kube-system', '-o', 'wide');
    expect(rows(wide.stdout)).toEqual([['dns', 'Running', '0', '2d', '10.1.0.1', 'node-b']]);
    const metrics = await kubectl('get', 'pods.metrics.k8s.io', '-n', 'kube-system');
    expect(rows(metrics.stdout).map(r => r[0])).toEqual(['dns']);
  });

  it('top pods -A --containers through the gzip path prints what the plain list says', async () => {
    // 300 pods: a list well over 1 KB, so it is compressed once per batch and sent gzipped
    // to kubectl, whose Go transport asks for gzip by itself.
    const spec = randomCluster(77, 300);
    const { nodes, pods } = directoriesOf(spec, spec.timestamp - 86_400_000);
    const options = {
      store: storeOf(spec),
      resolutionMs: 15_000,
      nodes,
      pods,
      now: () => spec.timestamp + 5_000,
    };
    const cache = new MetricsResponseCache(options);
    const big = await metricsApp({ ...options, cache });
    try {
      await big.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(big.server.address() as AddressInfo).port}`;
      const result = await runKubectl(findKubectl(which), url, [
        'top',
        'pods',
        '-A',
        '--containers',
      ]);
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.code).toBe(0);
      // The server did send the gzipped list (and only it counts these).
      expect(cache.stats().pods.gzipResponses).toBeGreaterThanOrEqual(1);
      const plain = await big.inject({ url: '/apis/metrics.k8s.io/v1beta1/pods' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      const expected = containerRows(plain.json<{ items: PodMetricsItem[] }>());
      expect(expected.length).toBeGreaterThan(300);
      expect(rows(result.stdout).sort()).toEqual(expected.sort());
    } finally {
      await big.close();
    }
  });

  it('top pods -l matching no metrics asks for the pods and says there are none', async () => {
    const result = await kubectl('top', 'pods', '-l', 'app=none');
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('No resources found in default namespace.');
    // Pods the informer has but without usage: kubectl says their metrics are not available.
    const partial = await kubectl('top', 'pods', '-n', 'default', '-l', 'app!=web');
    expect(partial.code).not.toBe(0);
    expect(partial.stderr).toMatch(/metrics not available/i);
  });
});
