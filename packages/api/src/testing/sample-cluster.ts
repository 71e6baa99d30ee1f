import { DataBatch, EntityType, LabelId, MetricId, type EntityKeyParts } from '@heapster/model';
import { ManualClock, noopLogger } from '@heapster/runtime';
import { RecentStore } from '@heapster/store-memory';
import { Registry } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type { ApiAppDeps, ApiAppOptions } from '../app-options.js';
import { buildApiApp } from '../app.js';

export const RESOLUTION_MS = 60_000;
/** 2024-01-01T00:00:00Z: batch i of a sample store is at T0 + i × resolution. */
export const T0 = Date.UTC(2024, 0, 1);

type Values = Readonly<Record<number, number>>;

function row(
  batch: DataBatch,
  type: EntityType,
  parts: EntityKeyParts,
  values: Values = {},
): number {
  const table = batch.table(type);
  const index = table.addRow(parts);
  for (const [id, value] of Object.entries(values)) table.setValue(index, Number(id), value);
  return index;
}

function labeled(
  batch: DataBatch,
  type: EntityType,
  index: number,
  metricId: number,
  labels: Record<string, string>,
  value: number,
): void {
  const pairs = Object.entries(labels).map(([key, v]) => ({ key, value: v }));
  batch.labeled.add(type, index, metricId, batch.labelSets.intern(pairs), value);
}

/**
 * A small cluster: nodes node-a and node-b, namespaces default and kube-system, pods with
 * containers, system containers, labeled filesystems, a float ratio and a negative custom
 * gauge. Values grow with `seed` so that batches differ.
 */
export function sampleBatch(timestamp: number, seed: number, shared?: DataBatch): DataBatch {
  const batch = new DataBatch({ timestamp, metrics: shared?.metrics, strings: shared?.strings });
  const cpu = (base: number) => ({
    [MetricId.CpuUsageRate]: base + seed,
    [MetricId.MemoryWorkingSet]: (base + seed) * 1_000_000,
    [MetricId.CpuUsage]: (base + seed) * 1e9,
  });
  const nodeA = row(
    batch,
    EntityType.Node,
    { node: 'node-a' },
    {
      ...cpu(1000),
      [MetricId.CpuNodeUtilization]: 0.25,
    },
  );
  batch.setLabel(EntityType.Node, nodeA, LabelId.Hostname, 'host-a.example');
  row(batch, EntityType.Node, { node: 'node-b' }, cpu(2000));
  row(batch, EntityType.SysContainer, { node: 'node-a', container: 'kubelet' }, cpu(50));
  row(batch, EntityType.Namespace, { namespace: 'default' }, cpu(300));
  row(batch, EntityType.Namespace, { namespace: 'kube-system' }, cpu(30));
  row(batch, EntityType.Cluster, {}, cpu(3000));
  const web = row(
    batch,
    EntityType.Pod,
    { namespace: 'default', pod: 'web-1', node: 'node-a' },
    cpu(250),
  );
  batch.setLabel(EntityType.Pod, web, LabelId.PodId, 'uid-web-1');
  batch.setLabel(EntityType.Pod, web, LabelId.Labels, 'app:web,tier:"front"');
  row(batch, EntityType.Pod, { namespace: 'default', pod: 'web-2', node: 'node-b' }, cpu(50.5));
  row(batch, EntityType.Pod, { namespace: 'kube-system', pod: 'dns', node: 'node-a' }, cpu(30));
  const app = row(
    batch,
    EntityType.PodContainer,
    { namespace: 'default', pod: 'web-1', container: 'app', node: 'node-a' },
    cpu(200),
  );
  batch.table(EntityType.PodContainer).setCollectionStartTime(app, T0 - 3_600_000);
  row(
    batch,
    EntityType.PodContainer,
    { namespace: 'default', pod: 'web-1', container: 'sidecar', node: 'node-a' },
    cpu(50),
  );
  row(
    batch,
    EntityType.PodContainer,
    { namespace: 'default', pod: 'web-2', container: 'app', node: 'node-b' },
    cpu(50.5),
  );
  row(
    batch,
    EntityType.PodContainer,
    { namespace: 'kube-system', pod: 'dns', container: 'dns', node: 'node-a' },
    cpu(30),
  );
  labeled(
    batch,
    EntityType.PodContainer,
    app,
    MetricId.FilesystemUsage,
    { resource_id: '/' },
    100 + seed,
  );
  labeled(
    batch,
    EntityType.PodContainer,
    app,
    MetricId.FilesystemUsage,
    { resource_id: 'logs' },
    200 + seed,
  );
  const custom = batch.metrics.ensure('custom/queue_delta', { type: 'gauge', valueType: 'double' });
  batch.table(EntityType.PodContainer).setValue(app, custom.id, -2.5);
  return batch;
}

/** A store holding `batches` sample batches, the newest at T0 + (batches − 1) × resolution. */
export function sampleStore(batches = 3): RecentStore {
  const store = new RecentStore({ resolutionMs: RESOLUTION_MS });
  let last: DataBatch | undefined;
  for (let i = 0; i < batches; i++) {
    last = sampleBatch(T0 + i * RESOLUTION_MS, i, last);
    store.add(last);
  }
  return store;
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: RecentStore;
  readonly registry: Registry;
  readonly clock: ManualClock;
}

/** An app over a sample store, "now" one resolution after the newest batch. */
export async function sampleApp(
  options: ApiAppOptions = {},
  deps: Partial<ApiAppDeps> = {},
  batches = 3,
): Promise<TestApp> {
  const store = sampleStore(batches);
  const registry = new Registry();
  const clock = new ManualClock(T0 + batches * RESOLUTION_MS);
  const app = await buildApiApp(
    {
      store,
      registry,
      liveness: () => ({ ok: true, reason: 'ticking' }),
      readiness: [],
      logger: noopLogger,
      clock,
      metricsApi: { store, resolutionMs: RESOLUTION_MS, now: () => clock.now() },
      ...deps,
    },
    options,
  );
  return { app, store, registry, clock };
}
