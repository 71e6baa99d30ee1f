import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { start, type Kubesim, type NodeTruth } from '@heapster/kubesim';
import { DataBatch, EntityType, MetricId } from '@heapster/model';
import {
  createKubeletClient,
  type KubeletConnectionSettings,
} from '../client/create-kubelet-client.js';
import type { KubeletClient } from '../client/kubelet-client.js';
import { resolveKubeletTargets, type TargetResolutionOptions } from '../targets/resolve-targets.js';
import { toKubeletNode } from '../testing/kube-nodes.js';
import { dumpBatch } from '../testing/dump-batch.js';
import { SummaryReadWorkers } from '../read-worker/summary-read-workers.js';
import { KubeletScraper, type KubeletScraperOptions } from './kubelet-scraper.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const resolutionMs = 15_000;

describe('KubeletScraper against kubesim', () => {
  let sim: Kubesim;
  let settings: KubeletConnectionSettings;
  let client: KubeletClient;

  beforeAll(async () => {
    sim = await start({
      nodes: 4,
      podsPerNode: 6,
      seed: 5,
      gpuNodeFraction: 0.5,
      autoTick: false,
      now: () => NOW,
    });
    const caFile = join(mkdtempSync(join(tmpdir(), 'kubesim-ca-')), 'ca.crt');
    writeFileSync(caFile, sim.ca.certPem);
    settings = {
      scheme: 'https',
      tls: { caFile, insecureSkipVerify: false },
      credential: { kind: 'token', token: sim.adminToken },
    };
    client = await createKubeletClient(settings);
  });
  afterEach(() => sim.faults.clear());
  afterAll(async () => {
    await client.close();
    await sim.stop();
  });

  const nodeNames = () => sim.nodes.map(n => n.name);
  const resolve = (options: Partial<TargetResolutionOptions> = {}) =>
    resolveKubeletTargets(sim.store.list('Node').map(toKubeletNode), { port: 10250, ...options });
  const scrape = async (options: Partial<KubeletScraperOptions> = {}, resolution = resolve()) => {
    const batch = new DataBatch({ timestamp: NOW });
    const scraper = new KubeletScraper({ client, timeoutMs: 5000, random: () => 0, ...options });
    const report = await scraper.scrape(resolution.targets, {
      batch,
      resolutionMs,
      skipped: resolution.skipped,
    });
    return { batch, report };
  };

  it('scrapes every node over HTTPS (token, cluster CA) with gauges equal to the ground truth', async () => {
    const { batch, report } = await scrape();
    expect([...report.scraped].sort()).toEqual(nodeNames());
    expect(report.failed).toEqual([]);
    const truth = sim.truth();
    expect(report.pods).toBe(truth.nodes.reduce((sum, n) => sum + n.pods.length, 0));
    for (const node of truth.nodes) expectNodeMatches(batch, node);
    // The seed puts GPUs on some containers, so accelerators are compared too.
    expect(batch.labeled.size).toBeGreaterThan(0);
    const gpus = truth.nodes.flatMap(n =>
      n.pods.flatMap(p => p.containers.flatMap(c => c.accelerators)),
    );
    expect(gpus.length).toBeGreaterThan(0);
  });

  it('writes the same rows when read workers share the reading', async () => {
    const readWorkers = new SummaryReadWorkers({
      workers: 1,
      maxQueued: 4,
      timeoutMs: 5000,
      entry: new URL('../../dist/read-worker/read-worker-main.js', import.meta.url),
    });
    try {
      const shared = await scrape({ readWorkers });
      expect(shared.report.failed).toEqual([]);
      // Every node went to the worker (it has room for all four), none failed there.
      expect(readWorkers.counts).toEqual({ read: 4, failed: 0 });
      const here = await scrape();
      expect(dumpBatch(shared.batch)).toEqual(dumpBatch(here.batch));
    } finally {
      await readWorkers.close();
    }
  });

  it('reads /metrics/resource in resource mode, cpu and working set matching the truth', async () => {
    const { batch, report } = await scrape({ endpoint: 'resource' });
    expect(report.failed).toEqual([]);
    const containers = batch.table(EntityType.PodContainer);
    for (const node of sim.truth().nodes) {
      for (const pod of node.pods) {
        for (const c of pod.containers) {
          const row = containers.rowOf({
            namespace: pod.namespace,
            pod: pod.name,
            container: c.name,
          });
          expect(containers.value(row, MetricId.MemoryWorkingSet)).toBe(
            Math.round(c.memory.workingSetBytes),
          );
          expect(containers.value(row, MetricId.CpuUsage)).toBe(
            Math.round(c.cpu.usageCoreNanoSeconds),
          );
          expect(containers.collectionStartTime(row)).toBe(c.startTimeMs);
        }
      }
    }
  });

  it('reports a kubelet slower than the timeout and still returns every other node', async () => {
    const [slow] = sim.faults.set({ kind: 'slow', nodes: [nodeNames()[1]!], delayMs: 5000 });
    const { batch, report } = await scrape({ timeoutMs: 300 });
    expect(report.failed).toEqual([
      { node: slow, class: 'timeout', reason: `kubelet ${slow} timed out after 300 ms` },
    ]);
    expect(report.scraped).toHaveLength(3);
    expect(batch.table(EntityType.Node).rowOf({ node: slow })).toBe(-1);
  });

  it('classifies a 5xx, a reset, a malformed and a truncated body, and keeps the healthy node', async () => {
    const [a, b, c, d] = nodeNames() as [string, string, string, string];
    sim.faults.set({ kind: 'error', nodes: [a], status: 503 });
    sim.faults.set({ kind: 'reset', nodes: [b] });
    sim.faults.set({ kind: 'malformed', nodes: [c] });
    const first = await scrape();
    const classes = Object.fromEntries(first.report.failed.map(f => [f.node, f.class]));
    expect(classes).toEqual({ [a]: 'http_error', [b]: 'connection_reset', [c]: 'decode' });
    expect(first.report.failed.find(f => f.node === a)?.reason).toContain('HTTP 503');
    expect(first.report.failed.find(f => f.node === c)?.reason).toMatch(
      /^the body is not valid JSON/,
    );
    expect(first.report.scraped).toEqual([d]);

    sim.faults.clear();
    sim.faults.set({ kind: 'truncated', nodes: [d] });
    const second = await scrape();
    expect(second.report.failed).toHaveLength(1);
    expect(second.report.failed[0]).toMatchObject({ node: d, class: 'decode' });
    expect(second.report.failed[0]?.reason).toMatch(/^the body is truncated/);
    expect(second.batch.table(EntityType.Node).rowOf({ node: d })).toBe(-1);
  });

  it('skips and reports a NotReady node and a node without a usable address', async () => {
    const [a, b] = nodeNames() as [string, string];
    sim.faults.set({ kind: 'notReady', nodes: [a] });
    sim.faults.set({ kind: 'noAddress', nodes: [b] });
    const { report } = await scrape({}, resolve({ addressTypes: ['InternalIP', 'ExternalIP'] }));
    expect(report.skipped.map(s => `${s.node}:${s.reason}`).sort()).toEqual([
      `${a}:not_ready`,
      `${b}:no_address`,
    ]);
    expect(report.scraped).toHaveLength(2);
  });

  it('omits what a degraded kubelet leaves out and keeps the rest', async () => {
    const [a] = nodeNames() as [string];
    sim.faults.set({ kind: 'missingFields', nodes: [a] });
    const { batch, report } = await scrape();
    expect(report.failed).toEqual([]);
    const nodes = batch.table(EntityType.Node);
    const row = nodes.rowOf({ node: a });
    expect(nodes.has(row, MetricId.CpuUsage)).toBe(true);
    expect(nodes.has(row, MetricId.MemoryUsage)).toBe(false);
  });

  it('reports a kubelet that refuses anonymous requests as unauthorized', async () => {
    const anonymous = await createKubeletClient({ ...settings, credential: { kind: 'none' } });
    const batch = new DataBatch({ timestamp: NOW });
    const report = await new KubeletScraper({
      client: anonymous,
      timeoutMs: 5000,
      random: () => 0,
    }).scrape(resolve().targets.slice(0, 1), { batch, resolutionMs });
    await anonymous.close();
    expect(report.failed[0]).toMatchObject({ class: 'unauthorized' });
    expect(report.failed[0]?.reason).toContain('HTTP 401');
  });
});

