import type { ReadQuery } from './list-query.js';
import type { MetricsJson } from './metrics-json.js';
import { renderTable, type TableColumn, type TableRow } from './table-json.js';
import { cpuQuantity, memoryQuantity } from './usage-quantities.js';
import type { UsageSnapshot } from './usage-snapshot.js';

type LabelMap = Readonly<Record<string, string>>;

/** metrics-server's columns; a pod's CPU and Memory are the sums over its containers. */
const COLUMNS: readonly TableColumn[] = [
  { name: 'Name', type: 'string', format: 'name', description: 'Name of the resource' },
  { name: 'CPU', type: 'string', description: 'CPU usage' },
  { name: 'Memory', type: 'string', description: 'Memory usage (working set)' },
  { name: 'Window', type: 'string', description: 'Interval the CPU rate was computed over' },
];

/** A Table of NodeMetrics (`kubectl get nodes.metrics.k8s.io`). */
export function nodeMetricsTable(
  snapshot: UsageSnapshot,
  json: MetricsJson,
  entries: readonly { readonly index: number; readonly labels: LabelMap }[],
  query: ReadQuery,
): string {
  const rows: TableRow[] = entries.map(({ index, labels }) => ({
    cells: [
      snapshot.nodeName(index),
      cpuQuantity(snapshot.nodeCpu(index)),
      memoryQuantity(snapshot.nodeMemory(index)),
      json.window(snapshot.nodeWindowMs(index)),
    ],
    objectJson: () => json.node(index, labels, false),
    metadataJson: () => json.nodeMetadata(index, labels),
  }));
  return render(json, 'NodeMetrics', rows, query);
}

/** A Table of PodMetrics (`kubectl get pods.metrics.k8s.io`). */
export function podMetricsTable(
  snapshot: UsageSnapshot,
  json: MetricsJson,
  entries: readonly { readonly index: number; readonly labels: LabelMap }[],
  query: ReadQuery,
): string {
  const rows: TableRow[] = entries.map(({ index, labels }) => {
    const [start, end] = snapshot.containerRange(index);
    let cpu = 0;
    let memory = 0;
    for (let j = start; j < end; j++) {
      cpu += snapshot.containerCpu(j);
      memory += snapshot.containerMemory(j);
    }
    return {
      cells: [
        snapshot.podName(index),
        cpuQuantity(cpu),
        memoryQuantity(memory),
        json.window(snapshot.podWindowMs(index)),
      ],
      objectJson: () => json.pod(index, labels, false),
      metadataJson: () => json.podMetadata(index, labels),
    };
  });
  return render(json, 'PodMetrics', rows, query);
}

function render(json: MetricsJson, kind: string, rows: TableRow[], query: ReadQuery): string {
  return renderTable(query.table ?? 'meta.k8s.io/v1', COLUMNS, rows, query.includeObject, {
    kind,
    apiVersion: json.apiVersion,
  });
}
