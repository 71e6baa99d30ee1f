// Append throughput of the duckdb metric sink: batches shaped like the core's (pods with one
// container, cpu + memory + 2 labeled filesystem values), written through the sink. Not a test.
// Usage: node bench/append.mjs [pods=100000] [batches=5]
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DataBatch,
  EntityType,
  LabelCatalogue,
  LabelId,
  MetricCatalogue,
  MetricId,
  StringTable,
} from '@heapster/model';
import { noopLogger, systemClock } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { duckdbSinkFactory } from '../dist/index.js';

const pods = Number(process.argv[2] ?? 100_000);
const batches = Number(process.argv[3] ?? 5);
const metrics = new MetricCatalogue();
// Shared by consecutive batches, as the core does (ids then compare across batches).
const strings = new StringTable();
const labels = new LabelCatalogue();
const perContainer = [
  MetricId.CpuUsageRate,
  MetricId.MemoryUsage,
  MetricId.MemoryWorkingSet,
  MetricId.MemoryRss,
  MetricId.CpuRequest,
  MetricId.CpuLimit,
  MetricId.MemoryRequest,
  MetricId.MemoryLimit,
  MetricId.Uptime,
  MetricId.CpuUsage,
  MetricId.RestartCount,
];
const perPod = [
  ...perContainer,
  MetricId.NetworkRxRate,
  MetricId.NetworkTxRate,
  MetricId.NetworkRx,
  MetricId.NetworkTx,
];

function batchAt(timestamp) {
  const batch = new DataBatch({
    timestamp,
    metrics,
    strings,
    labels,
    capacity: { 0: pods * 2, 1: pods },
  });
  const fs = ['/', 'logs'].map(id => batch.labelSets.internPair('resource_id', id));
  const podTable = batch.table(EntityType.Pod);
  const containerTable = batch.table(EntityType.PodContainer);
  for (let p = 0; p < pods; p++) {
    const ns = `ns-${p % 100}`;
    const node = `node-${p % 1000}`;
    const row = podTable.addRow({ namespace: ns, pod: `pod-${p}`, node });
    batch.setLabel(EntityType.Pod, row, LabelId.PodId, `uid-${p}`);
    for (const m of perPod) podTable.setValue(row, m, p + m + (timestamp % 1000));
    for (let c = 0; c < 2; c++) {
      const crow = containerTable.addRow({
        namespace: ns,
        pod: `pod-${p}`,
        container: `c${c}`,
        node,
      });
      batch.setLabel(EntityType.PodContainer, crow, LabelId.PodId, `uid-${p}`);
      for (const m of perContainer) containerTable.setValue(crow, m, p * 3 + m + c);
      for (const set of fs)
        batch.labeled.add(EntityType.PodContainer, crow, MetricId.FilesystemUsage, set, p + c);
    }
  }
  return batch;
}

const dir = mkdtempSync(join(tmpdir(), 'duckdb-append-'));
const settings = { logger: noopLogger, clock: systemClock, registry: undefined };
const config = duckdbSinkFactory.parseConfig(
  parseSinkUri(`duckdb:${join(dir, 'bench.duckdb')}?compact_rows=1000000000`),
);
const sink = duckdbSinkFactory.createMetricSink(config, settings);
const signal = new AbortController().signal;
await sink.start({ signal });
const start = Date.UTC(2024, 0, 1);
const runs = [];
for (let i = 0; i < batches; i++) {
  const batch = batchAt(start + i * 15_000);
  const values = batch.valueCount();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sink.write(batch, { signal });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  runs.push({
    batch: i,
    values,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    wallUsPerValue: +((wallMs * 1000) / values).toFixed(3),
    cpuUsPerValue: +((cpu.user + cpu.system) / values).toFixed(3),
  });
}
await sink.shutdown({ signal });
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ bench: 'store-duckdb/append', pods, runs }, null, 1));