/** Gauges exactly as the kubelet reports them (whole numbers on the wire), counters too. */
function expectNodeMatches(batch: DataBatch, node: NodeTruth): void {
  const nodes = batch.table(EntityType.Node);
  const row = nodes.rowOf({ node: node.name });
  expect(nodes.value(row, MetricId.MemoryWorkingSet)).toBe(Math.round(node.memory.workingSetBytes));
  expect(nodes.value(row, MetricId.MemoryUsage)).toBe(Math.round(node.memory.usageBytes));
  expect(nodes.value(row, MetricId.CpuUsage)).toBe(Math.round(node.cpu.usageCoreNanoSeconds));
  expect(nodes.value(row, MetricId.EphemeralStorageUsage)).toBe(Math.round(node.fs.usedBytes));
  expect(nodes.collectionStartTime(row)).toBe(node.startTimeMs);

  const system = batch.table(EntityType.SysContainer);
  for (const c of node.systemContainers) {
    const sysRow = system.rowOf({
      node: node.name,
      container: c.name === 'runtime' ? 'docker-daemon' : c.name,
    });
    expect(system.value(sysRow, MetricId.MemoryWorkingSet)).toBe(
      Math.round(c.memory.workingSetBytes),
    );
  }

  const pods = batch.table(EntityType.Pod);
  const containers = batch.table(EntityType.PodContainer);
  for (const pod of node.pods) {
    const podRow = pods.rowOf({ namespace: pod.namespace, pod: pod.name });
    expect(pods.value(podRow, MetricId.MemoryWorkingSet)).toBe(
      Math.round(pod.memory.workingSetBytes),
    );
    expect(pods.value(podRow, MetricId.NetworkRx)).toBe(Math.round(pod.network.rxBytes));
    expect(pods.value(podRow, MetricId.EphemeralStorageUsage)).toBe(
      Math.round(pod.ephemeralStorage.usedBytes),
    );
    expect(pods.identity(podRow, 'node')).toBe(node.name);
    for (const c of pod.containers) {
      const cRow = containers.rowOf({ namespace: pod.namespace, pod: pod.name, container: c.name });
      expect(containers.value(cRow, MetricId.MemoryWorkingSet)).toBe(
        Math.round(c.memory.workingSetBytes),
      );
      expect(containers.value(cRow, MetricId.MemoryRss)).toBe(Math.round(c.memory.rssBytes));
      expect(containers.value(cRow, MetricId.CpuUsage)).toBe(
        Math.round(c.cpu.usageCoreNanoSeconds),
      );
      expect(containers.value(cRow, MetricId.CpuUsageRate)).toBeCloseTo(
        Math.round(c.cpu.usageNanoCores) / 1e6,
        9,
      );
      expect(containers.value(cRow, MetricId.EphemeralStorageUsage)).toBe(
        Math.round(c.rootfs.usedBytes) + Math.round(c.logs.usedBytes),
      );
      expect(containers.createTime(cRow)).toBe(c.startTimeMs);
      expect(labeled(batch, EntityType.PodContainer, cRow, MetricId.AcceleratorMemoryUsed)).toEqual(
        c.accelerators.map(a => Math.round(a.memoryUsedBytes)),
      );
    }
    expect(labeled(batch, EntityType.Pod, podRow, MetricId.FilesystemUsage)).toEqual(
      pod.volumes.map(v => Math.round(v.usedBytes)),
    );
  }
}

/** The labeled values of one metric of one row, in the order written. */
function labeled(batch: DataBatch, type: EntityType, row: number, metricId: number): number[] {
  return batch.labeled
    .indicesOf(type, row)
    .filter(i => batch.labeled.metricId(i) === metricId)
    .map(i => batch.labeled.value(i));
}
