import {
  DataBatch,
  EntityType,
  MetricId,
  type EntityKeyParts,
  type MetricCatalogue,
  type StringTable,
} from '@heapster/model';

/** Values by metric id, e.g. `{ [MetricId.CpuUsageRate]: 250.5 }`. */
export type Values = Readonly<Record<number, number>>;

/** Builds small batches for tests; batches of one builder share catalogue and strings. */
export class BatchBuilder {
  private readonly _metrics: MetricCatalogue | undefined;
  private readonly _strings: StringTable | undefined;
  batch: DataBatch;

  constructor(timestamp: number, shared?: DataBatch) {
    this._metrics = shared?.metrics;
    this._strings = shared?.strings;
    this.batch = new DataBatch({ timestamp, metrics: this._metrics, strings: this._strings });
  }

  row(type: EntityType, parts: EntityKeyParts, values: Values = {}): number {
    const table = this.batch.table(type);
    const row = table.addRow(parts);
    for (const [id, value] of Object.entries(values)) table.setValue(row, Number(id), value);
    return row;
  }

  node(node: string, values?: Values): number {
    return this.row(EntityType.Node, { node }, values);
  }

  pod(namespace: string, pod: string, node: string, values?: Values): number {
    return this.row(EntityType.Pod, { namespace, pod, node }, values);
  }

  container(namespace: string, pod: string, container: string, values?: Values): number {
    return this.row(EntityType.PodContainer, { namespace, pod, container, node: 'n1' }, values);
  }

  labeled(
    type: EntityType,
    row: number,
    metricId: number,
    labels: Record<string, string>,
    value: number,
  ): void {
    const pairs = Object.entries(labels).map(([key, v]) => ({ key, value: v }));
    this.batch.labeled.add(type, row, metricId, this.batch.labelSets.intern(pairs), value);
  }
}

/** A batch with nodes and pods that all have CPU and memory values derived from `seed`. */
export function clusterBatch(
  timestamp: number,
  pods: readonly string[],
  seed: number,
  shared?: DataBatch,
): DataBatch {
  const builder = new BatchBuilder(timestamp, shared);
  builder.node('n1', usage(seed));
  for (const pod of pods) {
    builder.pod('default', pod, 'n1', usage(seed + 1));
    builder.container('default', pod, 'app', usage(seed + 2));
  }
  return builder.batch;
}

export function usage(seed: number): Values {
  return {
    [MetricId.CpuUsageRate]: seed + 0.25,
    [MetricId.MemoryUsage]: seed * 1_000_000 + 7,
    [MetricId.MemoryWorkingSet]: seed * 1_000 + 3,
    [MetricId.NetworkRxRate]: seed / 2,
  };
}
